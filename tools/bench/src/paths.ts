import { join, resolve } from 'node:path';

/** The repository root: relative paths on the command line resolve against it (Nx runs commands there). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');
export const BENCH_ROOT = resolve(__dirname, '..');

/** Where `infra:deploy` writes the stacks' outputs (infra's DEPLOY_OUTPUTS_FILE, relative to infra/). */
export const DEFAULT_OUTPUTS_FILE = join(WORKSPACE_ROOT, 'infra', 'outputs', 'deploy-outputs.json');
/** What `infra:synth` writes and the local cloud deploys. */
export const SYNTH_DIR = join(WORKSPACE_ROOT, 'infra', 'cdktf.out');
export const REFERENCE_2022_FILE = join(BENCH_ROOT, 'reference', 'aws-sample-2022-performance.json');

export function fromWorkspace(path: string): string {
  return resolve(WORKSPACE_ROOT, path);
}
