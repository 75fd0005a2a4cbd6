/**
 * SQS's limits and defaults, in one place (SQS API Reference: CreateQueue, SetQueueAttributes,
 * SendMessage, ReceiveMessage, ChangeMessageVisibility; SQS Developer Guide: quotas). Each can be
 * overridden through SqsModelProps.limits.
 */
export const SQS_LIMITS = {
  /** MaximumMessageSize bounds; 1 MiB is also the default (raised from 256 KiB in 2025). */
  maximumMessageSize: { min: 1024, max: 1_048_576, default: 1_048_576 },
  visibilityTimeout: { min: 0, max: 43_200, default: 30 },
  messageRetentionPeriod: { min: 60, max: 1_209_600, default: 345_600 },
  delaySeconds: { min: 0, max: 900, default: 0 },
  receiveMessageWaitTimeSeconds: { min: 0, max: 20, default: 0 },
  kmsDataKeyReusePeriodSeconds: { min: 60, max: 86_400, default: 300 },
  maxReceiveCount: { min: 1, max: 1000 },
  maxNumberOfMessages: { min: 1, max: 10, default: 1 },
  /** ListQueues / ListDeadLetterSourceQueues page size; also the cap without MaxResults. */
  listMaxResults: { min: 1, max: 1000 },
  /** Entries in a SendMessageBatch, DeleteMessageBatch or ChangeMessageVisibilityBatch. */
  batchEntries: 10,
  batchEntryIdLength: 80,
  queueNameLength: 80,
  messageAttributes: 10,
  messageAttributeNameLength: 256,
  messageAttributeTypeLength: 256,
  /** RedriveAllowPolicy byQueue: at most this many source queue ARNs. */
  redriveAllowSourceArns: 10,
  messageGroupIdLength: 128,
  tagKeyLength: 128,
  tagValueLength: 256,
  /** In-flight messages per standard queue before ReceiveMessage answers OverLimit. */
  inflightMessages: 120_000,
  /** One PurgeQueue per queue in this many seconds. */
  purgeIntervalSeconds: 60,
  /** A deleted queue's name can be reused after this many seconds. */
  recreateAfterDeleteSeconds: 60,
};

export type SqsLimits = typeof SQS_LIMITS;

export const XML_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

export const QUEUE_NAME_RE = /^[A-Za-z0-9_-]+$/;
export const BATCH_ENTRY_ID_RE = /^[A-Za-z0-9_-]+$/;
