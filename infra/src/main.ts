/** cdktf's app entry (cdktf.json "app"): load and validate the configuration, define both stacks, synthesize. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { buildApp } from './app';
import { loadConfig } from './config';
import { LAMBDA_BUNDLES } from './constants';

function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const missing = LAMBDA_BUNDLES.map((name) => path.join(config.bundleRoot, name)).filter((dir) => !existsSync(path.join(dir, 'index.js')));
  if (missing.length > 0) {
    console.error(`Lambda bundles not built: ${missing.join(', ')}\nRun \`npx nx run infra:synth\` (it builds them first) or \`npx nx run-many -t build\`.`);
    process.exit(2);
  }
  buildApp({ config }).app.synth();
}

main();
