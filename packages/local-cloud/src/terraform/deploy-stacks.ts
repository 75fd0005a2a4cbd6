import { EXTERNAL_CALLER } from '../core/caller';
import type { LocalCloud } from '../local-cloud';
import { DEPLOYERS, RECORDED_TYPES } from './deployers';
import { StackLoadError } from './errors';
import { planStack, type StackPlan } from './plan';
import { DATA_SOURCES } from './resources/recorded';
import { resolveValue } from './resolve';
import { addressOf, readSynthesizedStacks, type SynthesizedStack } from './stack';
import { ExpressionError } from './expressions';

export interface DeployedStack {
  readonly name: string;
  /** The stack's outputs, as `cdktf deploy --outputs-file` writes them. */
  readonly outputs: Record<string, unknown>;
  readonly resources: readonly { address: string; type: string; recorded: boolean }[];
}

/** Reads and checks every stack first (nothing is deployed if one fails), then deploys them. */
export function planStacks(synthDir: string, only?: string): StackPlan[] {
  return readSynthesizedStacks(synthDir, only).map(planStack);
}

/** Deploys checked stacks onto the local cloud, in dependency order, by the services' own operations. */
export async function deployStacks(cloud: LocalCloud, plans: readonly StackPlan[]): Promise<DeployedStack[]> {
  for (const plan of plans) {
    if (plan.region !== cloud.region) throw new StackLoadError(plan.stack.name, 'provider aws', `region ${plan.region} differs from the local cloud's ${cloud.region}`);
  }
  const deployed: DeployedStack[] = [];
  for (const plan of plans) deployed.push(await deployStack(cloud, plan));
  return deployed;
}

async function deployStack(cloud: LocalCloud, plan: StackPlan): Promise<DeployedStack> {
  const { stack } = plan;
  const state = new Map<string, Record<string, unknown>>();
  const lookup = (where: string) => (path: string[]): unknown => {
    const address = addressOf(path) as string;
    const attrs = state.get(address);
    if (!attrs) throw new StackLoadError(stack.name, where, `'${address}' is referenced before it is deployed`);
    const rest = path.slice(address.split('.').length);
    let value: unknown = attrs;
    for (const key of rest) {
      if (value === null || typeof value !== 'object' || !(key in (value as object))) {
        throw new StackLoadError(stack.name, where, `'${path.join('.')}': ${address} has no attribute '${key}' in the local cloud (it has: ${Object.keys(attrs).join(', ')})`);
      }
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  };
  const resolve = (value: unknown, where: string): unknown => {
    try {
      return resolveValue(value, lookup(where));
    } catch (err) {
      if (err instanceof ExpressionError) throw new StackLoadError(stack.name, where, err.message);
      throw err;
    }
  };
  for (const resource of plan.order) {
    const where = `resource ${resource.address}`;
    if (resource.mode === 'data') {
      state.set(resource.address, (DATA_SOURCES[resource.type] as (r: string, a: string) => Record<string, unknown>)(cloud.region, cloud.accountId));
      continue;
    }
    const config = resolve(resource.config, where) as Record<string, unknown>;
    const deployer = DEPLOYERS.get(resource.type);
    if (!deployer) throw new StackLoadError(stack.name, where, `resource type '${resource.type}' is not supported`);
    try {
      const computed = await deployer.deploy(config, { cloud, stack, resource, caller: EXTERNAL_CALLER, defaultTags: plan.defaultTags });
      state.set(resource.address, { ...config, ...computed });
    } catch (err) {
      if (err instanceof StackLoadError) throw err;
      throw new StackLoadError(stack.name, where, `deploying it failed: ${(err as Error).message}`);
    }
  }
  const outputs: Record<string, unknown> = {};
  for (const [key, output] of Object.entries(stack.outputs)) outputs[key] = resolve(output.value, `output ${key}`);
  return {
    name: stack.name,
    outputs,
    resources: plan.order.filter((r) => r.mode === 'managed').map((r) => ({ address: r.address, type: r.type, recorded: RECORDED_TYPES.has(r.type) })),
  };
}

export type { SynthesizedStack };
