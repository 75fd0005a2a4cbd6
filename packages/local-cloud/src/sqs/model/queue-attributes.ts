import type { SqsLimits } from '../constants';
import { SqsError, fifoUnsupported, invalidAttributeValue, unknownAttribute } from '../errors';
import { parseRedriveAllowPolicy, parseRedrivePolicy, type RedriveAllowPolicy, type RedrivePolicy } from './redrive';
import type { AttributeMap } from './types';

/** A standard queue's settable attributes, parsed. */
export interface QueueConfig {
  readonly DelaySeconds: number;
  readonly MaximumMessageSize: number;
  readonly MessageRetentionPeriod: number;
  readonly ReceiveMessageWaitTimeSeconds: number;
  readonly VisibilityTimeout: number;
  readonly KmsDataKeyReusePeriodSeconds: number;
  readonly SqsManagedSseEnabled: boolean;
  readonly Policy?: string;
  readonly RedrivePolicy?: RedrivePolicy;
  readonly RedriveAllowPolicy?: RedriveAllowPolicy;
  readonly KmsMasterKeyId?: string;
}

type IntegerAttribute = 'DelaySeconds' | 'MaximumMessageSize' | 'MessageRetentionPeriod' | 'ReceiveMessageWaitTimeSeconds' | 'VisibilityTimeout' | 'KmsDataKeyReusePeriodSeconds';

const BOUNDS: Readonly<Record<IntegerAttribute, (l: SqsLimits) => { min: number; max: number; default: number }>> = {
  DelaySeconds: (l) => l.delaySeconds,
  MaximumMessageSize: (l) => l.maximumMessageSize,
  MessageRetentionPeriod: (l) => l.messageRetentionPeriod,
  ReceiveMessageWaitTimeSeconds: (l) => l.receiveMessageWaitTimeSeconds,
  VisibilityTimeout: (l) => l.visibilityTimeout,
  KmsDataKeyReusePeriodSeconds: (l) => l.kmsDataKeyReusePeriodSeconds,
};

const isIntegerAttribute = (name: string): name is IntegerAttribute => Object.hasOwn(BOUNDS, name);

/** Attributes computed by the queue, readable but never settable. */
export const COMPUTED_ATTRIBUTES = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
] as const;

/** FIFO-only attributes: valid names, but a standard queue neither takes nor reports them. */
const FIFO_ATTRIBUTES = ['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'];

