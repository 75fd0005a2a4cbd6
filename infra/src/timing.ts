/**
 * Durations derived from other settings: the callback timeout, the execution timeout, and the
 * concurrency each pattern can reach. Pure functions of the configuration and the retry
 * policies in constants.ts (README "Retries, timeouts and failures" states each formula).
 */
import type { Retrier } from '@fanout/asl-types';
import { AWS_LIMITS, type PatternId, patternCeilings, sendTaskRetryBudgetSeconds } from '@fanout/shared-types';
import type { DistributedMapConfig } from './config-distributed';
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

/** Cases one distributed-map child computes at once: its batch, through an inline Map of at most 40. */
export function casesPerChildAtOnce(distributed: Pick<DistributedMapConfig, 'maxItemsPerBatch'>): number {
  return Math.min(distributed.maxItemsPerBatch ?? 1, AWS_LIMITS.inlineMapMaxConcurrency);
}

/**
 * How many cases of a pattern compute at once: slots × 40 for map-in-parallel, 40 for the
 * callback's one Map, MaxConcurrency children × what each computes at once for distributed-map.
 */
export function patternConcurrency(pattern: PatternId, slots: number, distributed?: Pick<DistributedMapConfig, 'maxConcurrency' | 'maxItemsPerBatch'>): number {
  if (pattern === 'distributed-map') {
    if (distributed === undefined) throw new RangeError('distributed-map: its concurrency depends on the distributedMap settings; pass them');
    return distributed.maxConcurrency * casesPerChildAtOnce(distributed);
  }
  return (pattern === 'map-in-parallel' ? slots : 1) * AWS_LIMITS.inlineMapMaxConcurrency;
}

/**
 * The longest one distributed-map child can run: its batch in waves of 40 (one case without a
 * batch), each case taking its task's timeout plus every retry wait. An Express child must fit
 * in 5 minutes, so the stack refuses a batch whose child could not.
 */
export function childExecutionSeconds(distributed: Pick<DistributedMapConfig, 'maxItemsPerBatch'>, iterationTimeoutSeconds: number, iterationRetriers: readonly Retrier[]): number {
  const waves = Math.ceil((distributed.maxItemsPerBatch ?? 1) / AWS_LIMITS.inlineMapMaxConcurrency);
  return waves * (iterationTimeoutSeconds + retryDelaySeconds(iterationRetriers));
}

export interface DistributedExecutionTimeoutProps {
  readonly distributed: DistributedMapConfig;
  readonly iterationTimeoutSeconds: number;
  readonly iterationRetriers: readonly Retrier[];
  readonly summaryTimeoutSeconds: number;
  readonly summaryRetriers: readonly Retrier[];
}

/**
 * distributed-map's TimeoutSeconds by default: the largest request it carries (an items object at
 * its ceiling) in waves of MaxConcurrency children, each child its longest run, plus the time
 * Step Functions takes to start them all (1,000/s Express, 100/s Standard), then the summary.
 * With the defaults: ⌈27,527 / 1,000⌉ = 28 × 287 s + 28 s + 317 s = 8,381 s ≈ 2.3 h.
 */
export function defaultDistributedExecutionTimeoutSeconds(props: DistributedExecutionTimeoutProps): number {
  const { distributed } = props;
  const { maxCases } = patternCeilings('distributed-map', { itemSource: 's3' });
  const children = Math.ceil(maxCases / (distributed.maxItemsPerBatch ?? 1));
  const waves = Math.ceil(children / distributed.maxConcurrency);
  const startsPerSecond = distributed.childExecutionType === 'EXPRESS' ? AWS_LIMITS.expressChildStartsPerSecond : AWS_LIMITS.standardChildStartsPerSecond;
  const child = childExecutionSeconds(distributed, props.iterationTimeoutSeconds, props.iterationRetriers);
  const summary = props.summaryTimeoutSeconds + retryDelaySeconds(props.summaryRetriers);
  return Math.min(MAX_EXECUTION_SECONDS, waves * child + Math.ceil(children / startsPerSecond) + summary);
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
