module.exports = { ...require('../../jest.preset.cjs'), rootDir: __dirname, displayName: 'local-cloud' };
