import { COMPUTATION_FAILED, type ComputeInput, type ComputeResult } from '@fanout/shared-types';
import { setTimeout as sleepFor } from 'node:timers/promises';

/**
 * A computation that failed. Its `name` is the case's injected error name (default
 * ComputationFailed), because that is what Step Functions matches in Retry/Catch `ErrorEquals`
 * and what SendTaskFailure reports.
 */
export class ComputationError extends Error {
  override readonly name: string;
  readonly requestId: string;
  readonly caseId: string;

  constructor(props: { error: string; cause: string; requestId: string; caseId: string }) {
    super(props.cause);
    this.name = props.error;
    this.requestId = props.requestId;
    this.caseId = props.caseId;
  }
}

export interface ComputeProps {
  /** Duration of a case that has no `durationMs` (COMPUTE_MS). */
  defaultDurationMs: number;
  /** Injectable for tests; default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable clock (ms); default performance.now. */
  now?: () => number;
}

/**
 * Simulates the computation of one case: waits its duration (the case's `durationMs`, else the
 * default), then either returns the result or, when the case carries an injected `failure`,
 * throws it. The wait happens before the failure because a real computation fails after
 * having spent its time, which is what retries and timeouts must be designed for.
 * `durationMs` in the result is the measured time, not the requested one.
 */
export async function computeCase(input: ComputeInput, props: ComputeProps): Promise<ComputeResult> {
  const sleep = props.sleep ?? ((ms: number) => sleepFor(ms).then(() => undefined));
  const now = props.now ?? (() => performance.now());
  const { requestId, request } = input;

  const started = now();
  await sleep(request.durationMs ?? props.defaultDurationMs);
  const durationMs = Math.round(now() - started);

  if (request.failure) {
    throw new ComputationError({
      error: request.failure.error || COMPUTATION_FAILED,
      cause: request.failure.cause ?? `case ${request.caseId} failed by injection`,
      requestId,
      caseId: request.caseId,
    });
  }
  return { requestId, request, durationMs, state: 'SUCCEEDED' };
}
