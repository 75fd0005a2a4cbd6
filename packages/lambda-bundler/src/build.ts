import { build } from 'esbuild';
import { rm, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { BUNDLE_FILE, type LambdaBuildProps, lambdaBuildOptions } from './build-options';

export interface LambdaBuildResult {
  outfile: string;
  bytes: number;
  /** Bytes contributed per package (node_modules/<pkg>, or the workspace folder), largest first. */
  inputs: { name: string; bytes: number }[];
}

function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match?.[1]) return match[1];
  return path.split('/').slice(0, 2).join('/');
}

/** Builds one Lambda into a clean `outdir` (nothing stale is left to be zipped). */
export async function buildLambda(props: LambdaBuildProps): Promise<LambdaBuildResult> {
  const outdir = isAbsolute(props.outdir) ? props.outdir : join(props.workspaceRoot, props.outdir);
  await rm(outdir, { recursive: true, force: true });
  const result = await build(lambdaBuildOptions({ ...props, outdir }));
  const outfile = join(outdir, BUNDLE_FILE);
  const output = Object.values(result.metafile?.outputs ?? {}).find((o) => o.entryPoint !== undefined);
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    byPackage.set(packageOf(path), (byPackage.get(packageOf(path)) ?? 0) + input.bytesInOutput);
  }
  const inputs = [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
  return { outfile, bytes: (await stat(outfile)).size, inputs };
}
