import { AWS_LIMITS } from '@fanout/shared-types';

/**
 * Every EventBridge quota and bound the local service enforces, in one place. Figures are AWS's
 * (EventBridge User Guide "quotas", the API Reference's member constraints); the retry schedule
 * is the local choice documented in the README, since AWS publishes only "exponential back off
 * and jitter".
 */
export const EVENTBRIDGE_LIMITS = {
  /** PutEvents entries per call. */
  putEventsMaxEntries: AWS_LIMITS.putEventsMaxEntries,
  /** Sum of the entries' sizes in one PutEvents call (raised from 256 KB to 1 MB in January 2026). */
  putEventsMaxBytes: 1_048_576,
  /** Bytes a `Time` member counts for in the entry size. */
  putEventsTimeBytes: 14,
  /** DetailType length. */
  detailTypeMaxLength: 128,
  /** Event pattern length (characters). */
  patternMaxLength: 2048,
  /** Alternatives a pattern may expand to once its `$or`s are multiplied out. */
  patternMaxBranches: 1024,
  /** Numeric matching works between these bounds (event-ruler's ComparableNumber range). */
  numericMin: -5e9,
  numericMax: 5e9,
  /** Targets on one rule; entries in one PutTargets / RemoveTargets call. */
  targetsPerRule: 5,
  targetsPerRequest: 10,
  /** Rules per bus and custom buses per account. */
  rulesPerBus: 300,
  eventBusesPerAccount: 100,
  /** Bus resource policy length (characters). */
  policyMaxLength: 10_240,
  /** List* page sizes. */
  listMaxResults: 100,
  /** Tags on one resource. */
  tagsPerResource: 50,
  /** InputTransformer variables; Input / InputTemplate length; InputPath length. */
  inputPathsMapMaxEntries: 100,
  inputMaxLength: 8192,
  inputPathMaxLength: 256,
  /** Target retry policy bounds and defaults. */
  maximumRetryAttempts: { min: 0, max: 185, default: 185 },
  maximumEventAgeSeconds: { min: 60, max: 86_400, default: 86_400 },
} as const;

/** Request members' modelled lengths (API Reference); a longer value is a ValidationException. */
export const MEMBER_MAX_LENGTH = {
  arn: 1600,
  busName: 256,
  ruleName: 64,
  targetId: 64,
  statementId: 64,
  description: 512,
  /** The API's bound on EventPattern; the pattern quota (patternMaxLength) is tighter. */
  eventPattern: 4096,
  scheduleExpression: 256,
  state: 64,
  action: 64,
  principal: 12,
  tagKey: 128,
  tagValue: 256,
} as const;

/**
 * Delay before retry n (0-based) is `min(capMs, baseMs · factor^n)`, of which a random share
 * `jitter` is drawn uniformly ("equal jitter": half fixed, half random by default), so 185 retries
 * spread over many hours as AWS's default policy does.
 */
export const RETRY_BACKOFF = {
  baseMs: 1_000,
  factor: 2,
  capMs: 300_000,
  jitter: 0.5,
} as const;

/** Name and ARN patterns from the API Reference. */
export const NAME_PATTERNS = {
  rule: /^[.\-_A-Za-z0-9]{1,64}$/,
  bus: /^[/.\-_A-Za-z0-9]{1,256}$/,
  targetId: /^[.\-_A-Za-z0-9]{1,64}$/,
  statementId: /^[a-zA-Z0-9-_]{1,64}$/,
  inputPathsKey: /^[A-Za-z0-9_-]+$/,
} as const;
