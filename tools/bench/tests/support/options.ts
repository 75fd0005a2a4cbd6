import { DEFAULT_RUN_TIMEOUT_SECONDS, type BenchOptions } from '../../src/options';

/** Options as the CLI would resolve them for `--target aws`, with what a test changes. */
export function awsOptions(overrides: Partial<BenchOptions> & Pick<BenchOptions, 'outputsFile' | 'datasetDir' | 'out'>): BenchOptions {
  return { sizes: [1], runs: 1, timeScale: 1, target: 'aws', allowOverCeiling: false, runTimeoutSeconds: DEFAULT_RUN_TIMEOUT_SECONDS, screenshot: false, ...overrides };
}
