import { handleLogsOperation } from '../../logs/api-operations';
import { Config, type ResourceDeployer } from './deployer';

const logGroup: ResourceDeployer = {
  type: 'aws_cloudwatch_log_group',
  attributes: ['name', 'retention_in_days', 'tags'],
  inertAttributes: ['kms_key_id', 'log_group_class', 'skip_destroy'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    const name = c.string('name');
    handleLogsOperation(ctx.cloud.logs, 'CreateLogGroup', { logGroupName: name, tags: c.tags(ctx.defaultTags) }, ctx.caller);
    const days = c.number('retention_in_days');
    if (days !== undefined && days > 0) handleLogsOperation(ctx.cloud.logs, 'PutRetentionPolicy', { logGroupName: name, retentionInDays: days }, ctx.caller);
    return { arn: `arn:aws:logs:${ctx.cloud.region}:${ctx.cloud.accountId}:log-group:${name}`, id: name, name };
  },
};

export const LOGS_DEPLOYERS = [logGroup];
