import { Command } from 'commander';
import { resolve } from 'node:path';
import { buildLambda } from './build';

/** `tsx packages/lambda-bundler/src/cli.ts build <entry> --outdir dist/apps/<name>` (run from the workspace root, as Nx does). */
const program = new Command('lambda-bundler').description('Bundles a Lambda handler with esbuild');

program
  .command('build')
  .argument('<entry>', 'entry module exporting `handler`')
  .requiredOption('--outdir <dir>', 'output folder (gets index.js and index.js.map)')
  .option('--root <dir>', 'workspace root', process.cwd())
  .option('--verbose', 'list the bytes each package contributes')
  .action(async (entry: string, options: { outdir: string; root: string; verbose?: boolean }) => {
    const result = await buildLambda({ entry, outdir: options.outdir, workspaceRoot: resolve(options.root) });
    process.stdout.write(`${options.outdir}/index.js: ${(result.bytes / 1024).toFixed(1)} KiB\n`);
    if (options.verbose) for (const i of result.inputs) process.stdout.write(`  ${(i.bytes / 1024).toFixed(1).padStart(8)} KiB  ${i.name}\n`);
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`lambda-bundler: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
