import { AwsError } from '../core/aws-error';
import type { Caller } from '../core/caller';
import type { PutEventsRequestEntry } from '../core/ports';
import { authorizedRule, busName, page, ruleName, type Operation, type OperationContext } from './api-common';
import { putPermission, putRule, removePermission, testEventPattern } from './api-rules';
import { busArn, ruleArn } from './arns';
import { EventBridgeError } from './errors';
import { EVENTBRIDGE_LIMITS, MEMBER_MAX_LENGTH } from './limits';
import type { BusRecord, RuleRecord } from './model-types';
import { parseTargets } from './targets';
import { boundedString, compact, epochSeconds, list, optBool, optString, optTimestamp, reqString, stringItems, tagPairs, type Body } from './wire';

export type { OperationContext } from './api-common';

const busOut = (b: BusRecord) =>
  compact({
    Name: b.name,
    Arn: b.arn,
    Description: b.description,
    Policy: b.policy && JSON.stringify(b.policy),
    CreationTime: epochSeconds(b.creationTime),
    LastModifiedTime: epochSeconds(b.lastModifiedTime),
  });

const ruleOut = (r: RuleRecord) =>
  compact({ Name: r.name, Arn: r.arn, EventPattern: r.eventPattern, State: r.state, Description: r.description, RoleArn: r.roleArn, EventBusName: r.busName });

