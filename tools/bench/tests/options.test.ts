import { DEFAULT_OUTPUTS_FILE, WORKSPACE_ROOT } from '../src/paths';
import { DEFAULT_TIME_SCALE, type RawOptions, resolveOptions } from '../src/options';

const raw = (overrides: Partial<RawOptions> = {}): RawOptions => ({ sizes: '1,10,100,1000', runs: '3', datasetDir: 'datasets', out: 'results', target: 'local', runTimeout: '900', ...overrides });

describe('command-line options', () => {
  it('defaults to the local target, the seeds sizes, 3 runs and the default time scale', () => {
    expect(resolveOptions(raw())).toMatchObject({ target: 'local', sizes: [1, 10, 100, 1000], runs: 3, timeScale: DEFAULT_TIME_SCALE, datasetDir: `${WORKSPACE_ROOT}/datasets`, out: `${WORKSPACE_ROOT}/results`, outputsFile: DEFAULT_OUTPUTS_FILE });
  });

  it('runs AWS in real time and reads its outputs file', () => {
    expect(resolveOptions(raw({ target: 'aws', outputs: 'tmp/out.json' }))).toMatchObject({ target: 'aws', timeScale: 1, outputsFile: `${WORKSPACE_ROOT}/tmp/out.json` });
  });

  it('names the flag of every bad value', () => {
    expect(() => resolveOptions(raw({ target: 'gcp' }))).toThrow('--target: expected local or aws, got "gcp"');
    expect(() => resolveOptions(raw({ sizes: '10,ten' }))).toThrow('--sizes: expected a whole number from 1');
    expect(() => resolveOptions(raw({ runs: '0' }))).toThrow('--runs: expected a whole number from 1 to 100, got "0"');
    expect(() => resolveOptions(raw({ patterns: 'map-in-map' }))).toThrow('--patterns: unknown pattern "map-in-map" (known: map-in-parallel, map-eventbridge-callback)');
    expect(() => resolveOptions(raw({ timeScale: '-2' }))).toThrow('--time-scale: expected a number above 0');
    expect(() => resolveOptions(raw({ computeMs: '5s' }))).toThrow('--compute-ms: expected a whole number from 0 to 900000');
  });

  it('refuses options that do not apply to the target', () => {
    expect(() => resolveOptions(raw({ target: 'aws', timeScale: '10' }))).toThrow('--time-scale: applies to the local target only');
    expect(() => resolveOptions(raw({ outputs: 'x.json' }))).toThrow('--outputs: applies to --target aws only');
  });

  it('takes explicit dataset files relative to the repository root', () => {
    expect(resolveOptions(raw({ datasets: 'a/flat.json, b/slotted.json' })).datasets).toEqual([`${WORKSPACE_ROOT}/a/flat.json`, `${WORKSPACE_ROOT}/b/slotted.json`]);
  });
});
