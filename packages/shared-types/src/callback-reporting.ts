/**
 * How compute-callback answers Step Functions (SendTaskSuccess / SendTaskFailure): the SDK's
 * adaptive retry mode, bounded, so a throttled answer is retried inside the invocation rather
 * than by failing it — which would make Lambda's asynchronous retry redo the whole computation.
 * infra derives the callback timeout from the same figures.
 */
export const SEND_TASK_RETRY = {
  /** Client-side rate limiting on top of the standard exponential backoff with full jitter. */
  retryMode: 'adaptive',
  /** The first call and up to 4 retries. */
  maxAttempts: 5,
} as const;

/** The SDK's backoff for a throttled attempt k (0-based): up to min(20 s, 0.5 s × 2^k). */
const THROTTLING_BACKOFF_BASE_SECONDS = 0.5;
const MAX_BACKOFF_SECONDS = 20;

/**
 * The longest the retries of one answer can wait in backoff (seconds): 0.5 + 1 + 2 + 4 = 7.5 s
 * for 5 attempts. The adaptive rate limiter may add its own short waits, and each attempt its
 * round trip; both are covered by the margin infra adds per compute-callback attempt.
 */
export function sendTaskRetryBudgetSeconds(maxAttempts: number = SEND_TASK_RETRY.maxAttempts): number {
  let total = 0;
  for (let k = 0; k < maxAttempts - 1; k++) total += Math.min(MAX_BACKOFF_SECONDS, THROTTLING_BACKOFF_BASE_SECONDS * 2 ** k);
  return total;
}
