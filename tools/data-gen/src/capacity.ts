import { AWS_LIMITS, type ComputeResult, type FlatRequest, payloadBytes } from '@fanout/shared-types';

/**
 * History events one case adds in the inline patterns: MapIterationStarted, TaskStateEntered,
 * TaskScheduled, TaskStarted, TaskSubmitted (callback pattern), TaskSucceeded, TaskStateExited,
 * MapIterationSucceeded.
 */
export const HISTORY_EVENTS_PER_CASE = 8;

/** Duration written into a result when the case has none (the computing Lambda's default). */
const DEFAULT_RESULT_DURATION_MS = 5000;

export interface InlineFanOutEstimate {
  /** The fan-out's output (every case's result), as the Summary step receives it. */
  resultBytes: number;
  historyEvents: number;
}

/**
 * What one execution of an inline pattern would carry for this request if every case
 * succeeds. The input limit is not the binding one: every result sits in the Map's (or the
 * Parallel's) output, and every case writes its events into the 25,000-event history.
 */
export function estimateInlineFanOut(flat: FlatRequest): InlineFanOutEstimate {
  // The array's brackets and the commas between its items…
  let resultBytes = 2 + Math.max(0, flat.requests.length - 1);
  // …and every item.
  for (const request of flat.requests) {
    const result: ComputeResult = { requestId: flat.requestId, request, durationMs: request.durationMs ?? DEFAULT_RESULT_DURATION_MS, state: 'SUCCEEDED' };
    resultBytes += payloadBytes(result);
  }
  return { resultBytes, historyEvents: HISTORY_EVENTS_PER_CASE * flat.requests.length };
}

/** Why this request is beyond one inline-Map execution, or nothing when it fits. */
export function inlineFanOutWarnings(flat: FlatRequest): string[] {
  const { resultBytes, historyEvents } = estimateInlineFanOut(flat);
  const reasons: string[] = [];
  if (resultBytes > AWS_LIMITS.sfnPayloadBytes) {
    reasons.push(`its results (≈${Math.round(resultBytes / 1024)} KiB) pass the 256 KiB state limit (States.DataLimitExceeded)`);
  }
  if (historyEvents > AWS_LIMITS.historyEvents) {
    reasons.push(`its history (≈${historyEvents} events) passes the 25,000-event limit`);
  }
  return reasons;
}
