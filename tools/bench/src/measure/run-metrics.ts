/**
 * Everything one run is measured by, computed the same way for both targets from what AWS
 * gives: the execution history (AWS event format), the execution's output (the Summary), the
 * computing Lambda's log lines when they can be read, the failure queues' new messages and, for
 * a Distributed Map, its Map Run and result files (map-run-metrics.ts).
 */
import { AWS_LIMITS } from '@fanout/shared-types';
import { type CaseTimeline, caseEndMs, caseTimelines } from './cases';
import { concurrencySeries, peakOf } from './concurrency';
import { type HistoryEvent, makespanMs, stateOutputBytes } from './history';
import { lambdaUsage } from './lambda-usage';
import { measureMapRun } from './map-run-metrics';
import { type RunMetrics, type RunObservation, sourceNotes } from './observation';
import { percentile } from './stats';
import { type CaseCounts, countEvents, stateTransitions, summaryCounts, summaryTaskMs } from './summary-counts';

export type { CaseCounts } from './summary-counts';
export type { MapRunMetrics, RunMetrics, RunObservation } from './observation';

function countFromHistory(timelines: readonly CaseTimeline[], total: number): CaseCounts {
  const seen = new Map<string, CaseTimeline['outcome']>();
  for (const t of timelines) if (t.caseId !== undefined && seen.get(t.caseId) !== 'succeeded') seen.set(t.caseId, t.outcome);
  const succeeded = [...seen.values()].filter((o) => o === 'succeeded').length;
  const failed = [...seen.values()].filter((o) => o === 'failed').length;
  return { succeeded, failed, missing: Math.max(0, total - succeeded - failed), duplicated: 0, source: 'history' };
}

function taskUsage(history: readonly HistoryEvent[], timelines: readonly CaseTimeline[], callback: boolean): RunMetrics['usage'] {
  const attempts = timelines.flatMap((t) => t.attempts);
  const caseTaskMs = attempts.reduce((total, a) => {
    const from = callback ? a.submittedMs : a.startedMs;
    return from === undefined || a.endMs === undefined ? total : total + (a.endMs - from);
  }, 0);
  const invokeAttempts = callback ? 0 : attempts.filter((a) => a.startedMs !== undefined).length;
  return {
    stateTransitions: stateTransitions(history),
    invokeAttempts,
    eventsPut: countEvents(history, 'TaskSubmitted', 'events'),
    caseTaskMs,
    summaryTaskMs: summaryTaskMs(history),
    summaryInvocations: Math.max(0, countEvents(history, 'TaskStarted', 'lambda') - invokeAttempts),
  };
}

function measureInlineRun(observation: RunObservation): RunMetrics {
  const { pattern, dataset, history } = observation;
  const callback = pattern.compute === 'callback';
  const notes: string[] = [];
  const originMs = history.find((e) => e.type === 'ExecutionStarted')?.ms ?? history[0]?.ms ?? 0;
  const timelines = caseTimelines(history, pattern, dataset);

  const summary = summaryCounts(history, observation, 'the history');
  const counts = summary.counts ?? countFromHistory(timelines, dataset.cases.length);
  if (summary.note) notes.push(summary.note);

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
  notes.push(...sourceNotes(observation));

  const fanIn = pattern.fanOutState === undefined ? undefined : stateOutputBytes(history, pattern.fanOutState);
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

export function measureRun(observation: RunObservation): RunMetrics {
  return observation.pattern.timeline === 'map-run' ? measureMapRun(observation) : measureInlineRun(observation);
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
