import type { BuildOptions } from 'esbuild';
import { join } from 'node:path';

/**
 * Syntax target. AWS runs the functions on nodejs22.x, but this machine and CI run Node 20 and the
 * bundle tests load the real artefact here, so the output must parse on Node 20. `node20` is a
 * subset of what Node 22 accepts, and esbuild lowers nothing of consequence for our code at this
 * level (no decorators, no `using`), so nothing is lost on AWS.
 */
export const LAMBDA_TARGET = 'node20';

/** File names the infrastructure relies on: handler string `index.handler`. */
export const BUNDLE_FILE = 'index.js';

export interface LambdaBuildProps {
  /** Entry module exporting `handler`, relative to `workspaceRoot` or absolute. */
  entry: string;
  /** Output folder, e.g. dist/apps/compute-direct. */
  outdir: string;
  /** Folder paths are resolved from (and source map paths are made relative to). */
  workspaceRoot: string;
  /** Packages left to the runtime instead of bundled (the benchmark's "SDK external" variant). */
  external?: string[];
}

/**
 * The one esbuild configuration every Lambda uses.
 * - One CommonJS file (`index.js`) exporting `handler`, minified, with a linked source map, kept
 *   for mapping a logged stack offline. NODE_OPTIONS=--enable-source-maps is measured by the
 *   benchmark and not recommended: it slows every cold start and the first logged stack.
 * - `mainFields: module, main`: the AWS SDK v3 ships ES modules marked side-effect free; taking
 *   them instead of the CommonJS builds lets esbuild drop the commands and code we never use
 *   (measured: the SFN client alone 474 KB → 313 KB, load ~115 → ~75 ms).
 * - Everything, the AWS SDK included, is bundled: see the README for the measurement behind it.
 * - Deterministic: no timestamps, paths in the source map relative to the output folder, so the
 *   same sources give the same bytes and Terraform's source hash only moves when code does.
 */
export function lambdaBuildOptions(props: LambdaBuildProps): BuildOptions {
  return {
    absWorkingDir: props.workspaceRoot,
    entryPoints: [props.entry],
    outfile: join(props.outdir, BUNDLE_FILE),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: LAMBDA_TARGET,
    mainFields: ['module', 'main'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'eof',
    charset: 'utf8',
    external: props.external ?? [],
    logLevel: 'warning',
    metafile: true,
  };
}
