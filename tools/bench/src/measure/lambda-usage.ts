/**
 * What the computing Lambda's logs add to the history: when each invocation really ran, how
 * long it was billed, cold starts, duplicate deliveries and, for the callback pattern, the
 * time between the event being put and the Lambda starting (EventBridge delivery plus Lambda's
 * asynchronous queue: the logs cannot tell the two apart).
 */
import type { CaseTimeline } from './cases';
import { type Interval, type StepPoint, concurrencySeries, peakOf } from './concurrency';
import { type Invocation, type LogLine, parseInvocations, reported } from './lambda-logs';

export type LogsState = 'complete' | 'partial' | 'unavailable';

export interface LogsObservation {
  state: LogsState;
  lines: readonly LogLine[];
  /** Why the logs are partial or unavailable. */
  note?: string;
}

export interface LambdaUsage {
  logs: LogsState;
  invocations: Invocation[];
  /** Invocations with a REPORT line. */
  reported: number;
  billedMs: number;
  coldStarts: number;
  /** Invocations beyond the first for the same case (at-least-once delivery, Lambda retries). */
  duplicateInvocations: number;
  peakConcurrency?: number;
  series?: StepPoint[];
  /** Callback pattern: put (TaskSubmitted) → the case's first invocation started. */
  deliveryMs: number[];
  /** Callback pattern: the invocation ended → the task token answered (TaskSucceeded/Failed). */
  answerMs: number[];
}

function byCase(invocations: readonly Invocation[]): Map<string, Invocation[]> {
  const map = new Map<string, Invocation[]>();
  for (const invocation of invocations) {
    if (invocation.caseId === undefined) continue;
    const list = map.get(invocation.caseId) ?? [];
    list.push(invocation);
    map.set(invocation.caseId, list);
  }
  for (const list of map.values()) list.sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
  return map;
}

export function lambdaUsage(logs: LogsObservation, timelines: readonly CaseTimeline[], originMs: number, callback: boolean): LambdaUsage {
  // The log window opens a little before the execution: an invocation that started before it
  // belongs to an earlier run (a late duplicate, the previous run's last cases), and so does one
  // whose start is not in the window at all (only its last lines and REPORT are).
  const invocations = parseInvocations(logs.lines).filter((i) => i.startMs !== undefined && i.startMs >= originMs);
  const done = reported(invocations);
  // Start times are whole milliseconds, durations have fractions: the invocation that follows
  // another on the same slot can start in the millisecond the first one ends. Flooring the end
  // keeps such a pair from counting as two at once.
  const intervals: Interval[] = done
    .filter((i) => i.startMs !== undefined)
    .map((i) => ({ startMs: i.startMs as number, endMs: (i.startMs as number) + Math.floor(i.durationMs ?? 0) }));
  const cases = byCase(invocations);
  const deliveryMs: number[] = [];
  const answerMs: number[] = [];
  if (callback) {
    for (const timeline of timelines) {
      const first = timeline.caseId === undefined ? undefined : cases.get(timeline.caseId)?.[0];
      // The attempt whose event was put (an earlier one may have failed to put it).
      const attempt = timeline.attempts.find((a) => a.submittedMs !== undefined);
      if (first?.startMs === undefined || attempt?.submittedMs === undefined) continue;
      deliveryMs.push(first.startMs - attempt.submittedMs);
      const last = timeline.attempts[timeline.attempts.length - 1];
      if (last?.endMs !== undefined && first.durationMs !== undefined) answerMs.push(last.endMs - (first.startMs + first.durationMs));
    }
  }
  const usage: LambdaUsage = {
    logs: logs.state,
    invocations,
    reported: done.length,
    billedMs: done.reduce((total, i) => total + (i.billedDurationMs ?? Math.ceil(i.durationMs ?? 0)), 0),
    coldStarts: done.filter((i) => i.initDurationMs !== undefined).length,
    duplicateInvocations: [...cases.values()].reduce((total, list) => total + Math.max(0, list.length - 1), 0),
    deliveryMs,
    answerMs,
  };
  if (intervals.length > 0) {
    usage.series = concurrencySeries(intervals, originMs);
    usage.peakConcurrency = peakOf(usage.series);
  }
  return usage;
}
