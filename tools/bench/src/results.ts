/** From a completed run to its record and chart series: measure, price, check the shape. */
import { relative } from 'node:path';
import { DEFAULT_COMPUTE_MS } from '@fanout/compute-work';
import { AWS_LIMITS } from '@fanout/shared-types';
import type { StackFacts } from './aws/preflight';
import { runCost } from './cost/units';
import { downsample } from './measure/concurrency';
import type { HistoryEvent } from './measure/history';
import { type MapRunMetrics, measureRun, spread } from './measure/run-metrics';
import type { DistributedMapSettings } from './patterns/distributed-settings';
import { idealMakespanMs } from './patterns/ideal';
import { WORKSPACE_ROOT } from './paths';
import { type RunRecord, type RunSeries, checkRecord } from './report/record';
import type { CompletedRun } from './run';

/** Points per concurrency series in series.json: enough for a chart, whatever the size. */
const SERIES_POINTS = 400;

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** The Distributed Map this run went through (the one its history entered), as deployed. */
export function mapOfRun(facts: StackFacts, history: readonly HistoryEvent[]): DistributedMapSettings | undefined {
  const entered = history.find((e) => e.type === 'MapStateEntered')?.details['name'];
  return facts.distributedMaps.find((m) => m.stateName === entered) ?? facts.distributedMaps[0];
}

function mapRunFields(map: MapRunMetrics | undefined, settings: DistributedMapSettings | undefined): Pick<RunRecord, 'maxItemsPerBatch' | 'itemSource' | 'mapRunMs' | 'childExecutions' | 'childExecutionsFailed' | 'mapRunItems' | 'mapRunExecutions' | 'resultWriter'> {
  if (!map) return { maxItemsPerBatch: null, itemSource: null, mapRunMs: null, childExecutions: null, childExecutionsFailed: null, mapRunItems: null, mapRunExecutions: null, resultWriter: null };
  return {
    maxItemsPerBatch: orNull(settings?.maxItemsPerBatch),
    itemSource: map.itemSource,
    mapRunMs: orNull(map.spanMs),
    childExecutions: map.children.length,
    childExecutionsFailed: map.children.filter((c) => c.status !== 'SUCCEEDED').length,
    mapRunItems: orNull(map.itemCounts),
    mapRunExecutions: orNull(map.executionCounts),
    resultWriter: map.manifest ? { bucket: map.manifest.bucket, manifestKey: map.manifest.key, resultFiles: map.resultFiles } : null,
  };
}

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
    ...(run.mapRun === undefined ? {} : { mapRun: run.mapRun }),
    ...(spec.itemSource === undefined ? {} : { itemSource: spec.itemSource }),
  });
  const settings = spec.pattern.timeline === 'map-run' ? mapOfRun(facts, run.history) : undefined;
  const queued = typeof run.queueMessages === 'string' ? 0 : run.queueMessages.reduce((t, q) => t + q.added, 0);
  const cost = runCost(metrics, facts.compute, facts.summary, queued, settings);
  const caseSpread = spread(metrics.caseMs);
  const dispatch = spread(metrics.dispatchMs);
  const delivery = spread(metrics.lambda.deliveryMs);
  const record = checkRecord({
    pattern: spec.pattern.id,
    series: spec.series,
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
    idealMakespanMs: orNull(idealMakespanMs(spec.pattern, spec.dataset, facts.compute.computeMs ?? DEFAULT_COMPUTE_MS, settings)),
    succeeded: metrics.counts.succeeded,
    failed: metrics.counts.failed,
    missing: metrics.counts.missing,
    duplicated: metrics.counts.duplicated,
    countsFrom: metrics.counts.source,
    peakConcurrency: metrics.peakConcurrency,
    concurrencyCeiling: settings?.maxConcurrency ?? spec.pattern.concurrencyCeiling(spec.outputs),
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
    ...mapRunFields(metrics.mapRun, settings),
    notes: [...facts.notes, ...metrics.notes, ...cost.notes],
  });
  const series: RunSeries = {
    pattern: spec.pattern.id,
    series: spec.series,
    size: spec.size,
    run: spec.run,
    concurrency: downsample(metrics.concurrency, SERIES_POINTS),
    lambdaConcurrency: metrics.lambda.series ? downsample(metrics.lambda.series, SERIES_POINTS) : null,
    caseMs: metrics.caseMs,
  };
  return { record, series };
}