const SETTABLE = [...Object.keys(BOUNDS), 'Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'SqsManagedSseEnabled'];

export function defaultQueueConfig(limits: SqsLimits): QueueConfig {
  const value = (name: IntegerAttribute): number => BOUNDS[name](limits).default;
  return {
    DelaySeconds: value('DelaySeconds'),
    MaximumMessageSize: value('MaximumMessageSize'),
    MessageRetentionPeriod: value('MessageRetentionPeriod'),
    ReceiveMessageWaitTimeSeconds: value('ReceiveMessageWaitTimeSeconds'),
    VisibilityTimeout: value('VisibilityTimeout'),
    KmsDataKeyReusePeriodSeconds: value('KmsDataKeyReusePeriodSeconds'),
    // SSE-SQS is on for new queues since 2022.
    SqsManagedSseEnabled: true,
  };
}

function integer(name: IntegerAttribute, text: string, limits: SqsLimits): number {
  const { min, max } = BOUNDS[name](limits);
  const n = /^-?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw invalidAttributeValue(name, `must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}.`);
  return n;
}

function policyDocument(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidAttributeValue('Policy', 'the policy is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !('Statement' in parsed)) {
    throw invalidAttributeValue('Policy', 'a policy must be a JSON object with a Statement.');
  }
  return text;
}

/**
 * The configuration after CreateQueue's or SetQueueAttributes' attributes; throws
 * InvalidAttributeName / InvalidAttributeValue / InvalidParameterValue naming the attribute.
 * An empty Policy, RedrivePolicy, RedriveAllowPolicy or KmsMasterKeyId removes it.
 */
export function applyQueueAttributes(config: QueueConfig, attributes: AttributeMap, limits: SqsLimits, creating: boolean): QueueConfig {
  const next: { -readonly [K in keyof QueueConfig]: QueueConfig[K] } = { ...config };
  for (const [name, text] of Object.entries(attributes)) {
    if (isIntegerAttribute(name)) {
      next[name] = integer(name, text, limits);
      continue;
    }
    switch (name) {
      case 'Policy':
        if (text === '') delete next.Policy;
        else next.Policy = policyDocument(text);
        break;
      case 'RedrivePolicy':
        if (text === '') delete next.RedrivePolicy;
        else next.RedrivePolicy = parseRedrivePolicy(text, limits);
        break;
      case 'RedriveAllowPolicy':
        if (text === '') delete next.RedriveAllowPolicy;
        else next.RedriveAllowPolicy = parseRedriveAllowPolicy(text, limits);
        break;
      case 'KmsMasterKeyId':
        if (text === '') delete next.KmsMasterKeyId;
        else if (attributes['SqsManagedSseEnabled'] === 'true') {
          throw invalidAttributeValue('SqsManagedSseEnabled', 'a queue uses one server-side encryption at a time: SSE-KMS (KmsMasterKeyId) or SSE-SQS.');
        } else {
          next.KmsMasterKeyId = text;
          next.SqsManagedSseEnabled = false;
        }
        break;
      case 'SqsManagedSseEnabled':
        if (text !== 'true' && text !== 'false') throw invalidAttributeValue(name, `must be true or false, got ${JSON.stringify(text)}.`);
        next.SqsManagedSseEnabled = text === 'true';
        if (next.SqsManagedSseEnabled) delete next.KmsMasterKeyId;
        break;
      case 'FifoQueue':
        if (!creating) throw new SqsError('InvalidAttributeName', 'FifoQueue can be given only when the queue is created.');
        if (text === 'true') throw fifoUnsupported();
        if (text !== 'false') throw invalidAttributeValue(name, `must be true or false, got ${JSON.stringify(text)}.`);
        break;
      default:
        if (FIFO_ATTRIBUTES.includes(name)) throw new SqsError('InvalidAttributeName', `Attribute ${name} applies only to FIFO queues.`);
        throw unknownAttribute(name);
    }
  }
  return next;
}

/** Names of GetQueueAttributes, `All` expanded; throws InvalidAttributeName for an unknown one. */
export function readableNames(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of names) {
    if (name === 'All') [...COMPUTED_ATTRIBUTES, ...SETTABLE].forEach((n) => out.add(n));
    else if (SETTABLE.includes(name) || (COMPUTED_ATTRIBUTES as readonly string[]).includes(name)) out.add(name);
    else if (!FIFO_ATTRIBUTES.includes(name)) throw unknownAttribute(name);
  }
  return [...out];
}

/** The value GetQueueAttributes reports for a settable attribute, or undefined when it is unset. */
export function configValue(config: QueueConfig, name: string): string | undefined {
  if (isIntegerAttribute(name)) return name === 'KmsDataKeyReusePeriodSeconds' && config.KmsMasterKeyId === undefined ? undefined : String(config[name]);
  switch (name) {
    case 'Policy':
      return config.Policy;
    case 'RedrivePolicy':
      return config.RedrivePolicy && JSON.stringify({ deadLetterTargetArn: config.RedrivePolicy.deadLetterTargetArn, maxReceiveCount: config.RedrivePolicy.maxReceiveCount });
    case 'RedriveAllowPolicy':
      return config.RedriveAllowPolicy && JSON.stringify(config.RedriveAllowPolicy);
    case 'KmsMasterKeyId':
      return config.KmsMasterKeyId;
    case 'SqsManagedSseEnabled':
      return String(config.SqsManagedSseEnabled);
    default:
      return undefined;
  }
}

/**
 * CreateQueue on an existing name: the first requested attribute whose value differs from the
 * queue's (compared after parsing, so `"5"` and `5` agree), or undefined when the call is a repeat.
 */
export function differingAttribute(existing: QueueConfig, requested: AttributeMap, limits: SqsLimits): string | undefined {
  const wanted = applyQueueAttributes(defaultQueueConfig(limits), requested, limits, true);
  return Object.keys(requested).find((name) => name !== 'FifoQueue' && configValue(existing, name) !== configValue(wanted, name));
}
