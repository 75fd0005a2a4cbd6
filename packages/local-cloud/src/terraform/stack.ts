import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StackLoadError } from './errors';
import { referencesIn } from './resolve';

/** One `resource` or `data` block of a synthesized stack. */
export interface StackResource {
  /** `aws_lambda_function.compute_function_41D173A6`, or `data.aws_region.current`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: 'managed' | 'data';
  readonly config: Readonly<Record<string, unknown>>;
}

export interface SynthesizedStack {
  readonly name: string;
  /** The folder holding cdk.tf.json (assets are relative to it). */
  readonly dir: string;
  readonly resources: readonly StackResource[];
  readonly outputs: Readonly<Record<string, { value: unknown; description?: string }>>;
  readonly providers: Readonly<Record<string, unknown>>;
}

/** Keys CDKTF or Terraform put on any resource that concern neither the service nor the local cloud. */
export const META_ARGUMENTS = new Set(['//', 'depends_on', 'lifecycle', 'provider', 'count', 'for_each', 'provisioner', 'connection']);

interface Manifest {
  stacks: Record<string, { synthesizedStackPath: string }>;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    throw new Error(`Cannot read ${file} (${(err as Error).message}): run 'npx nx run infra:synth' again`);
  }
}

/** The stacks `cdktf synth` wrote to `synthDir` (its manifest.json), or the one named. */
export function readSynthesizedStacks(synthDir: string, only?: string): SynthesizedStack[] {
  const manifestPath = join(synthDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No synthesized stacks at ${synthDir} (manifest.json missing): run 'npx nx run infra:synth' first`);
  const manifest = readJson(manifestPath) as Manifest;
  const names = Object.keys(manifest.stacks).sort();
  if (only !== undefined && !names.includes(only)) throw new Error(`No stack named '${only}' in ${manifestPath} (stacks: ${names.join(', ')})`);
  return names.filter((n) => only === undefined || n === only).map((name) => readStack(name, join(synthDir, (manifest.stacks[name] as { synthesizedStackPath: string }).synthesizedStackPath)));
}

export function readStack(name: string, file: string): SynthesizedStack {
  const json = readJson(file) as {
    resource?: Record<string, Record<string, Record<string, unknown>>>;
    data?: Record<string, Record<string, Record<string, unknown>>>;
    output?: Record<string, { value: unknown; description?: string }>;
    provider?: Record<string, unknown>;
  };
  const resources: StackResource[] = [];
  for (const [mode, blocks] of [['managed', json.resource], ['data', json.data]] as const) {
    for (const [type, byName] of Object.entries(blocks ?? {})) {
      for (const [resourceName, config] of Object.entries(byName)) {
        const address = mode === 'data' ? `data.${type}.${resourceName}` : `${type}.${resourceName}`;
        resources.push({ address, type, name: resourceName, mode, config });
      }
    }
  }
  return { name, dir: dirname(file), resources, outputs: json.output ?? {}, providers: json.provider ?? {} };
}

/** The address a reference path points into (`aws_x.y.arn` → `aws_x.y`), or undefined for var/local/etc. */
export function addressOf(path: readonly string[]): string | undefined {
  if (path[0] === 'data' && path.length >= 3) return `data.${path[1]}.${path[2]}`;
  if (path.length >= 2 && /^aws_|^random_|^null_|^time_/.test(path[0] as string)) return `${path[0]}.${path[1]}`;
  return undefined;
}

/**
 * The order to create the stack's resources in: every resource after those it references or
 * depends on. A reference to a resource the stack does not hold, or a cycle, stops the load.
 */
export function deploymentOrder(stack: SynthesizedStack): StackResource[] {
  const byAddress = new Map(stack.resources.map((r) => [r.address, r]));
  const deps = new Map<string, Set<string>>();
  for (const r of stack.resources) {
    const set = new Set<string>();
    for (const path of referencesIn(r.config)) {
      const target = addressOf(path);
      if (target === undefined) throw new StackLoadError(stack.name, `resource ${r.address}`, `reference '${path.join('.')}' is neither a resource nor a data source of this stack`);
      if (!byAddress.has(target)) throw new StackLoadError(stack.name, `resource ${r.address}`, `reference to '${target}', which the stack does not declare`);
      if (target !== r.address) set.add(target);
    }
    for (const d of (r.config['depends_on'] as string[] | undefined) ?? []) {
      if (!byAddress.has(d)) throw new StackLoadError(stack.name, `resource ${r.address}`, `depends_on '${d}', which the stack does not declare`);
      set.add(d);
    }
    deps.set(r.address, set);
  }
  const order: StackResource[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (address: string, chain: string[]): void => {
    if (state.get(address) === 'done') return;
    if (state.get(address) === 'visiting') throw new StackLoadError(stack.name, `resource ${address}`, `dependency cycle: ${[...chain, address].join(' → ')}`);
    state.set(address, 'visiting');
    for (const d of deps.get(address) ?? []) visit(d, [...chain, address]);
    state.set(address, 'done');
    order.push(byAddress.get(address) as StackResource);
  };
  for (const r of [...stack.resources].sort((a, b) => a.address.localeCompare(b.address))) visit(r.address, []);
  return order;
}
