import type { Caller } from '../core/caller';
import type { PutEventsRequestEntry, PutEventsResult } from '../core/ports';
import { busNameOf, ruleArn } from './arns';
import { EventBridgeError } from './errors';
import { EVENTBRIDGE_LIMITS, MEMBER_MAX_LENGTH, NAME_PATTERNS } from './limits';
import type { EventBridgeModel } from './model';
import type { RuleRecord } from './model-types';
import { boundedString, optInt, optString, type Body } from './wire';

export interface OperationContext {
  readonly model: EventBridgeModel;
  /** Throws AccessDeniedError when the caller may not take the action on the resource. */
  readonly authorize: (caller: Caller, action: string, resource: string) => void;
  readonly putEvents: (entries: readonly PutEventsRequestEntry[], caller: Caller) => Promise<PutEventsResult>;
  /** Whether the service a target kind needs is attached. */
  readonly hasPort: (kind: 'lambda' | 'sqs' | 'states') => boolean;
}

export type Operation = (ctx: OperationContext, body: Body, caller: Caller) => unknown;

export const busName = (ctx: OperationContext, body: Body, key = 'EventBusName'): string => busNameOf(ctx.model.scope, boundedString(body, key, MEMBER_MAX_LENGTH.arn));
export const ruleName = (body: Body, key: string): string => boundedString(body, key, MEMBER_MAX_LENGTH.ruleName, { pattern: NAME_PATTERNS.rule, required: true });

/** Offset paging with an opaque token, shared by the List* operations. */
export function page<T>(items: readonly T[], body: Body): { items: T[]; NextToken?: string } {
  const limit = optInt(body, 'Limit', 1, EVENTBRIDGE_LIMITS.listMaxResults) ?? EVENTBRIDGE_LIMITS.listMaxResults;
  const token = optString(body, 'NextToken');
  let offset = 0;
  if (token !== undefined) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded) throw new EventBridgeError('ValidationException', `The NextToken '${token}' is not valid: pass back a token a previous call returned.`);
    offset = Number(decoded[1]);
  }
  const slice = items.slice(offset, offset + limit);
  return offset + limit < items.length ? { items: slice, NextToken: Buffer.from(`o${offset + limit}`).toString('base64url') } : { items: slice };
}

/** The rule a request names (`Name` or `Rule`, on `EventBusName`), once the caller may act on it. */
export function authorizedRule(ctx: OperationContext, body: Body, caller: Caller, key: string, action: string): RuleRecord {
  const [bus, name] = [busName(ctx, body), ruleName(body, key)];
  ctx.authorize(caller, action, ruleArn(ctx.model.scope, bus, name));
  return ctx.model.rule(bus, name);
}


