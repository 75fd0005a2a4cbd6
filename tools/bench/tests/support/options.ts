import { DEFAULT_RUN_TIMEOUT_SECONDS, type BenchOptions } from '../../src/options';

/** Options as the CLI would resolve them for `--target aws`, with what a test changes. */
export function awsOptions(overrides: Partial<BenchOptions> & Pick<BenchOptions, 'outputsFile' | 'datasetDir' | 'out'>): BenchOptions {
  return { sizes: [1], runs: 1, timeScale: 1, target: 'aws', allowOverCeiling: false, runTimeoutSeconds: DEFAULT_RUN_TIMEOUT_SECONDS, screenshot: false, items: 'auto', ...overrides };
}

/** Options as the CLI would resolve them for the local target, with what a test changes. */
export function localOptions(overrides: Partial<BenchOptions> & Pick<BenchOptions, 'datasetDir' | 'out'>): BenchOptions {
  return { sizes: [1], runs: 1, timeScale: 100, target: 'local', outputsFile: '', allowOverCeiling: false, runTimeoutSeconds: DEFAULT_RUN_TIMEOUT_SECONDS, screenshot: false, items: 'auto', ...overrides };
}
