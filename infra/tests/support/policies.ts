/** The synthesized stacks' policies as documents the IAM simulator reads (references resolved). */
import { type TerraformJson, resolveReferences, resourcesOf } from './synth';

/** Every inline policy attached to the role named `roleName`, parsed with references resolved. */
export function rolePolicies(json: TerraformJson, roleName: string): unknown[] {
  const roleId = resourcesOf(json, 'aws_iam_role').find(([, role]) => role['name'] === roleName)?.[0];
  if (roleId === undefined) throw new Error(`no role ${roleName}`);
  const policies = resourcesOf(json, 'aws_iam_role_policy').filter(([, p]) => p['role'] === `\${aws_iam_role.${roleId}.id}`);
  if (policies.length === 0) throw new Error(`role ${roleName} has no policies`);
  return policies.map(([, p]) => JSON.parse(resolveReferences(String(p['policy']), json)) as unknown);
}

/** A resource policy of the stack (`field` of the first `type` resource whose id starts with `idPrefix`), parsed with its references resolved. */
export function resourcePolicy(json: TerraformJson, type: string, idPrefix: string, field = 'policy'): unknown {
  const found = resourcesOf(json, type).find(([id]) => id.startsWith(idPrefix));
  if (found === undefined) throw new Error(`no ${type} ${idPrefix}…`);
  return JSON.parse(resolveReferences(String(found[1][field]), json)) as unknown;
}
