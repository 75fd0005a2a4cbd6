import { Config, type DeployContext, type ResourceDeployer } from './deployer';

const call = async (ctx: DeployContext, op: string, input: Record<string, unknown>) => (await ctx.cloud.events.call(op, input, ctx.caller)) as Record<string, unknown>;
const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

const bus: ResourceDeployer = {
  type: 'aws_cloudwatch_event_bus',
  attributes: ['name', 'description', 'tags'],
  inertAttributes: ['kms_key_identifier'],
  async deploy(config, ctx) {
    const c = new Config(config, ctx);
    const name = c.string('name');
    const out = await call(ctx, 'CreateEventBus', { Name: name, ...(c.has('description') ? { Description: c.string('description') } : {}), Tags: tagList(c.tags(ctx.defaultTags)) });
    return { arn: out['EventBusArn'], id: name, name };
  },
};

const rule: ResourceDeployer = {
  type: 'aws_cloudwatch_event_rule',
  attributes: ['name', 'event_bus_name', 'event_pattern', 'schedule_expression', 'description', 'state', 'is_enabled', 'role_arn', 'tags'],
  async deploy(config, ctx) {
    const c = new Config(config, ctx);
    const name = c.string('name');
    const busName = c.optString('event_bus_name') ?? 'default';
    const enabled = c.bool('is_enabled');
    const state = c.optString('state') ?? (enabled === false ? 'DISABLED' : 'ENABLED');
    const input: Record<string, unknown> = { Name: name, EventBusName: busName, State: state, Tags: tagList(c.tags(ctx.defaultTags)) };
    for (const [attr, member] of [['event_pattern', 'EventPattern'], ['schedule_expression', 'ScheduleExpression'], ['description', 'Description'], ['role_arn', 'RoleArn']] as const) {
      if (c.has(attr)) input[member] = c.string(attr);
    }
    const out = await call(ctx, 'PutRule', input);
    return { arn: out['RuleArn'], id: busName === 'default' ? name : `${busName}/${name}`, name };
  },
};

const target: ResourceDeployer = {
  type: 'aws_cloudwatch_event_target',
  attributes: ['rule', 'event_bus_name', 'target_id', 'arn', 'role_arn', 'input', 'input_path', 'input_transformer', 'retry_policy', 'dead_letter_config'],
  async deploy(config, ctx) {
    const c = new Config(config, ctx);
    const busName = c.optString('event_bus_name') ?? 'default';
    const targetId = c.string('target_id');
    const t: Record<string, unknown> = { Id: targetId, Arn: c.string('arn') };
    for (const [attr, member] of [['role_arn', 'RoleArn'], ['input', 'Input'], ['input_path', 'InputPath']] as const) if (c.has(attr)) t[member] = c.string(attr);
    const transformer = c.block('input_transformer', ['input_paths', 'input_template']);
    if (transformer) t['InputTransformer'] = { InputPathsMap: transformer.stringMap('input_paths'), InputTemplate: transformer.string('input_template') };
    const retry = c.block('retry_policy', ['maximum_event_age_in_seconds', 'maximum_retry_attempts']);
    if (retry) t['RetryPolicy'] = { MaximumEventAgeInSeconds: retry.number('maximum_event_age_in_seconds'), MaximumRetryAttempts: retry.number('maximum_retry_attempts') };
    const dlq = c.block('dead_letter_config', ['arn']);
    if (dlq) t['DeadLetterConfig'] = { Arn: dlq.string('arn') };
    const out = await call(ctx, 'PutTargets', { Rule: c.string('rule'), EventBusName: busName, Targets: [t] });
    const failed = (out['FailedEntries'] as { ErrorCode?: string; ErrorMessage?: string }[] | undefined) ?? [];
    if (failed.length > 0) throw new Error(`PutTargets refused target '${targetId}': ${failed[0]?.ErrorCode}: ${failed[0]?.ErrorMessage}`);
    return { id: `${busName}-${c.string('rule')}-${targetId}` };
  },
};

const busPolicy: ResourceDeployer = {
  type: 'aws_cloudwatch_event_bus_policy',
  attributes: ['event_bus_name', 'policy'],
  async deploy(config, ctx) {
    const c = new Config(config, ctx);
    const busName = c.optString('event_bus_name') ?? 'default';
    await call(ctx, 'PutPermission', { EventBusName: busName, Policy: c.string('policy') });
    return { id: busName };
  },
};

export const EVENTS_DEPLOYERS = [bus, rule, target, busPolicy];
