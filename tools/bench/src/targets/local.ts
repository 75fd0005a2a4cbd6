/**
 * The local cloud: the one module that calls @fanout/local-cloud's `startLocalCloud`, which
 * deploys the synthesized stacks offline and hands back an endpoint and outputs shaped like
 * `infra/outputs/deploy-outputs.json`. Until that function exists, the local target stops here
 * with a message saying so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TargetError } from '../errors';
import { outputsFrom } from '../outputs';
import { SYNTH_DIR } from '../paths';
import type { Target } from './types';

/** The promised API. */
export interface StartLocalCloudProps {
  timeScale: number;
  stacks: 'all' | string[];
  synthDir: string;
  port: number;
  enforceIam: boolean;
}

export interface LocalCloud {
  url: string;
  /** Same shape as deploy-outputs.json, plus `endpoint`. */
  outputs: unknown;
  stop(): Promise<void>;
}

type StartLocalCloud = (props: StartLocalCloudProps) => Promise<LocalCloud>;

/** Any keys do for the local cloud's external caller (it signs nothing it cannot read). */
const LOCAL_CREDENTIALS = { accessKeyId: 'bench-local', secretAccessKey: 'bench-local' };
/** The local cloud's Lambda logs are written as the invocation runs. */
const LOCAL_LOGS_WAIT_MS = 2_000;

export interface LocalTargetProps {
  timeScale: number;
  synthDir?: string;
  /** How @fanout/local-cloud is loaded (tests hand in a stand-in). */
  load?: () => Promise<Record<string, unknown>>;
}

export async function localTarget(props: LocalTargetProps): Promise<Target> {
  const { timeScale } = props;
  const synthDir = props.synthDir ?? SYNTH_DIR;
  if (!existsSync(join(synthDir, 'manifest.json'))) {
    throw new TargetError(`no synthesized stacks in ${synthDir}: run npx nx run infra:synth first (nx run bench:run does it for you)`);
  }
  const module: Record<string, unknown> = await (props.load ?? (() => import('@fanout/local-cloud')))();
  const start = module['startLocalCloud'];
  if (typeof start !== 'function') {
    throw new TargetError(
      '@fanout/local-cloud does not export startLocalCloud yet, so the local target cannot deploy the stacks. ' +
        'Run against deployed stacks instead: npx nx run bench:run:aws (or -- --target aws with an outputs file and AWS_ENDPOINT_URL)',
    );
  }
  const cloud = await (start as StartLocalCloud)({ timeScale, stacks: 'all', synthDir, port: 0, enforceIam: true });
  try {
    return {
      name: 'local',
      outputs: outputsFrom(cloud.outputs, 'the local cloud outputs'),
      endpoint: cloud.url,
      credentials: LOCAL_CREDENTIALS,
      timeScale,
      logsWaitMs: LOCAL_LOGS_WAIT_MS,
      stop: () => cloud.stop(),
    };
  } catch (error) {
    await cloud.stop();
    throw error;
  }
}