const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateEventBus(ctx, body, caller) {
    const name = boundedString(body, 'Name', MEMBER_MAX_LENGTH.busName, { required: true });
    ctx.authorize(caller, 'events:CreateEventBus', busArn(ctx.model.scope, name));
    if (body['EventSourceName'] !== undefined) {
      throw new EventBridgeError('ValidationException', 'Partner event buses (EventSourceName) are not available in the local cloud.');
    }
    const bus = ctx.model.createBus(name, boundedString(body, 'Description', MEMBER_MAX_LENGTH.description), tagPairs(body, 'Tags', false));
    return compact({ EventBusArn: bus.arn, Description: bus.description });
  },
  DescribeEventBus(ctx, body, caller) {
    const name = busName(ctx, body, 'Name');
    ctx.authorize(caller, 'events:DescribeEventBus', busArn(ctx.model.scope, name));
    return busOut(ctx.model.bus(name));
  },
  DeleteEventBus(ctx, body, caller) {
    const name = boundedString(body, 'Name', MEMBER_MAX_LENGTH.busName, { required: true });
    ctx.authorize(caller, 'events:DeleteEventBus', busArn(ctx.model.scope, name));
    ctx.model.deleteBus(name);
    return {};
  },
  ListEventBuses(ctx, body, caller) {
    ctx.authorize(caller, 'events:ListEventBuses', '*');
    const { items, NextToken } = page(ctx.model.listBuses(boundedString(body, 'NamePrefix', MEMBER_MAX_LENGTH.busName)), body);
    return compact({ EventBuses: items.map(busOut), NextToken });
  },
  PutRule: putRule,
  DescribeRule(ctx, body, caller) {
    const rule = authorizedRule(ctx, body, caller, 'Name', 'events:DescribeRule');
    return { ...ruleOut(rule), CreatedBy: ctx.model.scope.accountId };
  },
  DeleteRule(ctx, body, caller) {
    const [bus, name] = [busName(ctx, body), ruleName(body, 'Name')];
    ctx.authorize(caller, 'events:DeleteRule', ruleArn(ctx.model.scope, bus, name));
    optBool(body, 'Force');
    ctx.model.deleteRule(bus, name);
    return {};
  },
  EnableRule(ctx, body, caller) {
    const rule = authorizedRule(ctx, body, caller, 'Name', 'events:EnableRule');
    ctx.model.setRuleState(rule.busName, rule.name, 'ENABLED');
    return {};
  },
  DisableRule(ctx, body, caller) {
    const rule = authorizedRule(ctx, body, caller, 'Name', 'events:DisableRule');
    ctx.model.setRuleState(rule.busName, rule.name, 'DISABLED');
    return {};
  },
  ListRules(ctx, body, caller) {
    ctx.authorize(caller, 'events:ListRules', '*');
    const { items, NextToken } = page(ctx.model.listRules(busName(ctx, body), boundedString(body, 'NamePrefix', MEMBER_MAX_LENGTH.ruleName)), body);
    return compact({ Rules: items.map(ruleOut), NextToken });
  },
  PutTargets(ctx, body, caller) {
    const rule = authorizedRule(ctx, body, caller, 'Rule', 'events:PutTargets');
    const items = list(body, 'Targets', { min: 1, max: EVENTBRIDGE_LIMITS.targetsPerRequest, required: true }) as unknown[];
    const { records, failed } = parseTargets(items);
    const attached = records.filter((t) => {
      if (ctx.hasPort(t.kind.kind)) return true;
      failed.push({ TargetId: t.id, ErrorCode: 'ValidationException', ErrorMessage: `Target ${t.id}: no ${t.kind.kind} service is attached to the local EventBridge.` });
      return false;
    });
    for (const t of attached) if (t.roleArn !== undefined) ctx.authorize(caller, 'iam:PassRole', t.roleArn);
    ctx.model.putTargets(rule.busName, rule.name, attached);
    return { FailedEntryCount: failed.length, FailedEntries: failed };
  },
  RemoveTargets(ctx, body, caller) {
    const rule = authorizedRule(ctx, body, caller, 'Rule', 'events:RemoveTargets');
    const ids = stringItems(list(body, 'Ids', { min: 1, max: EVENTBRIDGE_LIMITS.targetsPerRequest, required: true }) as unknown[], 'Ids');
    optBool(body, 'Force');
    ctx.model.removeTargets(rule.busName, rule.name, ids);
    return { FailedEntryCount: 0, FailedEntries: [] };
  },
  ListTargetsByRule(ctx, body, caller) {
    const rule = authorizedRule(ctx, body, caller, 'Rule', 'events:ListTargetsByRule');
    const { items, NextToken } = page([...rule.targets.values()], body);
    return compact({ Targets: items.map((t) => t.wire), NextToken });
  },
  async PutEvents(ctx, body, caller) {
    const items = list(body, 'Entries', { min: 1, max: EVENTBRIDGE_LIMITS.putEventsMaxEntries, required: true }) as unknown[];
    const entries = items.map((item, i): PutEventsRequestEntry => {
      const prefix = `entries.${i + 1}.member`;
      if (typeof item !== 'object' || item === null) throw new EventBridgeError('SerializationException', `Value at '${prefix}' must be a structure`);
      const e = item as Body;
      const time = optTimestamp(e, 'Time', prefix);
      const resources = list(e, 'Resources', { min: 0, max: Number.MAX_SAFE_INTEGER, required: false }, prefix);
      return compact({
        Source: optString(e, 'Source', prefix),
        DetailType: optString(e, 'DetailType', prefix),
        Detail: optString(e, 'Detail', prefix),
        EventBusName: optString(e, 'EventBusName', prefix),
        Resources: resources && stringItems(resources, `${prefix}.resources`),
        Time: time,
        TraceHeader: optString(e, 'TraceHeader', prefix),
      }) as PutEventsRequestEntry;
    });
    return ctx.putEvents(entries, caller);
  },
  TestEventPattern: testEventPattern,
  PutPermission: putPermission,
  RemovePermission: removePermission,
  TagResource(ctx, body, caller) {
    const arn = reqString(body, 'ResourceARN');
    ctx.authorize(caller, 'events:TagResource', arn);
    ctx.model.tagResource(arn, tagPairs(body, 'Tags', true));
    return {};
  },
  UntagResource(ctx, body, caller) {
    const arn = reqString(body, 'ResourceARN');
    ctx.authorize(caller, 'events:UntagResource', arn);
    const keys = stringItems(list(body, 'TagKeys', { min: 0, max: EVENTBRIDGE_LIMITS.tagsPerResource, required: true }) as unknown[], 'TagKeys');
    const tags = ctx.model.tagsOf(arn);
    for (const k of keys) tags.delete(k);
    return {};
  },
  ListTagsForResource(ctx, body, caller) {
    const arn = reqString(body, 'ResourceARN');
    ctx.authorize(caller, 'events:ListTagsForResource', arn);
    return { Tags: [...ctx.model.tagsOf(arn)].map(([Key, Value]) => ({ Key, Value })) };
  },
};

/** Runs one API operation; unknown operations are refused as AWS's front end refuses them. */
export function handleOperation(ctx: OperationContext, operation: string, body: Body, caller: Caller): unknown {
  const op = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (!op) throw new AwsError('UnknownOperationException', `Operation ${operation} is not implemented by the local EventBridge (its README lists the operations it serves).`);
  return op(ctx, body, caller);
}
