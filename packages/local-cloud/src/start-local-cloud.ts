import { LAMBDA_LIMITS } from './lambda/constants';
import { LocalCloud, type LocalCloudProps } from './local-cloud';
import { deployStacks, planStacks, type DeployedStack } from './terraform/deploy-stacks';
import type { StackPlan } from './terraform/plan';

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
  /** What the user should know about how the stacks were deployed (a raised quota). */
  readonly notes: readonly string[];
  stop(): Promise<void>;
}

/** Concurrency the stacks reserve for their functions. */
function reservedConcurrency(plans: readonly StackPlan[]): number {
  let total = 0;
  for (const p of plans) {
    for (const r of p.stack.resources) {
      const reserved = Number(r.type === 'aws_lambda_function' ? (r.config['reserved_concurrent_executions'] ?? 0) : 0);
      if (Number.isFinite(reserved) && reserved > 0) total += reserved;
    }
  }
  return total;
}

/**
 * Reads and checks the synthesized stacks (nothing starts if one cannot be deployed), starts the
 * local cloud in their region and deploys them onto it.
 */
export async function startLocalCloud(props: StartLocalCloudProps): Promise<RunningLocalCloud> {
  const plans = planStacks(props.synthDir, props.stacks === undefined || props.stacks === 'all' ? undefined : props.stacks);
  const regions = [...new Set(plans.map((p) => p.region))];
  if (regions.length > 1) throw new Error(`The stacks are in several regions (${regions.join(', ')}); deploy them one at a time with --stack`);
  // The stacks' reservations need an account quota above AWS's default 1,000 (as they would on
  // AWS): unless told otherwise, the local account gets what they need, and says so.
  const notes: string[] = [];
  const needed = reservedConcurrency(plans) + LAMBDA_LIMITS.minimumUnreservedConcurrency;
  let lambdaConcurrency = props.lambdaConcurrency;
  if (lambdaConcurrency === undefined && needed > LAMBDA_LIMITS.accountConcurrency) {
    lambdaConcurrency = needed;
    notes.push(
      `Lambda account concurrency set to ${needed} (the stacks reserve ${needed - LAMBDA_LIMITS.minimumUnreservedConcurrency} and ${LAMBDA_LIMITS.minimumUnreservedConcurrency} must stay unreserved); AWS's default quota is ${LAMBDA_LIMITS.accountConcurrency}: request an increase before deploying them together`,
    );
  }
  const cloud = await LocalCloud.start({ ...props, ...(lambdaConcurrency === undefined ? {} : { lambdaConcurrency }), ...(regions[0] === undefined ? {} : { region: regions[0] }) });
  try {
    const stacks = await deployStacks(cloud, plans);
    const outputs: LocalOutputs = {};
    for (const s of stacks) outputs[s.name] = { ...s.outputs, endpoint: cloud.url };
    return { cloud, url: cloud.url, stacks, outputs, notes, stop: () => cloud.stop() };
  } catch (err) {
    await cloud.stop();
    throw err;
  }
}
