/** The terminal table: one row per pattern and size, medians over the runs, the 2022 median beside. */
import type { SizeAggregate } from '../measure/aggregate';
import { REFERENCE_LABEL, type Reference2022, reference2022Median } from '../reference/aws-2022';
import { AWS_LIMITS } from '@fanout/shared-types';
import { count, kib, percent, seconds, usd } from './format';
import { customerTargetLine, ownRunsLabel } from './labels';

const COLUMNS = ['pattern', 'cases', 'runs', 'makespan p50', 'p95', 'ideal', '2022 p50', 'peak/ceiling', 'case p50', 'case p95', 'history', 'fan-in', 'failed', 'missing', 'cost/run', 'per 1k cases'] as const;

export function renderTable(aggregates: readonly SizeAggregate[], reference: Reference2022, target: 'local' | 'aws', timeScale: number): string {
  const rows = aggregates.map((a) => [
    a.pattern,
    count(a.size),
    String(a.runs),
    seconds(a.medianMakespanMs),
    seconds(a.p95MakespanMs),
    seconds(a.idealMakespanMs),
    seconds(reference2022Median(reference, a.pattern, a.size)),
    `${count(a.medianPeakConcurrency)}/${count(a.concurrencyCeiling)}`,
    seconds(a.medianP50CaseMs, 2),
    seconds(a.medianP95CaseMs, 2),
    a.medianHistoryEvents === null ? '–' : `${count(a.medianHistoryEvents)} (${percent(a.medianHistoryEvents / AWS_LIMITS.historyEvents)})`,
    a.medianFanInBytes === null ? '–' : `${kib(a.medianFanInBytes)} (${percent(a.medianFanInBytes / AWS_LIMITS.sfnPayloadBytes)})`,
    count(a.failed),
    count(a.missing),
    usd(a.medianCostUsd),
    usd(a.medianCostPer1000CasesUsd),
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    `${ownRunsLabel(target, timeScale)}: medians over the runs; "2022 p50" = ${REFERENCE_LABEL} (median makespan); ${customerTargetLine(reference)}`,
    line(COLUMNS),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
