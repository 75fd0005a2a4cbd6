/** The terminal table: one row per series and size, medians over the runs, the 2022 median beside. */
import type { SizeAggregate } from '../measure/aggregate';
import { REFERENCE_LABEL, type Reference2022 } from '../reference/aws-2022';
import { customerTargetLine, ownRunsLabel } from './labels';
import { RESULT_COLUMNS, resultRow } from './rows';

export function renderTable(aggregates: readonly SizeAggregate[], reference: Reference2022, target: 'local' | 'aws', timeScale: number): string {
  const columns = RESULT_COLUMNS.map(([short]) => short);
  const rows = aggregates.map((a) => resultRow(a, reference, false));
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    `${ownRunsLabel(target, timeScale)}: medians over the runs; "2022 p50" = ${REFERENCE_LABEL} (median makespan); "ch" = child executions (distributed-map); ${customerTargetLine(reference)}`,
    line(columns),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
