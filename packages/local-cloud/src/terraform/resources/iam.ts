import { registerTerraformIam } from '../../iam';
import { Config, type DeployContext, type ResourceDeployer } from './deployer';

/** The roles IAM enforcement evaluates; with IAM off there is nothing to register. */
function registry(ctx: DeployContext) {
  return ctx.cloud.iam?.roles;
}

const role: ResourceDeployer = {
  type: 'aws_iam_role',
  attributes: ['name', 'assume_role_policy', 'path', 'inline_policy', 'managed_policy_arns', 'tags', 'description', 'max_session_duration', 'force_detach_policies'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    const name = c.string('name');
    const path = c.optString('path') ?? '/';
    const arn = `arn:aws:iam::${ctx.cloud.accountId}:role${path}${name}`;
    const roles = registry(ctx);
    if (roles) registerTerraformIam(roles, { aws_iam_role: { [ctx.resource.name]: { ...config, tags: c.tags(ctx.defaultTags) } } });
    return { arn, id: name, name, unique_id: `AROA${name.slice(0, 17).toUpperCase()}` };
  },
};

const rolePolicy: ResourceDeployer = {
  type: 'aws_iam_role_policy',
  attributes: ['name', 'role', 'policy'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    registry(ctx)?.putRolePolicy(c.string('role'), c.string('name'), c.string('policy'));
    return { id: `${c.string('role')}:${c.string('name')}` };
  },
};

const policy: ResourceDeployer = {
  type: 'aws_iam_policy',
  attributes: ['name', 'path', 'policy', 'description', 'tags'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    const arn = `arn:aws:iam::${ctx.cloud.accountId}:policy${c.optString('path') ?? '/'}${c.string('name')}`;
    registry(ctx)?.putPolicy(arn, c.string('policy'));
    return { arn, id: arn, name: c.string('name') };
  },
};

const attachment: ResourceDeployer = {
  type: 'aws_iam_role_policy_attachment',
  attributes: ['role', 'policy_arn'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    registry(ctx)?.attachRolePolicy(c.string('role'), c.string('policy_arn'));
    return { id: `${c.string('role')}-${c.string('policy_arn')}` };
  },
};

export const IAM_DEPLOYERS = [role, rolePolicy, policy, attachment];
