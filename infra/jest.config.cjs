module.exports = {
  ...require('../jest.preset.cjs'),
  rootDir: __dirname,
  displayName: 'infra',
  // cdktf's jest matchers (toHaveResourceWithProperties, …).
  setupFilesAfterEnv: ['<rootDir>/tests/setup-cdktf-matchers.ts'],
};
