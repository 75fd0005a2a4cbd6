import { invalidParameter } from './errors';
import type { LogsLimits } from './limits';

/** PutLogEvents' rules for one batch, separate from storage so the API and the in-process port share them. */

export interface InputLogEvent {
  readonly timestamp: number;
  readonly message: string;
}

export interface RejectedLogEventsInfo {
  /** First index of the events too far in the future (inclusive). */
  tooNewLogEventStartIndex?: number;
  /** End of the events older than 14 days (exclusive). */
  tooOldLogEventEndIndex?: number;
  /** End of the events older than the group's retention (exclusive). */
  expiredLogEventEndIndex?: number;
}

export interface BatchPlan {
  /** Indexes of the events to store. */
  readonly accepted: readonly number[];
  readonly rejected: RejectedLogEventsInfo | undefined;
  readonly counts: { readonly tooNew: number; readonly tooOld: number; readonly expired: number };
}

export interface BatchRules {
  readonly nowMs: number;
  /** Events older than this are expired (the group's retention), when it has one. */
  readonly retentionCutoffMs: number | undefined;
  readonly limits: LogsLimits;
}

export function eventBytes(event: InputLogEvent, limits: LogsLimits): number {
  return Buffer.byteLength(event.message, 'utf8') + limits.eventOverheadBytes;
}

/**
 * Checks a batch as PutLogEvents does: size, count and order fail the whole request; events too
 * old, expired or too new are left out and reported by index while the rest are stored.
 */
export function planBatch(events: readonly InputLogEvent[], rules: BatchRules): BatchPlan {
  const { limits, nowMs } = rules;
  if (events.length > limits.batchEvents) throw invalidParameter(`A PutLogEvents batch holds at most ${limits.batchEvents} events, got ${events.length}`);
  const bytes = events.reduce((sum, e) => sum + eventBytes(e, limits), 0);
  if (bytes > limits.batchBytes) throw invalidParameter(`Upload too large: ${bytes} bytes exceeds limit of ${limits.batchBytes}`);
  for (let i = 1; i < events.length; i++) {
    if ((events[i] as InputLogEvent).timestamp < (events[i - 1] as InputLogEvent).timestamp) {
      throw invalidParameter(`Log events in a single PutLogEvents request must be in chronological order (logEvents.${i + 1} is earlier than logEvents.${i})`);
    }
  }
  const tooOldBefore = nowMs - limits.pastMs;
  const tooNewAfter = nowMs + limits.futureMs;
  const expiredBefore = rules.retentionCutoffMs;
  const accepted: number[] = [];
  let tooOld = 0;
  let expired = 0;
  let tooNew = 0;
  let tooNewStart: number | undefined;
  let tooOldEnd: number | undefined;
  let expiredEnd: number | undefined;
  events.forEach((e, i) => {
    const old = e.timestamp < tooOldBefore;
    const isExpired = expiredBefore !== undefined && e.timestamp < expiredBefore;
    if (old) {
      tooOld++;
      tooOldEnd = i + 1;
    }
    if (isExpired) {
      if (!old) expired++;
      expiredEnd = i + 1;
    }
    if (e.timestamp > tooNewAfter) {
      tooNew++;
      tooNewStart ??= i;
    }
    if (!old && !isExpired && e.timestamp <= tooNewAfter) accepted.push(i);
  });
  const first = accepted[0];
  const last = accepted[accepted.length - 1];
  if (first !== undefined && last !== undefined) {
    const span = (events[last] as InputLogEvent).timestamp - (events[first] as InputLogEvent).timestamp;
    if (span > limits.batchSpanMs) throw invalidParameter(`The batch of log events in a single PutLogEvents request cannot span more than 24 hours (this one spans ${span} ms)`);
  }
  const rejected: RejectedLogEventsInfo = {};
  if (tooNewStart !== undefined) rejected.tooNewLogEventStartIndex = tooNewStart;
  if (tooOldEnd !== undefined) rejected.tooOldLogEventEndIndex = tooOldEnd;
  if (expiredEnd !== undefined) rejected.expiredLogEventEndIndex = expiredEnd;
  return { accepted, rejected: Object.keys(rejected).length > 0 ? rejected : undefined, counts: { tooNew, tooOld, expired } };
}

/**
 * Splits time-ordered events into batches PutLogEvents accepts (count, bytes, 24-hour span), as
 * Lambda's log shipper does. An event too large for any batch comes back in `oversized`.
 */
export function splitIntoBatches(events: readonly InputLogEvent[], limits: LogsLimits): { batches: InputLogEvent[][]; oversized: InputLogEvent[] } {
  const batches: InputLogEvent[][] = [];
  const oversized: InputLogEvent[] = [];
  let current: InputLogEvent[] = [];
  let bytes = 0;
  for (const e of events) {
    const size = eventBytes(e, limits);
    if (size > limits.batchBytes) {
      oversized.push(e);
      continue;
    }
    const first = current[0];
    if (first !== undefined && (current.length >= limits.batchEvents || bytes + size > limits.batchBytes || e.timestamp - first.timestamp > limits.batchSpanMs)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return { batches, oversized };
}
