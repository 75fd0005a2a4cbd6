/** Runs of the same pattern and size, summarised: medians and p95 over the runs. */
import type { RunRecord } from '../report/record';
import { median, percentile } from './stats';

export interface SizeAggregate {
  pattern: string;
  /** The pattern, or its variant ("distributed-map (batch 10)"): runs are grouped by it. */
  series: string;
  size: number;
  runs: number;
  medianMakespanMs: number | null;
  p95MakespanMs: number | null;
  idealMakespanMs: number | null;
  medianPeakConcurrency: number | null;
  concurrencyCeiling: number;
  medianP50CaseMs: number | null;
  medianP95CaseMs: number | null;
  medianHistoryEvents: number | null;
  medianFanInBytes: number | null;
  /** distributed-map: the Map Run's span (MapRunStarted → its end) and child executions, medians; null for the inline patterns. */
  medianMapRunMs: number | null;
  medianChildExecutions: number | null;
  maxItemsPerBatch: number | null;
  medianCostUsd: number | null;
  medianCostPer1000CasesUsd: number | null;
  /** Summed over the runs. */
  succeeded: number;
  failed: number;
  missing: number;
  executionsFailed: number;
}

const orNull = (value: number | undefined): number | null => (value === undefined ? null : value);
const present = (values: (number | null)[]): number[] => values.filter((x): x is number => x !== null);

export function aggregate(records: readonly RunRecord[]): SizeAggregate[] {
  // Series in the order they first ran (the plan's pattern order), each size by size.
  const seen = [...new Set(records.map((r) => r.series))];
  const order = (series: string): number => seen.indexOf(series);
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) {
    const key = `${r.series}\u0000${r.size}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((runs) => {
    const first = runs[0] as RunRecord;
    const makespans = present(runs.map((r) => r.makespanMs));
    return {
      pattern: first.pattern,
      series: first.series,
      size: first.size,
      runs: runs.length,
      medianMakespanMs: orNull(median(makespans)),
      p95MakespanMs: orNull(percentile(makespans, 95)),
      idealMakespanMs: first.idealMakespanMs,
      medianPeakConcurrency: orNull(median(runs.map((r) => r.peakConcurrency))),
      concurrencyCeiling: first.concurrencyCeiling,
      medianP50CaseMs: orNull(median(present(runs.map((r) => r.p50CaseMs)))),
      medianP95CaseMs: orNull(median(present(runs.map((r) => r.p95CaseMs)))),
      medianHistoryEvents: orNull(median(runs.map((r) => r.historyEvents))),
      medianFanInBytes: orNull(median(present(runs.map((r) => r.fanInBytes)))),
      medianMapRunMs: orNull(median(present(runs.map((r) => r.mapRunMs)))),
      medianChildExecutions: orNull(median(present(runs.map((r) => r.childExecutions)))),
      maxItemsPerBatch: first.maxItemsPerBatch,
      medianCostUsd: orNull(median(runs.map((r) => r.costUsd))),
      medianCostPer1000CasesUsd: orNull(median(present(runs.map((r) => r.costPer1000CasesUsd)))),
      succeeded: runs.reduce((t, r) => t + r.succeeded, 0),
      failed: runs.reduce((t, r) => t + r.failed, 0),
      missing: runs.reduce((t, r) => t + r.missing, 0),
      executionsFailed: runs.filter((r) => r.status !== 'SUCCEEDED').length,
    };
  }).sort((a, b) => order(a.series) - order(b.series) || a.series.localeCompare(b.series) || a.size - b.size);
}
