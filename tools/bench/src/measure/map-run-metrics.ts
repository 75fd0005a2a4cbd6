/**
 * A Distributed Map run measured without per-case history: its children keep their own (Express
 * children keep none), so each case is read from the ResultWriter's result files (its child's
 * StartDate, StopDate, status and output) joined to the computing Lambda's log lines by caseId;
 * the makespan and the Map Run's span from the parent history; the counts from the Summary.
 */
import { AWS_LIMITS } from '@fanout/shared-types';
import { type Interval, concurrencySeries, peakOf } from './concurrency';
import { makespanMs } from './history';
import type { Invocation } from './lambda-logs';
import { lambdaUsage } from './lambda-usage';
import { type ChildRun, childRuns, mapRunCounts, mapRunSpanMs } from './map-run';
import type { MapRunMetrics, RunMetrics, RunObservation } from './observation';
import { sourceNotes } from './observation';
import { type CaseCounts, countEvents, stateTransitions, summaryCounts, summaryTaskMs } from './summary-counts';

/** Each case's end as its children recorded it: a success wins over a failure, a second outcome is a duplicate. */
function outcomesByCase(children: readonly ChildRun[]): { final: Map<string, string | undefined>; unidentified: string[]; duplicated: number } {
  const final = new Map<string, string | undefined>();
  const unidentified: string[] = [];
  const twice = new Set<string>();
  for (const outcome of children.flatMap((c) => c.outcomes)) {
    if (outcome.caseId === undefined) {
      if (outcome.error !== undefined) unidentified.push(outcome.error);
      continue;
    }
    if (final.has(outcome.caseId)) twice.add(outcome.caseId);
    if (!final.has(outcome.caseId) || final.get(outcome.caseId) !== undefined) final.set(outcome.caseId, outcome.error);
  }
  return { final, unidentified, duplicated: twice.size };
}

function countsFromChildren(children: readonly ChildRun[], total: number): CaseCounts {
  const { final, unidentified, duplicated } = outcomesByCase(children);
  const succeeded = [...final.values()].filter((e) => e === undefined).length;
  const failed = final.size - succeeded + unidentified.length;
  return { succeeded, failed, missing: Math.max(0, total - succeeded - failed), duplicated, source: 'history' };
}

function failuresByError(children: readonly ChildRun[]): Record<string, number> {
  const { final, unidentified } = outcomesByCase(children);
  const byError: Record<string, number> = {};
  for (const error of [...final.values(), ...unidentified]) if (error !== undefined) byError[error] = (byError[error] ?? 0) + 1;
  return byError;
}

/**
 * Case latency: from its child's start to the end of its last invocation in the Lambda logs
 * (to the child's stop where the logs lack it); dispatch: child start → its first invocation.
 */
function caseTimes(children: readonly ChildRun[], invocations: readonly Invocation[]): { caseMs: number[]; dispatchMs: number[] } {
  const byCase = new Map<string, Invocation[]>();
  for (const i of invocations) if (i.caseId !== undefined && i.startMs !== undefined) byCase.set(i.caseId, [...(byCase.get(i.caseId) ?? []), i]);
  const caseMs: number[] = [];
  const dispatchMs: number[] = [];
  for (const child of children) {
    if (child.startMs === undefined) continue;
    const start = child.startMs;
    for (const caseId of child.cases) {
      const runs = (caseId === undefined ? [] : (byCase.get(caseId) ?? [])).filter((i) => (i.startMs as number) >= start).sort((a, b) => (a.startMs as number) - (b.startMs as number));
      const first = runs[0];
      const last = runs[runs.length - 1];
      if (first) dispatchMs.push((first.startMs as number) - start);
      const end = last?.durationMs !== undefined ? (last.startMs as number) + last.durationMs : child.stopMs;
      if (end !== undefined) caseMs.push(end - start);
    }
  }
  return { caseMs, dispatchMs };
}

/** S3 requests the pattern made around the Map Run (the bench's own reads are not the pattern's). */
function s3Requests(observation: RunObservation, summarized: boolean): { puts: number; gets: number } {
  const files = observation.mapRun?.manifest?.files;
  const fromItems = observation.itemSource === 's3';
  const written = files ? files.SUCCEEDED + files.FAILED + files.PENDING + 1 : 0;
  const summaryReads = summarized && files ? 1 + files.SUCCEEDED + files.FAILED + (fromItems ? 1 : 0) : 0;
  return { puts: written + (fromItems ? 1 : 0), gets: summaryReads + (fromItems ? 1 : 0) };
}

