/**
 * The AWS limits every piece of the project honours (figures from the AWS service quotas and
 * developer guides of Step Functions, Lambda, EventBridge, SQS and X-Ray).
 * One place, so the data generator, the Lambdas, the infrastructure and the local cloud
 * cannot disagree about a figure.
 */
export const AWS_LIMITS = {
  /** Step Functions state, task, execution input or output, and SendTaskSuccess output (UTF-8 bytes). */
  sfnPayloadBytes: 262_144,
  /** Inline Map runs at most this many iterations at once, whatever MaxConcurrency says. */
  inlineMapMaxConcurrency: 40,
  /** Standard workflow execution history. */
  historyEvents: 25_000,
  /** Execution names are 1 to 80 characters. */
  executionNameMaxLength: 80,
  /** SendTaskFailure `error` field. */
  taskFailureErrorMaxLength: 256,
  /** SendTaskFailure `cause` field. */
  taskFailureCauseMaxLength: 32_768,
  /** A callback task without TimeoutSeconds waits this long (about a year). */
  defaultTaskTimeoutSeconds: 99_999_999,
  /** EventBridge PutEvents entries per call. */
  putEventsMaxEntries: 10,
  /** Lambda synchronous invocation request and response. */
  lambdaSyncPayloadBytes: 6_291_456,
  /** Lambda asynchronous invocation request (raised from 256 KB in late 2025). */
  lambdaAsyncPayloadBytes: 1_048_576,
  /** Lambda function timeout ceiling. */
  lambdaMaxTimeoutSeconds: 900,
  /** Default account-level Lambda concurrency per region. */
  lambdaAccountConcurrency: 1_000,
  /** Distributed Map: child executions running at once at most (MaxConcurrency 0 means this many). */
  distributedMapMaxConcurrency: 10_000,
  /** Distributed Map: the most items an ItemReader reads (ReaderConfig.MaxItems). */
  distributedMapMaxItems: 100_000_000,
  /** Distributed Map: child executions started per second at most, Express children. */
  expressChildStartsPerSecond: 1_000,
  /** Distributed Map: child executions started per second at most, Standard children. */
  standardChildStartsPerSecond: 100,
  /** An Express execution runs at most 5 minutes. */
  expressMaxDurationSeconds: 300,
} as const;

/** Size in bytes of a value as Step Functions measures it: its JSON text in UTF-8. */
export function payloadBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
