/**
 * Durations derived from other settings: the callback timeout, the execution timeout, and the
 * concurrency each pattern can reach. Pure functions of the configuration and the retry
 * policies in constants.ts (README "Retries, timeouts and failures" states each formula).
 */
import type { Retrier } from '@fanout/asl-types';
import { AWS_LIMITS, type PatternId, patternCeilings, sendTaskRetryBudgetSeconds } from '@fanout/shared-types';
import { CALLBACK_LAMBDA_ASYNC_RETRIES } from './constants';

/** Lambda waits about 1 minute before the first asynchronous retry and 2 before the second. */
export const LAMBDA_ASYNC_RETRY_DELAYS_SECONDS = [60, 120] as const;

/** Per compute-callback attempt beyond its computation and its answer's retries: cold start, SDK load, round trips. */
export const CALLBACK_ATTEMPT_MARGIN_SECONDS = 5;

/** EventBridge's delivery to the function and the time an event waits in Lambda's asynchronous queue. */
export const CALLBACK_DELIVERY_MARGIN_SECONDS = 30;

/** A Standard execution runs at most one year. */
export const MAX_EXECUTION_SECONDS = 31_536_000;

/** What AWS accepts for a callback task's TimeoutSeconds here (config.ts bounds it to 10–86,400). */
const CALLBACK_TIMEOUT_MAX_SECONDS = 86_400;

/**
 * How long one case may wait for its callback by default: every compute-callback attempt (the
 * first and Lambda's asynchronous retries) running its computation and answering with the SDK's
 * bounded retries, plus Lambda's waits between attempts and the delivery margin:
 * (1 + 2) × (⌈computeMs⌉ s + 8 s + 5 s) + 60 s + 120 s + 30 s = 264 s for 5,000 ms. Never
 * shorter than one run of the function (its timeout), so a slow attempt is not cut off.
 */
export function defaultCallbackTimeoutSeconds(computeMs: number, lambdaTimeoutSeconds: number): number {
  const attempt = Math.ceil(computeMs / 1000) + Math.ceil(sendTaskRetryBudgetSeconds()) + CALLBACK_ATTEMPT_MARGIN_SECONDS;
  const waits = LAMBDA_ASYNC_RETRY_DELAYS_SECONDS.slice(0, CALLBACK_LAMBDA_ASYNC_RETRIES).reduce((sum, s) => sum + s, 0);
  const derived = (1 + CALLBACK_LAMBDA_ASYNC_RETRIES) * attempt + waits + CALLBACK_DELIVERY_MARGIN_SECONDS;
  return Math.min(CALLBACK_TIMEOUT_MAX_SECONDS, Math.max(derived, lambdaTimeoutSeconds));
}

/** Every wait the retriers of one task may add, at most (full jitter only shortens them). */
export function retryDelaySeconds(retriers: readonly Retrier[]): number {
  let total = 0;
  for (const retrier of retriers) {
    const interval = retrier.IntervalSeconds ?? 1;
    const backoff = retrier.BackoffRate ?? 2;
    const cap = retrier.MaxDelaySeconds ?? Number.POSITIVE_INFINITY;
    for (let k = 0; k < (retrier.MaxAttempts ?? 3); k++) total += Math.min(cap, interval * backoff ** k);
  }
  return Math.ceil(total);
}

/** How many iterations of a pattern run at once: slots × 40 for map-in-parallel, 40 for the callback's one Map. */
export function patternConcurrency(pattern: PatternId, slots: number): number {
  return (pattern === 'map-in-parallel' ? slots : 1) * AWS_LIMITS.inlineMapMaxConcurrency;
}

export interface ExecutionTimeoutProps {
  readonly pattern: PatternId;
  readonly slots: number;
  /** One iteration task's TimeoutSeconds and retriers. */
  readonly iterationTimeoutSeconds: number;
  readonly iterationRetriers: readonly Retrier[];
  readonly summaryTimeoutSeconds: number;
  readonly summaryRetriers: readonly Retrier[];
}

/**
 * The execution's TimeoutSeconds by default: the largest request the pattern can carry
 * (patternCeilings) in waves of its concurrency, every case taking its task's timeout plus every
 * retry wait, then the summary likewise. Retried attempts are counted by their waits only: the
 * errors they retry (throttling, service errors, putEvents failures) come back at once, and the
 * ones that take a task's whole timeout (States.Timeout, Lambda.Unknown) are not retried. It
 * is a backstop (every task already has its own timeout), so it errs long: with the defaults
 * map-in-parallel (3 slots) gets 8,927 s ≈ 2.5 h and map-eventbridge-callback 34,761 s ≈ 9.7 h,
 * instead of the year a Standard execution may run.
 */
export function defaultExecutionTimeoutSeconds(props: ExecutionTimeoutProps): number {
  const { maxCases } = patternCeilings(props.pattern, { slots: props.slots });
  const waves = Math.ceil(maxCases / patternConcurrency(props.pattern, props.slots));
  const iteration = props.iterationTimeoutSeconds + retryDelaySeconds(props.iterationRetriers);
  const summary = props.summaryTimeoutSeconds + retryDelaySeconds(props.summaryRetriers);
  return Math.min(MAX_EXECUTION_SECONDS, waves * iteration + summary);
}
