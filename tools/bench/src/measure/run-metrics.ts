/**
 * Everything one run is measured by, computed the same way for both targets from what AWS
 * gives: the execution history (AWS event format), the execution's output (the Summary), the
 * computing Lambda's log lines when they can be read, and the failure queues' new messages.
 */
import { STATE_NAMES } from '@fanout/infra/src/asl/definitions';
import { AWS_LIMITS } from '@fanout/shared-types';
import type { DatasetCases, PatternSpec } from '../patterns/registry';
import { type CaseTimeline, caseEndMs, caseTimelines } from './cases';
import { type StepPoint, concurrencySeries, peakOf } from './concurrency';
import { type HistoryEvent, makespanMs, stateOutputBytes } from './history';
import { type LambdaUsage, type LogsObservation, lambdaUsage } from './lambda-usage';
import { percentile } from './stats';

export interface RunObservation {
  pattern: PatternSpec;
  dataset: DatasetCases;
  status: string;
  error?: string;
  cause?: string;
  /** The execution's output: the Summary when it succeeded. */
  output?: string;
  history: readonly HistoryEvent[];
  logs: LogsObservation;
  /** New messages per failure queue during the run, or why they could not be read. */
  queueMessages: { name: string; added: number }[] | string;
}

export interface CaseCounts {
  succeeded: number;
  failed: number;
  missing: number;
  duplicated: number;
  /** Where the counts come from: the Summary's output, or the history when there is no Summary. */
  source: 'summary' | 'history';
}

export interface RunMetrics {
  status: string;
  error?: string;
  makespanMs?: number;
  historyEvents: number;
  fanIn?: { bytes: number; truncated: boolean };
  counts: CaseCounts;
  failuresByError: Record<string, number>;
  retries: number;
  /** Per finished case: iteration start → its task's end. */
  caseMs: number[];
  /** Per case: iteration start → its first attempt started (Step Functions' own dispatch). */
  dispatchMs: number[];
  /** Cases whose task is in flight (started, not ended), over time from ExecutionStarted. */
  concurrency: StepPoint[];
  peakConcurrency: number;
  lambda: LambdaUsage;
  usage: {
    stateTransitions: number;
    /** Attempts of the case tasks that reached the computing Lambda through Step Functions. */
    invokeAttempts: number;
    /** Events put on a bus (each a PutEvents entry). */
    eventsPut: number;
    /** Sum over case attempts of started → ended (invoke) or submitted → ended (callback), ms. */
    caseTaskMs: number;
    /** The Summary task's started → ended, ms. */
    summaryTaskMs: number;
    summaryInvocations: number;
  };
  notes: string[];
}

interface SummaryShape {
  succeeded: number;
  failed: number;
  missing: unknown[];
  duplicated: unknown[];
}

function parseSummary(output: string | undefined): SummaryShape | undefined {
  if (output === undefined) return undefined;
  try {
    const value = JSON.parse(output) as Partial<SummaryShape>;
    if (typeof value.succeeded === 'number' && typeof value.failed === 'number' && Array.isArray(value.missing) && Array.isArray(value.duplicated)) {
      return value as SummaryShape;
    }
  } catch {
    // not a summary: counted from the history below
  }
  return undefined;
}

function countFromHistory(timelines: readonly CaseTimeline[], total: number): CaseCounts {
  const seen = new Map<string, CaseTimeline['outcome']>();
  for (const t of timelines) if (t.caseId !== undefined && seen.get(t.caseId) !== 'succeeded') seen.set(t.caseId, t.outcome);
  const succeeded = [...seen.values()].filter((o) => o === 'succeeded').length;
  const failed = [...seen.values()].filter((o) => o === 'failed').length;
  return { succeeded, failed, missing: Math.max(0, total - succeeded - failed), duplicated: 0, source: 'history' };
}

function taskUsage(history: readonly HistoryEvent[], timelines: readonly CaseTimeline[], callback: boolean): RunMetrics['usage'] {
  const count = (type: string, resourceType?: string): number =>
    history.filter((e) => e.type === type && (resourceType === undefined || e.details['resourceType'] === resourceType)).length;
  const entered = history.filter((e) => e.type.endsWith('StateEntered')).length;
  // A retry runs the task again without entering its state again; each is billed as a transition.
  const retries = Math.max(0, count('TaskScheduled') - count('TaskStateEntered'));
  const attempts = timelines.flatMap((t) => t.attempts);
  const caseTaskMs = attempts.reduce((total, a) => {
    const from = callback ? a.submittedMs : a.startedMs;
    return from === undefined || a.endMs === undefined ? total : total + (a.endMs - from);
  }, 0);
  const lambdaStarted = count('TaskStarted', 'lambda');
  const invokeAttempts = callback ? 0 : attempts.filter((a) => a.startedMs !== undefined).length;
  return {
    stateTransitions: entered + retries,
    invokeAttempts,
    eventsPut: count('TaskSubmitted', 'events'),
    caseTaskMs,
    summaryTaskMs: summaryTaskMs(history),
    summaryInvocations: Math.max(0, lambdaStarted - invokeAttempts),
  };
}

