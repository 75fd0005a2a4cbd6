import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { caughtValidationError } from '@fanout/shared-types/testing/caught-validation-error';
import { DEFAULT_CONFIG, INFRA_ROOT, WORKSPACE_ROOT, loadConfig } from '../src/config';
import { canonicalJson, configFingerprint, configHash } from '../src/config-fingerprint';

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

  it('gives the documented defaults when neither a file nor FANOUT_* variables are set', () => {
    // Act
    const config = loadConfig({ env: {}, file: writeConfig('empty.json', {}) });

    // Assert
    expect(config).toEqual({ ...DEFAULT_CONFIG, callbackTimeoutSeconds: 264 });
    expect(config.toleratedFailurePercentage).toBe(0);
    expect(config).not.toHaveProperty('computeReservedConcurrency');
    expect(config).not.toHaveProperty('executionTimeoutSeconds');
    expect(config).not.toHaveProperty('alarmEmail');
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

  it('resolves a relative FANOUT_CONFIG against infra/, whatever the current directory', () => {
    // Arrange
    const file = writeConfig('relative.json', { slotCount: 9 });
    const relative = path.relative(INFRA_ROOT, file);
    const cwd = process.cwd();

    // Act
    process.chdir(dir);
    let config;
    try {
      config = loadConfig({ env: { FANOUT_CONFIG: relative } });
    } finally {
      process.chdir(cwd);
    }

    // Assert
    expect(path.isAbsolute(relative)).toBe(false);
    expect(config.slotCount).toBe(9);
  });

  it('names the file and every bad field, including unknown keys', () => {
    // Arrange
    const file = writeConfig('bad.json', { slotCount: 0, logRetentionDays: 10, namePrefix: 'Bad_Prefix', slots: 3 });

    // Act
    const error = caughtValidationError(() => loadConfig({ env: {}, file }));

    // Assert
    expect(error.source).toBe(file);
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['slotCount', 'logRetentionDays', 'namePrefix', 'slots']));
    expect(error.message).toContain('slotCount must be at least 1');
  });

  it('names the environment variable when a FANOUT_* value is wrong', () => {
    // Act
    const error = caughtValidationError(() => loadConfig({ env: { FANOUT_SLOT_COUNT: 'three', FANOUT_REGION: 'moon-1' }, file: writeConfig('ok.json', {}) }));

    // Assert
    expect(error.source).toBe('environment');
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['FANOUT_SLOT_COUNT (slotCount)', 'FANOUT_REGION (region)']));
  });

  it('rejects a file that is not JSON, naming it', () => {
    // Arrange
    const file = writeConfig('broken.json', '{ slotCount: 3');

    // Act
    const error = caughtValidationError(() => loadConfig({ env: {}, file }));

    // Assert
    expect(error.source).toBe(file);
    expect(error.message).toContain('cannot read JSON');
  });

  it('rejects a Lambda timeout that leaves no room for the compute time', () => {
    // Act
    const error = caughtValidationError(() => loadConfig({ env: { FANOUT_COMPUTE_MS: '30000', FANOUT_LAMBDA_TIMEOUT_SECONDS: '30' }, file: writeConfig('ok2.json', {}) }));

    // Assert
    expect(error.issues[0]?.path).toBe('lambdaTimeoutSeconds');
  });

  it('requires the bucket when any state backend variable is set', () => {
    // Act
    const error = caughtValidationError(() => loadConfig({ env: { FANOUT_STATE_REGION: 'eu-west-1' }, file: writeConfig('ok3.json', {}) }));

    // Assert
    expect(error.issues[0]?.path).toBe('backend.bucket');
    expect(error.message).toContain('FANOUT_STATE_BUCKET');
  });

  it('rejects the removed heartbeat setting with the reason, from the file and from the environment', () => {
    // Act
    const fromFile = caughtValidationError(() => loadConfig({ env: {}, file: writeConfig('heartbeat.json', { callbackHeartbeatSeconds: 30 }) }));
    const fromEnv = caughtValidationError(() => loadConfig({ env: { FANOUT_CALLBACK_HEARTBEAT_SECONDS: '30' }, file: writeConfig('ok4.json', {}) }));

    // Assert
    expect(fromFile.issues).toEqual([{ path: 'callbackHeartbeatSeconds', message: expect.stringContaining('compute-callback sends no heartbeats') }]);
    expect(fromEnv.issues).toEqual([{ path: 'FANOUT_CALLBACK_HEARTBEAT_SECONDS (callbackHeartbeatSeconds)', message: expect.stringContaining('no longer supported') }]);
  });

  it('derives the callback timeout from the compute time and the asynchronous retry budget, unless set', () => {
    // Act
    const derived = (env: NodeJS.ProcessEnv) => loadConfig({ env, file: writeConfig('derived.json', {}) }).callbackTimeoutSeconds;

    // Assert: 3 attempts × (compute + 8 s answer retries + 5 s margin) + 60 s + 120 s + 30 s
    expect(derived({})).toBe(3 * (5 + 8 + 5) + 60 + 120 + 30);
    expect(derived({ FANOUT_COMPUTE_MS: '20000' })).toBe(3 * (20 + 8 + 5) + 210);
    // Never shorter than one run of the function.
    expect(derived({ FANOUT_LAMBDA_TIMEOUT_SECONDS: '600' })).toBe(600);
    expect(derived({ FANOUT_CALLBACK_TIMEOUT_SECONDS: '120' })).toBe(120);
  });

  it('reads the failure threshold, reserved concurrency, execution timeout and alarm email from file and environment', () => {
    // Act
    const config = loadConfig({
      env: { FANOUT_TOLERATED_FAILURE_PERCENTAGE: '2.5', FANOUT_ALARM_EMAIL: 'ops@example.com' },
      file: writeConfig('ops.json', { computeReservedConcurrency: 200, executionTimeoutSeconds: 7200 }),
    });

    // Assert
    expect(config).toMatchObject({ toleratedFailurePercentage: 2.5, computeReservedConcurrency: 200, executionTimeoutSeconds: 7200, alarmEmail: 'ops@example.com' });
  });

  it.each([
    [{ toleratedFailurePercentage: 101 }, 'toleratedFailurePercentage', 'at most 100'],
    [{ toleratedFailurePercentage: 1.234 }, 'toleratedFailurePercentage', 'at most two decimals'],
    [{ computeReservedConcurrency: 0 }, 'computeReservedConcurrency', 'at least 1'],
    [{ executionTimeoutSeconds: 31_536_001 }, 'executionTimeoutSeconds', 'at most 31536000'],
    [{ alarmEmail: 'ops' }, 'alarmEmail', 'an email address'],
  ])('rejects %o, naming the field', (content, field, message) => {
    // Act
    const error = caughtValidationError(() => loadConfig({ env: {}, file: writeConfig('bad-ops.json', content) }));

    // Assert
    expect(error.issues).toEqual([{ path: field, message: expect.stringContaining(message) }]);
  });

  it('checks the region of the provider and of the state bucket with the same rule', () => {
    // Act
    const error = caughtValidationError(() => loadConfig({ env: {}, file: writeConfig('regions.json', { region: 'EU-WEST-1', backend: { bucket: 'state-bucket', region: 'eu-west' } }) }));

    // Assert
    expect(error.issues).toEqual([
      { path: 'region', message: 'region must be an AWS region such as eu-west-1' },
      { path: 'backend.region', message: 'region must be an AWS region such as eu-west-1' },
    ]);
  });
});

