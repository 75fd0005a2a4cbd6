/** CloudWatch Logs quotas and rules, from the API Reference (PutLogEvents, CreateLogGroup, …). */
export const LOGS_LIMITS = {
  /** PutLogEvents: sum of UTF-8 message bytes plus `eventOverheadBytes` per event. */
  batchBytes: 1_048_576,
  eventOverheadBytes: 26,
  batchEvents: 10_000,
  /** Events this far ahead of the clock are rejected (tooNewLogEventStartIndex). */
  futureMs: 2 * 60 * 60 * 1000,
  /** Events older than this are rejected (tooOldLogEventEndIndex). */
  pastMs: 14 * 24 * 60 * 60 * 1000,
  /** The accepted events of one batch span at most this. */
  batchSpanMs: 24 * 60 * 60 * 1000,
  nameMaxLength: 512,
  /** DescribeLogGroups / DescribeLogStreams page size (default and ceiling). */
  describePageSize: 50,
  /** GetLogEvents / FilterLogEvents: at most this many events, and `responseBytes` of messages, per page. */
  eventsPageSize: 10_000,
  responseBytes: 1_048_576,
  /** FilterLogEvents logStreamNames. */
  filterStreamNames: 100,
  filterPatternMaxLength: 1024,
  regexPerFilterPattern: 2,
  tagsPerResource: 50,
  tagKeyMaxLength: 128,
  tagValueMaxLength: 256,
} as const;

/** The quotas a model enforces: AWS's by default, each overridable (Infinity lifts one). */
export type LogsLimits = { readonly [K in keyof typeof LOGS_LIMITS]: number };

/** The only values PutRetentionPolicy accepts. */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const DAY_MS = 24 * 60 * 60 * 1000;

export const LOG_GROUP_NAME_PATTERN = /^[.\-_/#A-Za-z0-9]+$/;
/** Stream names: anything but ':' and '*'. */
export const LOG_STREAM_NAME_PATTERN = /^[^:*]+$/;

export const LOG_GROUP_CLASSES = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] as const;
