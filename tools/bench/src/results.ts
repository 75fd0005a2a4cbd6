/** From a completed run to its record and chart series: measure, price, check the shape. */
import { relative } from 'node:path';
import { DEFAULT_COMPUTE_MS } from '@fanout/compute-work';
import { AWS_LIMITS } from '@fanout/shared-types';
import type { StackFacts } from './aws/preflight';
import { runCost } from './cost/units';
import { downsample } from './measure/concurrency';
import { measureRun, spread } from './measure/run-metrics';
import { mapConcurrencyCeiling } from './patterns/ceilings';
import { WORKSPACE_ROOT } from './paths';
import type { RunSpec } from './plan';
import { type RunRecord, type RunSeries, checkRecord } from './report/record';
import type { CompletedRun } from './run';

/** Points per concurrency series in series.json: enough for a chart, whatever the size. */
const SERIES_POINTS = 400;

/**
 * The best a pattern can do: its Maps run at most 40 cases at once each, so a Map of n cases of
 * d ms needs ⌈n / 40⌉ waves. Only when every case takes the same time (else undefined).
 */
export function idealMakespanMs(spec: RunSpec, defaultComputeMs: number): number | undefined {
  const durations = new Set(spec.dataset.cases.map((c) => c.durationMs ?? defaultComputeMs));
  if (durations.size !== 1) return undefined;
  const d = [...durations][0] as number;
  const perMap = mapConcurrencyCeiling(spec.pattern.ceiling);
  const maps = spec.dataset.slots ?? [spec.dataset.cases];
  return Math.max(...maps.map((cases) => Math.ceil(cases.length / perMap))) * d;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

export function toRecord(run: CompletedRun, facts: StackFacts, target: { name: 'local' | 'aws'; timeScale: number }): { record: RunRecord; series: RunSeries } {
  const { spec } = run;
  const metrics = measureRun({
    pattern: spec.pattern,
    dataset: spec.dataset,
    status: run.status,
    ...(run.error === undefined ? {} : { error: run.error }),
    ...(run.cause === undefined ? {} : { cause: run.cause }),
    ...(run.output === undefined ? {} : { output: run.output }),
    history: run.history,
    logs: run.logs,
    queueMessages: run.queueMessages,
  });
  const queued = typeof run.queueMessages === 'string' ? 0 : run.queueMessages.reduce((t, q) => t + q.added, 0);
  const cost = runCost(metrics, facts.compute, facts.summary, queued);
  const caseSpread = spread(metrics.caseMs);
  const dispatch = spread(metrics.dispatchMs);
  const delivery = spread(metrics.lambda.deliveryMs);
  const record = checkRecord({
    pattern: spec.pattern.id,
    target: target.name,
    size: spec.size,
    run: spec.run,
    datasetFile: relative(WORKSPACE_ROOT, spec.dataset.file),
    executionArn: run.executionArn,
    status: run.status,
    error: orNull(run.error),
    startedAt: run.startedAt,
    timeScale: target.timeScale,
    makespanMs: orNull(metrics.makespanMs),
    idealMakespanMs: orNull(idealMakespanMs(spec, facts.compute.computeMs ?? DEFAULT_COMPUTE_MS)),
    succeeded: metrics.counts.succeeded,
    failed: metrics.counts.failed,
    missing: metrics.counts.missing,
    duplicated: metrics.counts.duplicated,
    countsFrom: metrics.counts.source,
    peakConcurrency: metrics.peakConcurrency,
    concurrencyCeiling: spec.pattern.concurrencyCeiling(spec.outputs),
    lambdaPeakConcurrency: orNull(metrics.lambda.peakConcurrency),
    p50CaseMs: orNull(caseSpread.p50),
    p95CaseMs: orNull(caseSpread.p95),
    p50DispatchMs: orNull(dispatch.p50),
    p95DispatchMs: orNull(dispatch.p95),
    p50DeliveryMs: orNull(delivery.p50),
    p95DeliveryMs: orNull(delivery.p95),
    retries: metrics.retries,
    failuresByError: metrics.failuresByError,
    historyEvents: metrics.historyEvents,
    historyShare: metrics.historyEvents / AWS_LIMITS.historyEvents,
    fanInBytes: orNull(metrics.fanIn?.bytes),
    fanInShare: metrics.fanIn ? metrics.fanIn.bytes / AWS_LIMITS.sfnPayloadBytes : null,
    fanInTruncated: metrics.fanIn?.truncated ?? false,
    lambdaInvocations: cost.units.lambdaRequests,
    coldStarts: metrics.lambda.coldStarts,
    duplicateInvocations: metrics.lambda.duplicateInvocations,
    logs: metrics.lambda.logs,
    costUsd: cost.totalUsd,
    costPer1000CasesUsd: spec.size > 0 ? (cost.totalUsd / spec.size) * 1000 : null,
    units: cost.units,
    costByUnitUsd: cost.usd,
    costLambdaFrom: cost.lambdaSource,
    notes: [...facts.notes, ...metrics.notes],
  });
  const series: RunSeries = {
    pattern: spec.pattern.id,
    size: spec.size,
    run: spec.run,
    concurrency: downsample(metrics.concurrency, SERIES_POINTS),
    lambdaConcurrency: metrics.lambda.series ? downsample(metrics.lambda.series, SERIES_POINTS) : null,
    caseMs: metrics.caseMs,
  };
  return { record, series };
}
