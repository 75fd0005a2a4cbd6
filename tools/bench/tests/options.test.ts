import { DEFAULT_OUTPUTS_FILE, WORKSPACE_ROOT } from '../src/paths';
import { DEFAULT_TIME_SCALE, type RawOptions, resolveOptions } from '../src/options';

const raw = (overrides: Partial<RawOptions> = {}): RawOptions => ({ runs: '3', datasetDir: 'datasets', out: 'results', target: 'local', runTimeout: '900', ...overrides });

describe('command-line options', () => {
  it('defaults to the local target, the seeds sizes, 3 runs, the default time scale, one run of 10,000 cases and the batch-10 series of distributed-map', () => {
    expect(resolveOptions(raw())).toMatchObject({
      target: 'local',
      sizes: [1, 10, 100, 1000],
      runs: 3,
      timeScale: DEFAULT_TIME_SCALE,
      datasetDir: `${WORKSPACE_ROOT}/datasets`,
      out: `${WORKSPACE_ROOT}/results`,
      outputsFile: DEFAULT_OUTPUTS_FILE,
      items: 'auto',
      scaleRun: 10_000,
      distributedBatch: 10,
    });
  });

  it('leaves the scale run to the default run, and the batch variant to the local target', () => {
    expect(resolveOptions(raw({ sizes: '10' })).scaleRun).toBeUndefined();
    expect(resolveOptions(raw({ sizes: '10', scaleRun: '2000' })).scaleRun).toBe(2000);
    expect(resolveOptions(raw({ scaleRun: '0', distributedBatch: '0' }))).not.toHaveProperty('scaleRun');
    expect(resolveOptions(raw({ distributedBatch: '0' }))).not.toHaveProperty('distributedBatch');
    expect(resolveOptions(raw({ target: 'aws' }))).not.toHaveProperty('distributedBatch');
    expect(resolveOptions(raw({ items: 's3' })).items).toBe('s3');
  });

  it('runs AWS in real time and reads its outputs file', () => {
    expect(resolveOptions(raw({ target: 'aws', outputs: 'tmp/out.json' }))).toMatchObject({ target: 'aws', timeScale: 1, outputsFile: `${WORKSPACE_ROOT}/tmp/out.json` });
  });

  it('names the flag of every bad value', () => {
    expect(() => resolveOptions(raw({ target: 'gcp' }))).toThrow('--target: expected local or aws, got "gcp"');
    expect(() => resolveOptions(raw({ sizes: '10,ten' }))).toThrow('--sizes: expected a whole number from 1');
    expect(() => resolveOptions(raw({ runs: '0' }))).toThrow('--runs: expected a whole number from 1 to 100, got "0"');
    expect(() => resolveOptions(raw({ patterns: 'map-in-map' }))).toThrow('--patterns: unknown pattern "map-in-map" (known: map-in-parallel, map-eventbridge-callback, distributed-map)');
    expect(() => resolveOptions(raw({ items: 'ftp' }))).toThrow('--items: expected auto, request, s3, got "ftp"');
    expect(() => resolveOptions(raw({ distributedBatch: 'ten' }))).toThrow('--distributed-batch: expected a whole number from 0 to 100000');
    expect(() => resolveOptions(raw({ timeScale: '-2' }))).toThrow('--time-scale: expected a number above 0');
    expect(() => resolveOptions(raw({ computeMs: '5s' }))).toThrow('--compute-ms: expected a whole number from 0 to 900000');
  });

  it('refuses options that do not apply to the target', () => {
    expect(() => resolveOptions(raw({ target: 'aws', timeScale: '10' }))).toThrow('--time-scale: applies to the local target only');
    expect(() => resolveOptions(raw({ outputs: 'x.json' }))).toThrow('--outputs: applies to --target aws only');
    expect(() => resolveOptions(raw({ target: 'aws', distributedBatch: '10' }))).toThrow(/--distributed-batch: applies to the local target only; on AWS the bench runs the deployed distributed-map stack as it is/);
    expect(() => resolveOptions(raw({ datasets: 'a.json', scaleRun: '10000' }))).toThrow(/--scale-run: .* does not go with --datasets/);
  });

  it('takes explicit dataset files relative to the repository root', () => {
    expect(resolveOptions(raw({ datasets: 'a/flat.json, b/slotted.json' })).datasets).toEqual([`${WORKSPACE_ROOT}/a/flat.json`, `${WORKSPACE_ROOT}/b/slotted.json`]);
  });
});
