import type { PolicyDocument } from '../core/authorizer';
import { busName, ruleName, type Operation } from './api-common';
import { busArn, DEFAULT_BUS, ruleArn } from './arns';
import { constraintError, EventBridgeError } from './errors';
import { EVENTBRIDGE_LIMITS, MEMBER_MAX_LENGTH, NAME_PATTERNS } from './limits';
import { RULE_STATES, type RuleState } from './model-types';
import { compilePattern } from './pattern/compile-pattern';
import { matchesPattern } from './pattern/match-pattern';
import { PatternError, type CompiledPattern } from './pattern/types';
import { boundedString, optBool, optStruct, reqString, tagPairs, type Body } from './wire';

const invalid = (message: string) => new EventBridgeError('ValidationException', message);

function compileOrRefuse(text: string): CompiledPattern {
  try {
    return compilePattern(text);
  } catch (err) {
    if (err instanceof PatternError) throw new EventBridgeError('InvalidEventPatternException', err.message);
    throw err;
  }
}

/** Creates or replaces a rule. Scheduled rules are refused: the local cloud runs no scheduler. */
export const putRule: Operation = (ctx, body, caller) => {
  const [bus, name] = [busName(ctx, body), ruleName(body, 'Name')];
  ctx.authorize(caller, 'events:PutRule', ruleArn(ctx.model.scope, bus, name));
  const schedule = boundedString(body, 'ScheduleExpression', MEMBER_MAX_LENGTH.scheduleExpression);
  const eventPattern = boundedString(body, 'EventPattern', MEMBER_MAX_LENGTH.eventPattern);
  if (schedule !== undefined) {
    if (bus !== DEFAULT_BUS) throw invalid('ScheduleExpression is supported only on the default event bus.');
    throw invalid(`ScheduleExpression '${schedule}' is not supported by the local cloud's EventBridge: it runs no scheduler. Give the rule an EventPattern instead.`);
  }
  if (eventPattern === undefined) throw invalid('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  const pattern = compileOrRefuse(eventPattern);
  const stateText = boundedString(body, 'State', MEMBER_MAX_LENGTH.state);
  if (stateText !== undefined && !(RULE_STATES as readonly string[]).includes(stateText)) {
    throw constraintError(stateText, 'state', `Member must satisfy enum value set: [${RULE_STATES.join(', ')}]`);
  }
  const description = boundedString(body, 'Description', MEMBER_MAX_LENGTH.description);
  const roleArn = boundedString(body, 'RoleArn', MEMBER_MAX_LENGTH.arn);
  const rule = ctx.model.putRule({
    name,
    busName: bus,
    eventPattern,
    pattern,
    state: (stateText as RuleState | undefined) ?? 'ENABLED',
    ...(description === undefined ? {} : { description }),
    ...(roleArn === undefined ? {} : { roleArn }),
    tags: tagPairs(body, 'Tags', false),
  });
  return { RuleArn: rule.arn };
};

const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'] as const;

export const testEventPattern: Operation = (ctx, body, caller) => {
  ctx.authorize(caller, 'events:TestEventPattern', '*');
  const pattern = compileOrRefuse(reqString(body, 'EventPattern'));
  const text = reqString(body, 'Event');
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (err) {
    throw invalid(`Parameter Event is not valid. Reason: it is not JSON (${(err as Error).message}).`);
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw invalid('Parameter Event is not valid. Reason: it must be a JSON object.');
  const missing = REQUIRED_EVENT_FIELDS.filter((f) => !Object.hasOwn(event as Body, f));
  if (missing.length > 0) throw invalid(`Parameter Event is not valid. Reason: it is missing the required field(s) ${missing.join(', ')}.`);
  if (!Array.isArray((event as Body)['resources'])) throw invalid('Parameter Event is not valid. Reason: resources must be an array.');
  return { Result: matchesPattern(pattern, event) };
};

/** Replaces the bus policy (`Policy`) or adds one statement granting events:PutEvents (`Principal`, `StatementId`, `Condition`). */
export const putPermission: Operation = (ctx, body, caller) => {
  const bus = busName(ctx, body);
  ctx.authorize(caller, 'events:PutPermission', busArn(ctx.model.scope, bus));
  const policyText = boundedString(body, 'Policy', Number.MAX_SAFE_INTEGER);
  if (policyText !== undefined) {
    checkPolicyLength(policyText);
    ctx.model.setPolicy(bus, parsePolicy(policyText));
    return {};
  }
  const action = boundedString(body, 'Action', MEMBER_MAX_LENGTH.action);
  if (action !== 'events:PutEvents') throw invalid("Provided value in parameter 'action' is not supported.");
  const principal = boundedString(body, 'Principal', MEMBER_MAX_LENGTH.principal, { required: true, pattern: /^(\d{12}|\*)$/ });
  const statementId = boundedString(body, 'StatementId', MEMBER_MAX_LENGTH.statementId, { required: true, pattern: NAME_PATTERNS.statementId });
  const cond = optStruct(body, 'Condition');
  const condition = cond && {
    Type: reqString(cond, 'Type', 'condition'),
    Key: reqString(cond, 'Key', 'condition'),
    Value: reqString(cond, 'Value', 'condition'),
  };
  if (condition && principal !== '*') throw invalid("Value of the parameter 'principal' must be '*' when the parameter 'condition' is set.");
  if (condition && (condition.Type !== 'StringEquals' || condition.Key !== 'aws:PrincipalOrgID')) {
    throw invalid("Condition supports only Type 'StringEquals' with Key 'aws:PrincipalOrgID'.");
  }
  const before = ctx.model.bus(bus).policy;
  ctx.model.addPermission(bus, { statementId, principal, ...(condition ? { condition } : {}) });
  const after = JSON.stringify(ctx.model.bus(bus).policy);
  if (after.length > EVENTBRIDGE_LIMITS.policyMaxLength) {
    if (before) ctx.model.setPolicy(bus, before);
    else ctx.model.removePermission(bus, undefined, true);
    checkPolicyLength(after);
  }
  return {};
};

function checkPolicyLength(text: string): void {
  if (text.length > EVENTBRIDGE_LIMITS.policyMaxLength) {
    throw new EventBridgeError('PolicyLengthExceededException', `The event bus policy is ${text.length} characters, over the ${EVENTBRIDGE_LIMITS.policyMaxLength}-character limit.`);
  }
}

function parsePolicy(text: string): PolicyDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw invalid('This policy contains invalid Json');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !Object.hasOwn(doc, 'Statement')) {
    throw invalid('This policy is not valid: it must be a JSON object with a Statement.');
  }
  return doc as PolicyDocument;
}

export const removePermission: Operation = (ctx, body, caller) => {
  const bus = busName(ctx, body);
  ctx.authorize(caller, 'events:RemovePermission', busArn(ctx.model.scope, bus));
  const statementId = boundedString(body, 'StatementId', MEMBER_MAX_LENGTH.statementId, { pattern: NAME_PATTERNS.statementId });
  const all = optBool(body, 'RemoveAllPermissions') ?? false;
  if (!all && statementId === undefined) throw invalid('Parameter(s) StatementId or RemoveAllPermissions must be specified.');
  ctx.model.removePermission(bus, statementId, all);
  return {};
};
