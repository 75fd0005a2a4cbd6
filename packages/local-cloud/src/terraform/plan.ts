import { DEPLOYERS } from './deployers';
import { StackLoadError } from './errors';
import { DATA_SOURCES } from './resources/recorded';
import { functionsIn, SUPPORTED_FUNCTIONS } from './resolve';
import { deploymentOrder, META_ARGUMENTS, type StackResource, type SynthesizedStack } from './stack';

export interface StackPlan {
  readonly stack: SynthesizedStack;
  readonly order: readonly StackResource[];
  readonly region: string;
  readonly defaultTags: Readonly<Record<string, string>>;
}

interface AwsProviderBlock {
  region?: string;
  default_tags?: { tags?: Record<string, string> }[] | { tags?: Record<string, string> };
  alias?: string;
}

function providerOf(stack: SynthesizedStack): { region: string; defaultTags: Record<string, string> } {
  const providers = Object.keys(stack.providers);
  for (const p of providers) if (p !== 'aws') throw new StackLoadError(stack.name, `provider '${p}'`, 'only the aws provider is deployed by the local cloud');
  const blocks = (stack.providers['aws'] as AwsProviderBlock[] | undefined) ?? [];
  if (blocks.length !== 1 || blocks[0]?.alias !== undefined) throw new StackLoadError(stack.name, 'provider aws', 'exactly one aws provider block (no aliases) is supported');
  const block = blocks[0] as AwsProviderBlock;
  const tagsBlock = Array.isArray(block.default_tags) ? block.default_tags[0] : block.default_tags;
  return { region: block.region ?? 'us-east-1', defaultTags: tagsBlock?.tags ?? {} };
}

/**
 * Everything that can be checked before deploying: the provider, every resource type, every
 * attribute, every function and reference, and an order without cycles. A stack that fails any
 * check stops the load with the stack, resource and attribute named, and nothing is deployed.
 */
export function planStack(stack: SynthesizedStack): StackPlan {
  const { region, defaultTags } = providerOf(stack);
  for (const r of stack.resources) {
    if (r.mode === 'data') {
      if (!DATA_SOURCES[r.type]) throw new StackLoadError(stack.name, `data source ${r.address}`, `data source type '${r.type}' is not supported (supported: ${Object.keys(DATA_SOURCES).join(', ')})`);
      continue;
    }
    const deployer = DEPLOYERS.get(r.type);
    if (!deployer) throw new StackLoadError(stack.name, `resource ${r.address}`, `resource type '${r.type}' is not supported by the local cloud (supported: ${[...DEPLOYERS.keys()].join(', ')})`);
    const known = new Set([...deployer.attributes, ...(deployer.inertAttributes ?? [])]);
    for (const attribute of Object.keys(r.config)) {
      if (!META_ARGUMENTS.has(attribute) && !known.has(attribute)) {
        throw new StackLoadError(stack.name, `resource ${r.address}, attribute '${attribute}'`, `not supported by the local cloud for ${r.type} (supported: ${deployer.attributes.join(', ')})`);
      }
    }
    for (const fn of functionsIn(r.config)) {
      if (!SUPPORTED_FUNCTIONS.includes(fn)) throw new StackLoadError(stack.name, `resource ${r.address}`, `Terraform function '${fn}' is not supported (supported: ${SUPPORTED_FUNCTIONS.join(', ')})`);
    }
  }
  for (const [key, output] of Object.entries(stack.outputs)) {
    for (const fn of functionsIn(output.value)) if (!SUPPORTED_FUNCTIONS.includes(fn)) throw new StackLoadError(stack.name, `output ${key}`, `Terraform function '${fn}' is not supported`);
  }
  return { stack, order: deploymentOrder(stack), region, defaultTags };
}