/** Started → ended of the Summary's task (the last lambda task outside any Map iteration). */
function summaryTaskMs(history: readonly HistoryEvent[]): number {
  const entered = [...history].reverse().find((e) => e.type === 'TaskStateEntered' && e.details['name'] === STATE_NAMES.summarize);
  if (!entered) return 0;
  const after = history.filter((e) => e.id > entered.id);
  const started = after.find((e) => e.type === 'TaskStarted');
  const ended = after.find((e) => e.type === 'TaskSucceeded' || e.type === 'TaskFailed' || e.type === 'TaskTimedOut');
  return started && ended ? ended.ms - started.ms : 0;
}

export function measureRun(observation: RunObservation): RunMetrics {
  const { pattern, dataset, history } = observation;
  const callback = pattern.compute === 'callback';
  const notes: string[] = [];
  const originMs = history.find((e) => e.type === 'ExecutionStarted')?.ms ?? history[0]?.ms ?? 0;
  const timelines = caseTimelines(history, pattern, dataset);

  // The Summarize task's output is the Summary whether the execution then succeeded or failed
  // its failure threshold; the execution's output is the same text when it succeeded.
  const summarized = [...history].reverse().find((e) => e.type === 'TaskStateExited' && e.details['name'] === STATE_NAMES.summarize);
  const summary = parseSummary(typeof summarized?.details['output'] === 'string' ? summarized.details['output'] : observation.output);
  const counts: CaseCounts = summary
    ? { succeeded: summary.succeeded, failed: summary.failed, missing: summary.missing.length, duplicated: summary.duplicated.length, source: 'summary' }
    : countFromHistory(timelines, dataset.cases.length);
  if (!summary) notes.push(`no Summary (execution ${observation.status}${observation.error ? `: ${observation.error}` : ''}): cases counted from the history`);
  else if (observation.status !== 'SUCCEEDED') notes.push(`execution ${observation.status}${observation.error ? ` (${observation.error})` : ''} after its Summary: cases counted from the Summary in the history`);

  const failuresByError: Record<string, number> = {};
  for (const t of timelines) if (t.outcome === 'failed' && t.error) failuresByError[t.error] = (failuresByError[t.error] ?? 0) + 1;

  const caseMs: number[] = [];
  const dispatchMs: number[] = [];
  for (const t of timelines) {
    const end = caseEndMs(t);
    if (end !== undefined) caseMs.push(end - t.iterationStartMs);
    const started = t.attempts[0]?.startedMs;
    if (started !== undefined) dispatchMs.push(started - t.iterationStartMs);
  }
  const concurrency = concurrencySeries(
    timelines.flatMap((t) => t.attempts.filter((a) => a.startedMs !== undefined && a.endMs !== undefined).map((a) => ({ startMs: a.startedMs as number, endMs: a.endMs as number }))),
    originMs,
  );

  const lambda = lambdaUsage(observation.logs, timelines, originMs, callback);
  if (observation.logs.state !== 'complete') notes.push(`Lambda logs ${observation.logs.state}${observation.logs.note ? `: ${observation.logs.note}` : ''}; GB-s estimated from task durations`);
  if (typeof observation.queueMessages === 'string') notes.push(`failure queues could not be read (${observation.queueMessages}): SQS requests not counted`);
  else for (const q of observation.queueMessages) if (q.added > 0) notes.push(`${q.added} message(s) landed in the ${q.name}`);

  const fanIn = stateOutputBytes(history, pattern.fanOutState);
  const metrics: RunMetrics = {
    status: observation.status,
    historyEvents: history.length,
    counts,
    failuresByError,
    retries: timelines.reduce((total, t) => total + Math.max(0, t.attempts.length - 1), 0),
    caseMs,
    dispatchMs,
    concurrency,
    peakConcurrency: peakOf(concurrency),
    lambda,
    usage: taskUsage(history, timelines, callback),
    notes,
  };
  const span = makespanMs(history);
  if (span !== undefined) metrics.makespanMs = span;
  if (observation.error !== undefined) metrics.error = observation.error;
  if (fanIn) metrics.fanIn = fanIn;
  if (history.length >= AWS_LIMITS.historyEvents) notes.push(`history reached the ${AWS_LIMITS.historyEvents}-event limit`);
  return metrics;
}

/** p50 and p95 of a list, for records. */
export function spread(values: readonly number[]): { p50?: number; p95?: number } {
  const out: { p50?: number; p95?: number } = {};
  const p50 = percentile(values, 50);
  const p95 = percentile(values, 95);
  if (p50 !== undefined) out.p50 = p50;
  if (p95 !== undefined) out.p95 = p95;
  return out;
}