describe('configHash (the Nx runtime input of infra:synth)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'infra-config-hash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fileWith = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('is the same for the same resolved configuration, whatever the key order or where a value came from', () => {
    // Arrange
    const a = fileWith('a.json', '{"slotCount":4,"tags":{"a":"1","b":"2"}}');
    const b = fileWith('b.json', '{"tags":{"b":"2","a":"1"},"slotCount":4}');
    const c = fileWith('c.json', '{"tags":{"b":"2","a":"1"}}');

    // Act
    const hashes = [configHash({ env: {}, file: a }), configHash({ env: {}, file: b }), configHash({ env: { FANOUT_SLOT_COUNT: '4' }, file: c }), configHash({ env: { FANOUT_CONFIG: a } })];

    // Assert
    expect(hashes[0]).toMatch(/^config:[0-9a-f]{64}$/);
    expect(new Set(hashes).size).toBe(1);
  });

  it('changes when a value in the file, the file named by FANOUT_CONFIG, or a variable changes', () => {
    // Arrange
    const three = fileWith('three.json', '{"slotCount":3}');
    const five = fileWith('five.json', '{"slotCount":5}');

    // Act
    const hashes = [
      configHash({ env: { FANOUT_CONFIG: three } }),
      configHash({ env: { FANOUT_CONFIG: five } }),
      configHash({ env: { FANOUT_CONFIG: three, FANOUT_COMPUTE_MS: '100' } }),
      configHash({ env: { FANOUT_CONFIG: three, FANOUT_STATE_BUCKET: 'state-bucket' } }),
    ];

    // Assert
    expect(new Set(hashes).size).toBe(4);
  });

  it('does not fail on a bad configuration (synth reports it), but still tells different errors apart', () => {
    // Act
    const bad = configHash({ env: { FANOUT_SLOT_COUNT: '0' }, file: fileWith('ok.json', '{}') });
    const otherBad = configHash({ env: { FANOUT_SLOT_COUNT: '-1' }, file: fileWith('ok.json', '{}') });

    // Assert
    expect(bad).toMatch(/^invalid-config:[0-9a-f]{64}$/);
    expect(otherBad).not.toBe(bad);
  });

  it('writes bundleRoot relative to the workspace and object keys sorted, so other checkouts hash alike', () => {
    // Act
    const fingerprint = configFingerprint({ ...DEFAULT_CONFIG, callbackTimeoutSeconds: 264, tags: { z: '1', a: '2' } });

    // Assert
    expect(JSON.parse(fingerprint)).toMatchObject({ bundleRoot: 'dist/apps', tags: { a: '2', z: '1' } });
    expect(fingerprint).toContain('"tags":{"a":"2","z":"1"}');
    expect(fingerprint).not.toContain(WORKSPACE_ROOT);
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: undefined })).toBe('{"b":[1,{"c":2,"d":1}]}');
  });
});
