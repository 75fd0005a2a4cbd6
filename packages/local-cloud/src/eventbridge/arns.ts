import { busNotFound } from './errors';

/** Where the service lives: every ARN it makes carries these. */
export interface ServiceScope {
  readonly region: string;
  readonly accountId: string;
}

export const DEFAULT_BUS = 'default';

export const busArn = (s: ServiceScope, bus: string): string => `arn:aws:events:${s.region}:${s.accountId}:event-bus/${bus}`;

/** `rule/<rule>` on the default bus, `rule/<bus>/<rule>` on a custom one. */
export const ruleArn = (s: ServiceScope, bus: string, rule: string): string =>
  `arn:aws:events:${s.region}:${s.accountId}:rule/${bus === DEFAULT_BUS ? '' : `${bus}/`}${rule}`;

const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/;
const RULE_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):rule\/(?:(.+)\/)?([^/]+)$/;

/** An `EventBusName` member (a name or an ARN, default when absent) as the name of a bus of this account and region. */
export function busNameOf(s: ServiceScope, nameOrArn: string | undefined): string {
  if (nameOrArn === undefined || nameOrArn === '') return DEFAULT_BUS;
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const m = BUS_ARN.exec(nameOrArn);
  if (!m || m[1] !== s.region || m[2] !== s.accountId) throw busNotFound(nameOrArn);
  return m[3] as string;
}

/** A taggable resource: a bus or a rule of this account and region. */
export type ResourceRef = { readonly kind: 'bus'; readonly bus: string } | { readonly kind: 'rule'; readonly bus: string; readonly rule: string };

export function parseResourceArn(s: ServiceScope, arn: string): ResourceRef | undefined {
  const bus = BUS_ARN.exec(arn);
  if (bus) return bus[1] === s.region && bus[2] === s.accountId ? { kind: 'bus', bus: bus[3] as string } : undefined;
  const rule = RULE_ARN.exec(arn);
  if (rule && rule[1] === s.region && rule[2] === s.accountId) return { kind: 'rule', bus: rule[3] ?? DEFAULT_BUS, rule: rule[4] as string };
  return undefined;
}

/** A target the local cloud can deliver to, read from its ARN. */
export type TargetKind =
  | { readonly kind: 'lambda'; readonly functionArn: string }
  | { readonly kind: 'sqs'; readonly queueArn: string; readonly fifo: boolean }
  | { readonly kind: 'states'; readonly stateMachineArn: string };

const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$/;
const SQS_ARN = /^arn:aws[\w-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const STATES_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;

export function targetKindOf(arn: string): TargetKind | undefined {
  if (LAMBDA_ARN.test(arn)) return { kind: 'lambda', functionArn: arn };
  const sqs = SQS_ARN.exec(arn);
  if (sqs) return { kind: 'sqs', queueArn: arn, fifo: sqs[1] !== undefined };
  if (STATES_ARN.test(arn)) return { kind: 'states', stateMachineArn: arn };
  return undefined;
}

/** Whether an ARN names a standard (not FIFO) SQS queue, the only kind a dead-letter queue may be. */
export function isStandardQueueArn(arn: string): boolean {
  const kind = targetKindOf(arn);
  return kind?.kind === 'sqs' && !kind.fifo;
}
