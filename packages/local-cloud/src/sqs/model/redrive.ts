import type { SqsLimits } from '../constants';
import { invalidParameter } from '../errors';

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

export type RedrivePermission = 'allowAll' | 'denyAll' | 'byQueue';

export interface RedriveAllowPolicy {
  readonly redrivePermission: RedrivePermission;
  readonly sourceQueueArns?: readonly string[];
}

const QUEUE_ARN_RE = /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/;

function parseObject(name: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter(name, text, `${name} is not a valid JSON map.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidParameter(name, text, `${name} is not a valid JSON map.`);
  return parsed as Record<string, unknown>;
}

/**
 * `{"deadLetterTargetArn": "...", "maxReceiveCount": 5}`; AWS's own examples quote the count as a
 * string, Terraform's jsonencode writes a number: both are accepted.
 */
export function parseRedrivePolicy(text: string, limits: SqsLimits): RedrivePolicy {
  const policy = parseObject('RedrivePolicy', text);
  for (const key of Object.keys(policy)) {
    if (key !== 'deadLetterTargetArn' && key !== 'maxReceiveCount') throw invalidParameter('RedrivePolicy', text, `Redrive policy contains an unknown attribute: ${key}.`);
  }
  const { deadLetterTargetArn: arn, maxReceiveCount: rawCount } = policy;
  if (arn === undefined) throw invalidParameter('RedrivePolicy', text, 'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  if (rawCount === undefined) throw invalidParameter('RedrivePolicy', text, 'Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  if (typeof arn !== 'string' || !QUEUE_ARN_RE.test(arn)) throw invalidParameter('RedrivePolicy', text, `Invalid value for deadLetterTargetArn: ${JSON.stringify(arn)} is not an SQS queue ARN.`);
  const count = typeof rawCount === 'string' && /^\d+$/.test(rawCount) ? Number(rawCount) : rawCount;
  const { min, max } = limits.maxReceiveCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < min || count > max) {
    throw invalidParameter('RedrivePolicy', text, `Invalid value for maxReceiveCount: ${JSON.stringify(rawCount)}, valid values are from ${min} to ${max} both inclusive.`);
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

export function parseRedriveAllowPolicy(text: string, limits: SqsLimits): RedriveAllowPolicy {
  const policy = parseObject('RedriveAllowPolicy', text);
  const permission = policy['redrivePermission'];
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw invalidParameter('RedriveAllowPolicy', text, `redrivePermission must be one of allowAll, denyAll, byQueue; got ${JSON.stringify(permission)}.`);
  }
  const sources = policy['sourceQueueArns'];
  if (permission !== 'byQueue') {
    if (sources !== undefined) throw invalidParameter('RedriveAllowPolicy', text, 'sourceQueueArns can be given only when redrivePermission is byQueue.');
    return { redrivePermission: permission };
  }
  if (!Array.isArray(sources) || sources.length === 0 || sources.length > limits.redriveAllowSourceArns) {
    throw invalidParameter('RedriveAllowPolicy', text, `byQueue needs sourceQueueArns: 1 to ${limits.redriveAllowSourceArns} queue ARNs.`);
  }
  const bad = sources.find((arn) => typeof arn !== 'string' || !QUEUE_ARN_RE.test(arn));
  if (bad !== undefined) throw invalidParameter('RedriveAllowPolicy', text, `${JSON.stringify(bad)} in sourceQueueArns is not an SQS queue ARN.`);
  return { redrivePermission: permission, sourceQueueArns: sources as string[] };
}

/** Whether a dead-letter queue's RedriveAllowPolicy lets the source queue name it. */
export function allowsSource(policy: RedriveAllowPolicy | undefined, sourceArn: string): boolean {
  if (!policy || policy.redrivePermission === 'allowAll') return true;
  if (policy.redrivePermission === 'denyAll') return false;
  return policy.sourceQueueArns?.includes(sourceArn) ?? false;
}
