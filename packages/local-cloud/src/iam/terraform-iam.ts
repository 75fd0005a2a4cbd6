/**
 * A stack's IAM resources into the role registry: aws_iam_policy, aws_iam_role (with its
 * inline_policy blocks and managed_policy_arns), aws_iam_role_policy and
 * aws_iam_role_policy_attachment, in the order Terraform's dependencies impose. The loader
 * resolves `${…}` references first; what is left unresolved is refused, naming the attribute.
 */
import { InvalidInputError } from './errors';
import type { RoleRegistry } from './role-registry';

/** `resource` of a cdk.tf.json: type → logical id → attributes. */
export type TerraformResources = Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;

export interface TerraformIamSummary {
  readonly roleArns: readonly string[];
  readonly managedPolicyArns: readonly string[];
  readonly inlinePolicies: number;
  readonly attachments: number;
}

export function registerTerraformIam(registry: RoleRegistry, resources: TerraformResources): TerraformIamSummary {
  const iamArn = (kind: 'role' | 'policy', path: string, name: string) => `arn:aws:iam::${registry.accountId}:${kind}${path}${name}`;
  const managedPolicyArns = entries(resources, 'aws_iam_policy').map(([id, props]) => {
    const at = attributes('aws_iam_policy', id, props);
    const arn = iamArn('policy', at.optionalString('path') ?? '/', at.string('name'));
    registry.putPolicy(arn, at.string('policy'));
    return arn;
  });
  let inlinePolicies = 0;
  const roleArns = entries(resources, 'aws_iam_role').map(([id, props]) => {
    const at = attributes('aws_iam_role', id, props);
    const blocks = at.list('inline_policy').map((block, i) => attributes('aws_iam_role', `${id}.inline_policy[${i}]`, block as Record<string, unknown>));
    inlinePolicies += blocks.length;
    const roleArn = iamArn('role', at.optionalString('path') ?? '/', at.string('name'));
    registry.putRole({
      roleArn,
      assumeRolePolicy: at.string('assume_role_policy'),
      inlinePolicies: Object.fromEntries(blocks.map((b) => [b.string('name'), b.string('policy')])),
      managedPolicyArns: at.stringList('managed_policy_arns'),
      tags: at.stringMap('tags'),
    });
    return roleArn;
  });
  for (const [id, props] of entries(resources, 'aws_iam_role_policy')) {
    const at = attributes('aws_iam_role_policy', id, props);
    registry.putRolePolicy(at.string('role'), at.string('name'), at.string('policy'));
    inlinePolicies++;
  }
  const attachments = entries(resources, 'aws_iam_role_policy_attachment');
  for (const [id, props] of attachments) {
    const at = attributes('aws_iam_role_policy_attachment', id, props);
    registry.attachRolePolicy(at.string('role'), at.string('policy_arn'));
  }
  return { roleArns, managedPolicyArns, inlinePolicies, attachments: attachments.length };
}

function entries(resources: TerraformResources, type: string): [string, Readonly<Record<string, unknown>>][] {
  return Object.entries(resources[type] ?? {});
}

/** Typed reads of one resource's attributes; errors name `type.id.attribute` and what was found. */
function attributes(type: string, id: string, props: Readonly<Record<string, unknown>>) {
  const fail = (name: string, expected: string, value: unknown): never => {
    throw new InvalidInputError(`${type}.${id}.${name}: expected ${expected}, got ${JSON.stringify(value) ?? 'nothing'}`);
  };
  const resolved = (name: string, value: string): string => (value.includes('${') ? fail(name, 'a value with its Terraform references resolved', value) : value);
  const at = {
    string: (name: string): string => {
      const value = props[name];
      return typeof value === 'string' ? resolved(name, value) : fail(name, 'a string', value);
    },
    optionalString: (name: string): string | undefined => (props[name] === undefined ? undefined : at.string(name)),
    list: (name: string): readonly unknown[] => {
      const value = props[name] ?? [];
      return Array.isArray(value) ? value : fail(name, 'a list', value);
    },
    stringList: (name: string): string[] => at.list(name).map((v, i) => (typeof v === 'string' ? resolved(`${name}[${i}]`, v) : fail(`${name}[${i}]`, 'a string', v))),
    stringMap: (name: string): Record<string, string> => {
      const value = props[name] ?? {};
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(name, 'a map of strings', value);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? resolved(`${name}.${k}`, v) : fail(`${name}.${k}`, 'a string', v)]));
    },
  };
  return at;
}
