import { AwsError } from '../core/aws-error';
import { InputRenderError } from './input-transform';
import { RETRY_BACKOFF } from './limits';

/** The ERROR_CODE values EventBridge writes on a dead-lettered event (the subset a local target can cause). */
export type DeliveryErrorCode =
  | 'NO_PERMISSIONS'
  | 'NO_RESOURCE'
  | 'THROTTLING'
  | 'TIMEOUT'
  | 'INVALID_PARAMETER'
  | 'INVALID_JSON'
  | 'RESOURCE_ALREADY_EXISTS'
  | 'RESOURCE_MODIFICATION_COLLISION'
  | 'INTERNAL_ERROR'
  | 'SDK_CLIENT_ERROR'
  | 'UNKNOWN';

export type ExhaustedRetryCondition = 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds';

export interface DeliveryFailure {
  readonly code: DeliveryErrorCode;
  readonly message: string;
  /** Throttling and transient faults are retried; missing resources, permissions and bad input are not. */
  readonly retryable: boolean;
}

const CODES: ReadonlyArray<readonly [DeliveryErrorCode, boolean, readonly string[]]> = [
  ['NO_RESOURCE', false, ['ResourceNotFoundException', 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'StateMachineDoesNotExist', 'StateMachineDeleting']],
  ['NO_PERMISSIONS', false, ['AccessDeniedException', 'AccessDenied', 'KMSAccessDeniedException', 'AuthorizationError']],
  ['THROTTLING', true, ['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'ThrottledException', 'RequestThrottled', 'ExecutionLimitExceeded', 'EC2ThrottledException']],
  ['TIMEOUT', true, ['RequestTimeout', 'RequestTimeoutException', 'TimeoutError']],
  ['RESOURCE_ALREADY_EXISTS', false, ['ExecutionAlreadyExists']],
  ['RESOURCE_MODIFICATION_COLLISION', true, ['ResourceConflictException']],
  [
    'INVALID_PARAMETER',
    false,
    ['InvalidParameterValueException', 'InvalidRequestContentException', 'RequestTooLargeException', 'InvalidExecutionInput', 'InvalidMessageContents', 'InvalidParameterValue', 'ValidationException', 'InvalidArn', 'InvalidName', 'MissingParameter', 'UnsupportedMediaTypeException'],
  ],
];

/** How EventBridge treats what a target's service answered. */
export function classifyFailure(err: unknown): DeliveryFailure {
  if (err instanceof InputRenderError) return { code: 'INVALID_JSON', message: err.message, retryable: false };
  if (!(err instanceof AwsError)) {
    // A fault that is no AWS answer is a local defect: it is not retried, so it surfaces at once.
    return { code: 'UNKNOWN', message: err instanceof Error ? err.message : String(err), retryable: false };
  }
  const message = `${err.code}: ${err.message}`;
  for (const [code, retryable, names] of CODES) if (names.includes(err.code)) return { code, message, retryable };
  if (err.status === 429) return { code: 'THROTTLING', message, retryable: true };
  // EventBridge retries 5xx answers and gives up on other 4xx ones.
  if (err.status >= 500) return { code: 'INTERNAL_ERROR', message, retryable: true };
  return { code: 'SDK_CLIENT_ERROR', message, retryable: false };
}

export interface ResolvedRetryPolicy {
  readonly maximumRetryAttempts: number;
  readonly maximumEventAgeMs: number;
}

export type RetryDecision =
  | { readonly kind: 'retry'; readonly at: number }
  | { readonly kind: 'give-up'; readonly at: number; readonly exhausted?: ExhaustedRetryCondition };

/**
 * What follows a failed attempt, on the simulated timeline: another attempt after an
 * exponential, jittered delay, or the dead-letter queue — at once for a permanent fault or when
 * the retry count is spent, at the event's age limit when the next attempt would come after it.
 */
export function decideAfterFailure(input: {
  readonly failure: DeliveryFailure;
  readonly retriesDone: number;
  readonly attemptAt: number;
  readonly ingestedAt: number;
  readonly policy: ResolvedRetryPolicy;
  readonly random: () => number;
}): RetryDecision {
  const { failure, retriesDone, attemptAt, ingestedAt, policy } = input;
  if (!failure.retryable) return { kind: 'give-up', at: attemptAt };
  if (retriesDone >= policy.maximumRetryAttempts) return { kind: 'give-up', at: attemptAt, exhausted: 'MaximumRetryAttempts' };
  const deadline = ingestedAt + policy.maximumEventAgeMs;
  const next = attemptAt + backoffMs(retriesDone, input.random);
  if (next > deadline) return { kind: 'give-up', at: Math.max(attemptAt, deadline), exhausted: 'MaximumEventAgeInSeconds' };
  return { kind: 'retry', at: next };
}

/** Delay before retry `n` (0-based): exponential up to a cap, with a random share (see RETRY_BACKOFF). */
export function backoffMs(n: number, random: () => number): number {
  const raw = Math.min(RETRY_BACKOFF.capMs, RETRY_BACKOFF.baseMs * RETRY_BACKOFF.factor ** n);
  return raw * (1 - RETRY_BACKOFF.jitter) + raw * RETRY_BACKOFF.jitter * random();
}

/** A small seeded generator (mulberry32): the same seed gives the same jitter and the same duplicates. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