function childNotes(children: readonly ChildRun[]): string[] {
  const byStatus = new Map<string, number>();
  for (const c of children) if (c.status !== 'SUCCEEDED') byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  return [...byStatus].map(([status, n]) => `${n} child execution(s) ${status}${status === 'PENDING' ? ' (never started: their cases are missing)' : ': each of their cases failed with the child\u2019s error'}`);
}

export function measureMapRun(observation: RunObservation): RunMetrics {
  const { history, dataset } = observation;
  const originMs = history.find((e) => e.type === 'ExecutionStarted')?.ms ?? history[0]?.ms ?? 0;
  const notes: string[] = [];
  const mapRun = observation.mapRun ?? { resultFiles: [], notes: ['the Map Run was not collected'] };
  const { children, issues } = childRuns(mapRun.resultFiles);
  notes.push(...mapRun.notes, ...issues.slice(0, 5), ...(issues.length > 5 ? [`… and ${issues.length - 5} more result-file issues`] : []), ...childNotes(children));

  const summary = summaryCounts(history, observation, 'the result files');
  if (summary.note) notes.push(summary.note);
  const counts = summary.counts ?? countsFromChildren(children, dataset.cases.length);

  const lambda = lambdaUsage(observation.logs, [], originMs, false);
  const intervals: Interval[] = children.filter((c) => c.startMs !== undefined && c.stopMs !== undefined).map((c) => ({ startMs: c.startMs as number, endMs: c.stopMs as number }));
  const concurrency = concurrencySeries(intervals, originMs);
  const { caseMs, dispatchMs } = caseTimes(children, lambda.invocations);
  notes.push(...sourceNotes(observation));
  notes.push('no fan-in: the children\u2019s results go through ResultWriter to S3 (the record\u2019s resultWriter names the manifest)');
  notes.push('retries: not in any history (each case\u2019s attempts run in its Express child); an invocation beyond the first for a case counts as a duplicate invocation');

  const started = children.filter((c) => c.status !== 'PENDING');
  const summarized = countEvents(history, 'TaskStarted', 'lambda') > 0;
  const s3 = s3Requests(observation, summarized);
  const described = mapRun.described;
  const map: MapRunMetrics = {
    children,
    resultFiles: mapRun.manifest ? mapRun.manifest.files.SUCCEEDED + mapRun.manifest.files.FAILED + mapRun.manifest.files.PENDING : 0,
    itemSource: observation.itemSource ?? 'request',
    s3Puts: s3.puts,
    s3Gets: s3.gets,
  };
  if (mapRun.mapRunArn !== undefined) map.mapRunArn = mapRun.mapRunArn;
  if (described?.status !== undefined) map.status = described.status;
  const itemCounts = mapRunCounts(described?.itemCounts);
  const executionCounts = mapRunCounts(described?.executionCounts);
  if (itemCounts) map.itemCounts = itemCounts;
  if (executionCounts) map.executionCounts = executionCounts;
  if (mapRun.manifest) map.manifest = { bucket: mapRun.manifest.bucket, key: mapRun.manifest.key };
  const span = mapRunSpanMs(history);
  if (span !== undefined) map.spanMs = span;

  const metrics: RunMetrics = {
    status: observation.status,
    historyEvents: history.length,
    counts,
    failuresByError: failuresByError(children),
    retries: null,
    caseMs,
    dispatchMs,
    concurrency,
    peakConcurrency: peakOf(concurrency),
    lambda,
    usage: {
      stateTransitions: stateTransitions(history),
      invokeAttempts: started.reduce((total, c) => total + c.cases.length, 0),
      eventsPut: 0,
      // Without logs, each case is bounded by its child's whole span (a batch's cases run at once).
      caseTaskMs: started.reduce((total, c) => total + (c.startMs !== undefined && c.stopMs !== undefined ? (c.stopMs - c.startMs) * c.cases.length : 0), 0),
      summaryTaskMs: summaryTaskMs(history),
      summaryInvocations: countEvents(history, 'TaskStarted', 'lambda'),
    },
    mapRun: map,
    notes,
  };
  const makespan = makespanMs(history);
  if (makespan !== undefined) metrics.makespanMs = makespan;
  if (observation.error !== undefined) metrics.error = observation.error;
  if (history.length >= AWS_LIMITS.historyEvents) notes.push(`history reached the ${AWS_LIMITS.historyEvents}-event limit`);
  return metrics;
}
