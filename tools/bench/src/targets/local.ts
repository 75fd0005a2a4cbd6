/**
 * The local cloud: the synthesized stacks deployed offline by @fanout/local-cloud, served on one
 * loopback endpoint, with outputs shaped like `infra/outputs/deploy-outputs.json`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalCloud, type RunningLocalCloud, type StartLocalCloudProps } from '@fanout/local-cloud';
import { TargetError } from '../errors';
import { outputsFrom } from '../outputs';
import { SYNTH_DIR } from '../paths';
import type { Target } from './types';

/** Any keys do for the local cloud: it acts for them as an administrator, as for a user's CLI. */
const LOCAL_CREDENTIALS = { accessKeyId: 'bench-local', secretAccessKey: 'bench-local' };
/** The local cloud's Lambda logs are written as the invocation runs. */
const LOCAL_LOGS_WAIT_MS = 2_000;

export interface LocalTargetProps {
  timeScale: number;
  synthDir?: string;
  /** One stack by name, or every stack (default). */
  stacks?: string;
  /** How the local cloud is started (tests hand in a stand-in). */
  start?: (props: StartLocalCloudProps) => Promise<Pick<RunningLocalCloud, 'url' | 'outputs' | 'stop'> & Partial<Pick<RunningLocalCloud, 'notes'>>>;
}

export async function localTarget(props: LocalTargetProps): Promise<Target> {
  const { timeScale } = props;
  const synthDir = props.synthDir ?? SYNTH_DIR;
  if (!existsSync(join(synthDir, 'manifest.json'))) {
    throw new TargetError(`no synthesized stacks in ${synthDir}: run npx nx run infra:synth first (nx run bench:run does it for you)`);
  }
  // The stacks' own IAM is enforced while the patterns run: a missing grant fails the run as on AWS.
  const cloud = await (props.start ?? startLocalCloud)({ timeScale, stacks: props.stacks ?? 'all', synthDir, port: 0, iam: 'enforce' });
  try {
    return {
      name: 'local',
      outputs: outputsFrom(cloud.outputs, 'the local cloud outputs'),
      endpoint: cloud.url,
      credentials: LOCAL_CREDENTIALS,
      timeScale,
      logsWaitMs: LOCAL_LOGS_WAIT_MS,
      notes: [...(cloud.notes ?? [])],
      stop: () => cloud.stop(),
    };
  } catch (error) {
    await cloud.stop();
    throw error;
  }
}
