import type { Caller } from '../../core/caller';
import type { LocalCloud } from '../../local-cloud';
import { StackLoadError } from '../errors';
import type { StackResource, SynthesizedStack } from '../stack';

/** What a resource's deployment knows: the cloud it deploys onto, and where in which stack it is. */
export interface DeployContext {
  readonly cloud: LocalCloud;
  readonly stack: SynthesizedStack;
  readonly resource: StackResource;
  /** The deployer acts as the user running `up`: an administrator. */
  readonly caller: Caller;
  /** The provider's default tags, which Terraform merges into every taggable resource. */
  readonly defaultTags: Readonly<Record<string, string>>;
}

/** The resource's attributes after deployment: what others reference (`arn`, `id`, `url`, …). */
export type Attributes = Record<string, unknown>;

/**
 * How the local cloud deploys one Terraform resource type: by the services' own control-plane
 * operations, with every attribute it reads listed, so anything else is refused before deploying.
 */
export interface ResourceDeployer {
  readonly type: string;
  readonly attributes: readonly string[];
  /** Attributes accepted but not simulated (encryption keys, log classes, …), documented. */
  readonly inertAttributes?: readonly string[];
  deploy(config: Readonly<Record<string, unknown>>, ctx: DeployContext): Promise<Attributes> | Attributes;
}

/** Typed reads of a resolved resource config, with errors naming the stack, resource and attribute. */
export class Config {
  constructor(
    private readonly values: Readonly<Record<string, unknown>>,
    private readonly ctx: Pick<DeployContext, 'stack' | 'resource'>,
  ) {}

  private fail(attribute: string, problem: string): never {
    throw new StackLoadError(this.ctx.stack.name, `resource ${this.ctx.resource.address}, attribute '${attribute}'`, problem);
  }

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  string(name: string): string {
    const v = this.values[name];
    return typeof v === 'string' ? v : this.fail(name, `expected a string, got ${JSON.stringify(v) ?? 'nothing'}`);
  }

  optString(name: string): string | undefined {
    return this.has(name) ? this.string(name) : undefined;
  }

  number(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    const v = this.values[name];
    const n = typeof v === 'string' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) ? n : this.fail(name, `expected a number, got ${JSON.stringify(v)}`);
  }

  bool(name: string): boolean | undefined {
    if (!this.has(name)) return undefined;
    const v = this.values[name];
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    return this.fail(name, `expected true or false, got ${JSON.stringify(v)}`);
  }

  stringMap(name: string): Record<string, string> {
    const v = this.values[name] ?? {};
    if (typeof v !== 'object' || Array.isArray(v)) return this.fail(name, 'expected a map of strings');
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, typeof x === 'string' ? x : this.fail(`${name}.${k}`, 'expected a string')]));
  }

  stringList(name: string): string[] {
    const v = this.values[name] ?? [];
    if (!Array.isArray(v)) return this.fail(name, 'expected a list');
    return v.map((x, i) => (typeof x === 'string' ? x : this.fail(`${name}[${i}]`, 'expected a string')));
  }

  /** A nested block (CDKTF writes a single block as an object, Terraform JSON also as a one-item list). */
  block(name: string, allowed: readonly string[]): Config | undefined {
    let v = this.values[name];
    if (Array.isArray(v)) {
      if (v.length > 1) this.fail(name, 'only one block is supported');
      v = v[0];
    }
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object') return this.fail(name, 'expected a block');
    for (const key of Object.keys(v)) if (!allowed.includes(key)) this.fail(`${name}.${key}`, `not supported by the local cloud (supported in ${name}: ${allowed.join(', ')})`);
    return new Config(v as Record<string, unknown>, this.ctx);
  }

  /** The resource's tags with the provider's default tags under them. */
  tags(defaults: Readonly<Record<string, string>>): Record<string, string> {
    return { ...defaults, ...this.stringMap('tags') };
  }
}
