import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ValidationError } from '@fanout/shared-types';
import { DEFAULT_CONFIG, INFRA_ROOT, loadConfig } from '../src/config';

describe('loadConfig', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'infra-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function writeConfig(name: string, content: unknown): string {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  function errorOf(fn: () => unknown): ValidationError {
    try {
      fn();
    } catch (error) {
      if (error instanceof ValidationError) return error;
      throw error;
    }
    throw new Error('expected a ValidationError');
  }

  it('gives the documented defaults when neither a file nor FANOUT_* variables are set', () => {
    // Act
    const config = loadConfig({ env: {}, file: writeConfig('empty.json', {}) });

    // Assert
    expect(config).toEqual({ ...DEFAULT_CONFIG });
    expect(config.slotCount).toBe(3);
    expect(config.computeMs).toBe(5000);
    expect(config.region).toBe('us-east-1');
  });

  it('takes values from the file and lets the environment override them', () => {
    // Arrange
    const file = writeConfig('custom.json', { region: 'eu-west-1', slotCount: 4, tags: { team: 'hpc' }, backend: { bucket: 'my-state-bucket' } });
    const env = { FANOUT_SLOT_COUNT: '6', FANOUT_COMPUTE_MS: '1000', FANOUT_TAGS: '{"owner":"bench"}', FANOUT_STATE_KEY_PREFIX: 'envs/dev' };

    // Act
    const config = loadConfig({ env, file });

    // Assert
    expect(config.region).toBe('eu-west-1');
    expect(config.slotCount).toBe(6);
    expect(config.computeMs).toBe(1000);
    expect(config.tags).toEqual({ project: 'sfn-fanout', owner: 'bench' });
    expect(config.backend).toEqual({ bucket: 'my-state-bucket', keyPrefix: 'envs/dev' });
  });

  it('reads the file named by FANOUT_CONFIG and resolves a relative bundleRoot against infra/', () => {
    // Arrange
    const file = writeConfig('named.json', { bundleRoot: '../dist/apps', namePrefix: 'bench1' });

    // Act
    const config = loadConfig({ env: { FANOUT_CONFIG: file } });

    // Assert
    expect(config.namePrefix).toBe('bench1');
    expect(config.bundleRoot).toBe(path.resolve(INFRA_ROOT, '../dist/apps'));
  });

  it('names the file and every bad field, including unknown keys', () => {
    // Arrange
    const file = writeConfig('bad.json', { slotCount: 0, logRetentionDays: 10, namePrefix: 'Bad_Prefix', slots: 3 });

    // Act
    const error = errorOf(() => loadConfig({ env: {}, file }));

    // Assert
    expect(error.source).toBe(file);
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['slotCount', 'logRetentionDays', 'namePrefix', 'slots']));
    expect(error.message).toContain('slotCount must be at least 1');
  });

  it('names the environment variable when a FANOUT_* value is wrong', () => {
    // Act
    const error = errorOf(() => loadConfig({ env: { FANOUT_SLOT_COUNT: 'three', FANOUT_REGION: 'moon-1' }, file: writeConfig('ok.json', {}) }));

    // Assert
    expect(error.source).toBe('environment');
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['FANOUT_SLOT_COUNT (slotCount)', 'FANOUT_REGION (region)']));
  });

  it('rejects a file that is not JSON, naming it', () => {
    // Arrange
    const file = writeConfig('broken.json', '{ slotCount: 3');

    // Act
    const error = errorOf(() => loadConfig({ env: {}, file }));

    // Assert
    expect(error.source).toBe(file);
    expect(error.message).toContain('cannot read JSON');
  });

  it('rejects a Lambda timeout that leaves no room for the compute time', () => {
    // Act
    const error = errorOf(() => loadConfig({ env: { FANOUT_COMPUTE_MS: '30000', FANOUT_LAMBDA_TIMEOUT_SECONDS: '30' }, file: writeConfig('ok2.json', {}) }));

    // Assert
    expect(error.issues[0]?.path).toBe('lambdaTimeoutSeconds');
  });

  it('requires the bucket when any state backend variable is set', () => {
    // Act
    const error = errorOf(() => loadConfig({ env: { FANOUT_STATE_REGION: 'eu-west-1' }, file: writeConfig('ok3.json', {}) }));

    // Assert
    expect(error.issues[0]?.path).toBe('backend.bucket');
    expect(error.message).toContain('FANOUT_STATE_BUCKET');
  });
});
