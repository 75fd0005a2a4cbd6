/** The request context AWS builds for a call: who the principal is, and the keys AWS sets for it. */
import type { Caller } from '../core/caller';
import { assumedRoleArn, parseRoleArn, resourceAccount } from './arns';
import type { RoleView } from './role-registry';

type RoleCaller = Extract<Caller, { kind: 'role' }>;

/**
 * A service principal as IAM sees it. Source ARN and account are optional here: a service that
 * does not send them (or a role assumption without them) leaves the keys out of the context.
 */
export interface ServicePrincipal {
  readonly kind: 'service';
  readonly service: string;
  readonly sourceArn?: string | undefined;
  readonly sourceAccount?: string | undefined;
}

/** A caller IAM evaluates (external callers act as administrators and never reach the evaluator). */
export type EvaluatedCaller = RoleCaller | ServicePrincipal;

export interface RequestEnvironment {
  readonly accountId: string;
  readonly region: string;
  /** `aws:SecureTransport`: see the README for why loopback counts as secure by default. */
  readonly secureTransport: boolean;
  /** AWS time (the shared clock), ms since epoch. */
  readonly nowMs: number;
}

/** The principal as policies match it: the session ARN of a role, the service principal's name. */
export function principalOf(caller: EvaluatedCaller): string {
  return caller.kind === 'role' ? assumedRoleArn(caller.roleArn, caller.sessionName) : caller.service;
}

/**
 * Keys in increasing precedence: request facts (transport, time, region, resource account), then
 * the service's own `extra` keys, then what the principal implies, which no service can override.
 * Keys are case-insensitive, so precedence is decided on the lower-cased name.
 */
export function requestContext(
  caller: EvaluatedCaller,
  role: RoleView | undefined,
  resource: string,
  env: RequestEnvironment,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const keys = new Map<string, [string, string]>();
  const set = (entries: Record<string, string>): void => {
    for (const [key, value] of Object.entries(entries)) keys.set(key.toLowerCase(), [key, value]);
  };
  set({
    'aws:SecureTransport': String(env.secureTransport),
    'aws:CurrentTime': new Date(env.nowMs).toISOString(),
    'aws:EpochTime': String(Math.floor(env.nowMs / 1000)),
    'aws:RequestedRegion': env.region,
    'aws:ResourceAccount': resourceAccount(resource, env.accountId),
    'aws:ViaAWSService': 'false',
  });
  set(extra);
  set(caller.kind === 'role' ? roleKeys(caller, role) : serviceKeys(caller));
  return Object.fromEntries([...keys.values()]);
}

function roleKeys(caller: RoleCaller, role: RoleView | undefined): Record<string, string> {
  const keys: Record<string, string> = {
    // For a role session AWS gives the role's ARN here, not the session's.
    'aws:PrincipalArn': caller.roleArn,
    'aws:PrincipalAccount': parseRoleArn(caller.roleArn).accountId,
    'aws:PrincipalType': 'AssumedRole',
    'aws:PrincipalIsAWSService': 'false',
  };
  if (role !== undefined) {
    keys['aws:userid'] = `${role.roleId}:${caller.sessionName}`;
    for (const [tag, value] of Object.entries(role.tags)) keys[`aws:PrincipalTag/${tag}`] = value;
  }
  return keys;
}

function serviceKeys(caller: ServicePrincipal): Record<string, string> {
  return {
    'aws:PrincipalServiceName': caller.service,
    'aws:PrincipalIsAWSService': 'true',
    ...(caller.sourceArn === undefined ? {} : { 'aws:SourceArn': caller.sourceArn }),
    ...(caller.sourceAccount === undefined ? {} : { 'aws:SourceAccount': caller.sourceAccount }),
  };
}
