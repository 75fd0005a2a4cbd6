/**
 * Each case's path through an inline Map, from the history alone: iteration start → task
 * scheduled → started → (callback: submitted) → ended, every attempt, and how it ended. Events
 * of one iteration are chained by previousEventId from its MapIterationStarted, as AWS records
 * them, so iterations running at once are told apart without execution data.
 */
import type { PatternSpec, DatasetCases } from '../patterns/registry';
import type { HistoryEvent } from './history';

export interface TaskAttempt {
  scheduledMs: number;
  startedMs?: number;
  /** Callback tasks: the service call returned and the task now waits for its token. */
  submittedMs?: number;
  endMs?: number;
  error?: string;
}

export type CaseOutcome = 'succeeded' | 'failed' | 'aborted' | 'open';

export interface CaseTimeline {
  caseId: string | undefined;
  mapName: string;
  index: number;
  iterationStartMs: number;
  iterationEndMs?: number;
  attempts: TaskAttempt[];
  outcome: CaseOutcome;
  /** The final attempt's error when the case failed. */
  error?: string;
}

const TASK_FAILURES = new Set(['TaskFailed', 'TaskTimedOut', 'TaskStartFailed', 'TaskSubmitFailed']);
const ITERATION_ENDS = new Set(['MapIterationSucceeded', 'MapIterationFailed', 'MapIterationAborted']);

interface Thread {
  timeline: CaseTimeline;
  /** Whether the thread is inside the case's computing task state (not RecordFailure, not a nested Summary). */
  inCaseTask: boolean;
}

function applyEvent(thread: Thread, event: HistoryEvent, pattern: PatternSpec): void {
  const { timeline } = thread;
  const attempt = timeline.attempts[timeline.attempts.length - 1];
  switch (event.type) {
    case 'TaskStateEntered':
      thread.inCaseTask = pattern.isCaseTask(String(event.details['name'] ?? ''));
      return;
    case 'TaskStateExited':
      thread.inCaseTask = false;
      return;
    case 'TaskScheduled':
      if (thread.inCaseTask) {
        timeline.attempts.push({ scheduledMs: event.ms });
        timeline.outcome = 'open';
        delete timeline.error;
      }
      return;
    case 'TaskStarted':
      if (thread.inCaseTask && attempt) attempt.startedMs = event.ms;
      return;
    case 'TaskSubmitted':
      if (thread.inCaseTask && attempt) attempt.submittedMs = event.ms;
      return;
    case 'TaskSucceeded':
      if (thread.inCaseTask && attempt) {
        attempt.endMs = event.ms;
        timeline.outcome = 'succeeded';
      }
      return;
    case 'TaskStateAborted':
      if (thread.inCaseTask && attempt && attempt.endMs === undefined) attempt.endMs = event.ms;
      timeline.outcome = 'aborted';
      return;
    default:
      if (TASK_FAILURES.has(event.type) && thread.inCaseTask && attempt) {
        attempt.endMs = event.ms;
        attempt.error = String(event.details['error'] ?? (event.type === 'TaskTimedOut' ? 'States.Timeout' : event.type));
        timeline.outcome = 'failed';
        timeline.error = attempt.error;
      }
  }
}

/** One timeline per Map iteration of the pattern's fan-out, in the order the iterations started. */
export function caseTimelines(history: readonly HistoryEvent[], pattern: PatternSpec, dataset: DatasetCases): CaseTimeline[] {
  const threadOf = new Map<number, Thread>();
  const timelines: CaseTimeline[] = [];
  for (const event of history) {
    if (event.type === 'MapIterationStarted') {
      const mapName = String(event.details['name'] ?? '');
      const index = Number(event.details['index'] ?? -1);
      const timeline: CaseTimeline = { caseId: pattern.caseAt(dataset, mapName, index)?.caseId, mapName, index, iterationStartMs: event.ms, attempts: [], outcome: 'open' };
      timelines.push(timeline);
      threadOf.set(event.id, { timeline, inCaseTask: false });
      continue;
    }
    const thread = threadOf.get(event.previousEventId);
    if (!thread) continue;
    if (ITERATION_ENDS.has(event.type)) {
      thread.timeline.iterationEndMs = event.ms;
      if (event.type === 'MapIterationAborted' && thread.timeline.outcome !== 'succeeded') thread.timeline.outcome = 'aborted';
      continue; // the Map's own events that follow belong to no iteration
    }
    threadOf.set(event.id, thread);
    applyEvent(thread, event, pattern);
  }
  return timelines;
}

/** When the case's work ended (its last attempt), if it did. */
export function caseEndMs(timeline: CaseTimeline): number | undefined {
  return timeline.attempts[timeline.attempts.length - 1]?.endMs;
}
