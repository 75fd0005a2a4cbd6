import type { Catcher, Retrier } from '@fanout/asl-types';
import { errorMatches, StatesError } from '../asl/errors';
import { applyResultPath } from '../asl/payload';
import { runPipeline, type StateWork } from './io-pipeline';
import type { StepContext, StepResult } from './step-context';

/** A Retrier's defaults (developer guide, "Retrying after an error"). */
const DEFAULT_RETRY = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } as const;

/** Interval × BackoffRate^n, capped by MaxDelaySeconds; FULL jitter picks uniformly below it. */
export function retryDelayMs(retrier: Retrier, previousAttempts: number, random: () => number = Math.random): number {
  const interval = retrier.IntervalSeconds ?? DEFAULT_RETRY.IntervalSeconds;
  const backoff = retrier.BackoffRate ?? DEFAULT_RETRY.BackoffRate;
  let seconds = interval * Math.pow(backoff, previousAttempts);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds;
  return seconds * 1000;
}

/** The error output a Catcher hands on: `Cause` only when the failure has one. */
function errorOutput(err: StatesError): Record<string, string> {
  return err.cause === '' ? { Error: err.error } : { Error: err.error, Cause: err.cause };
}

/**
 * Task, Parallel and Map: attempts (each one the whole I/O pipeline around `work`) with Retry,
 * then Catch, then the error moves up. `failedEvent`
 * (MapStateFailed, ParallelStateFailed) is recorded once the failure is final — caught or passed
 * on — and never for an attempt that is retried, as AWS's histories show.
 */
export function withRetryAndCatch(step: StepContext, input: unknown, work: StateWork, failedEvent?: string): StepResult | Promise<StepResult> {
  // Without Retry or Catch there is nothing to wait for: no extra async layer per task.
  if (step.state.Retry !== undefined || step.state.Catch !== undefined) return attempts(step, input, work, failedEvent);
  if (failedEvent === undefined) return runPipeline(step, input, work);
  const final = (err: unknown): never => {
    if (err instanceof StatesError && !step.scope.aborted) step.record(failedEvent);
    throw err;
  };
  try {
    const result = runPipeline(step, input, work);
    return result instanceof Promise ? result.catch(final) : result;
  } catch (err) {
    return final(err);
  }
}

async function attempts(step: StepContext, input: unknown, work: StateWork, failedEvent: string | undefined): Promise<StepResult> {
  const { state, scope } = step;
  const retriers: Retrier[] = state.Retry ?? [];
  const attemptsBy = new Array<number>(retriers.length).fill(0);
  for (;;) {
    try {
      return await runPipeline(step, input, work);
    } catch (err) {
      if (!(err instanceof StatesError) || scope.aborted) throw err;
      const ri = retriers.findIndex((r) => errorMatches(r.ErrorEquals, err.error));
      const retrier = retriers[ri];
      if (retrier) {
        const done = attemptsBy[ri] as number;
        if (done < (retrier.MaxAttempts ?? DEFAULT_RETRY.MaxAttempts)) {
          attemptsBy[ri] = done + 1;
          step.setRetryCount(step.retryCount + 1);
          await step.services.clock.sleep(retryDelayMs(retrier, done), scope);
          continue;
        }
      }
      if (failedEvent !== undefined) step.record(failedEvent);
      const catcher = (state.Catch ?? []).find((c: Catcher) => errorMatches(c.ErrorEquals, err.error));
      if (!catcher) throw err;
      return { output: applyResultPath(catcher.ResultPath, input, errorOutput(err), step.name), next: catcher.Next };
    }
  }
}
