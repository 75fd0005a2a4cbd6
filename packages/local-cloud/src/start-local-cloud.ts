import { LocalCloud, type LocalCloudProps } from './local-cloud';
import { deployStacks, planStacks, type DeployedStack } from './terraform/deploy-stacks';

export interface StartLocalCloudProps extends Omit<LocalCloudProps, 'region'> {
  /** The folder `cdktf synth` wrote (holding manifest.json). */
  readonly synthDir: string;
  /** One stack by name, or every stack ('all', the default). */
  readonly stacks?: string;
}

/** Outputs per stack, in `cdktf deploy --outputs-file`'s shape, each with the endpoint they are served on. */
export type LocalOutputs = Record<string, Record<string, unknown> & { endpoint: string }>;

export interface RunningLocalCloud {
  readonly cloud: LocalCloud;
  readonly url: string;
  readonly stacks: readonly DeployedStack[];
  readonly outputs: LocalOutputs;
  stop(): Promise<void>;
}

/**
 * Reads and checks the synthesized stacks (nothing starts if one cannot be deployed), starts the
 * local cloud in their region and deploys them onto it.
 */
export async function startLocalCloud(props: StartLocalCloudProps): Promise<RunningLocalCloud> {
  const plans = planStacks(props.synthDir, props.stacks === undefined || props.stacks === 'all' ? undefined : props.stacks);
  const regions = [...new Set(plans.map((p) => p.region))];
  if (regions.length > 1) throw new Error(`The stacks are in several regions (${regions.join(', ')}); deploy them one at a time with --stack`);
  const cloud = await LocalCloud.start({ ...props, ...(regions[0] === undefined ? {} : { region: regions[0] }) });
  try {
    const stacks = await deployStacks(cloud, plans);
    const outputs: LocalOutputs = {};
    for (const s of stacks) outputs[s.name] = { ...s.outputs, endpoint: cloud.url };
    return { cloud, url: cloud.url, stacks, outputs, stop: () => cloud.stop() };
  } catch (err) {
    await cloud.stop();
    throw err;
  }
}
