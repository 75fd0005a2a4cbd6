/**
 * distributed-map with an ItemBatcher, for the local target: infra's own app synthesized with
 * FANOUT_DISTRIBUTED_MAX_ITEMS_PER_BATCH=<n> (and nothing else changed) into a temporary folder,
 * so the batched stack runs on its own local cloud beside the deployed one. The Lambda bundles
 * are the ones `infra:synth` built.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@fanout/shared-types';
import { OptionError, TargetError } from '../errors';

export interface SynthesizedVariant {
  synthDir: string;
  remove(): void;
}

type InfraApp = typeof import('@fanout/infra/src/app');
type InfraConfig = typeof import('@fanout/infra/src/config');
type InfraConstants = typeof import('@fanout/infra/src/constants');

/** Infra's stacks and configuration, loaded only when a variant is asked for (cdktf and its provider take seconds to load). */
function infra(): { buildApp: InfraApp['buildApp']; loadConfig: InfraConfig['loadConfig']; LAMBDA_BUNDLES: InfraConstants['LAMBDA_BUNDLES'] } {
  const { buildApp } = require('@fanout/infra/src/app') as InfraApp;
  const { loadConfig } = require('@fanout/infra/src/config') as InfraConfig;
  const { LAMBDA_BUNDLES } = require('@fanout/infra/src/constants') as InfraConstants;
  return { buildApp, loadConfig, LAMBDA_BUNDLES };
}

export function synthesizeBatchVariant(maxItemsPerBatch: number): SynthesizedVariant {
  const { buildApp, loadConfig, LAMBDA_BUNDLES } = infra();
  let config;
  try {
    config = loadConfig({ env: { ...process.env, FANOUT_DISTRIBUTED_MAX_ITEMS_PER_BATCH: String(maxItemsPerBatch) } });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new OptionError(`--distributed-batch ${maxItemsPerBatch}: infra's configuration refuses it (${error.message})`);
  }
  const missing = LAMBDA_BUNDLES.map((name) => join(config.bundleRoot, name)).filter((dir) => !existsSync(join(dir, 'index.js')));
  if (missing.length > 0) throw new TargetError(`the Lambda bundles are not built (${missing.join(', ')}): run npx nx run infra:synth first (nx run bench:run does it for you)`);
  const synthDir = mkdtempSync(join(tmpdir(), 'bench-distributed-batch-'));
  const remove = (): void => rmSync(synthDir, { recursive: true, force: true });
  try {
    buildApp({ config, outdir: synthDir, patterns: ['distributed-map'] }).app.synth();
  } catch (error) {
    remove();
    // The stack checks its own limits as it is built (an Express child must end within 5 minutes).
    if (!(error instanceof ValidationError)) throw error;
    throw new OptionError(`--distributed-batch ${maxItemsPerBatch}: the distributed-map stack refuses it (${(error as Error).message})`);
  }
  return { synthDir, remove };
}
