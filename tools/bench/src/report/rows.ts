/** The results table's rows, shared by the terminal table and report.html (one row per series and size). */
import { AWS_LIMITS } from '@fanout/shared-types';
import type { SizeAggregate } from '../measure/aggregate';
import { patternById } from '../patterns/registry';
import { type Reference2022, reference2022Median } from '../reference/aws-2022';
import { count, kib, percent, seconds, usd } from './format';

/** Short headers (the terminal) and long ones (the report), column by column. */
export const RESULT_COLUMNS: readonly (readonly [string, string])[] = [
  ['pattern', 'pattern'],
  ['cases', 'cases'],
  ['runs', 'runs'],
  ['makespan p50', 'makespan p50'],
  ['p95', 'makespan p95'],
  ['ideal', 'ideal'],
  ['2022 p50', 'AWS 2022 measurements p50'],
  ['peak/ceiling', 'peak at once / ceiling'],
  ['case p50', 'case p50'],
  ['case p95', 'case p95'],
  ['history', 'history events'],
  ['fan-in', 'fan-in'],
  ['failed', 'failed'],
  ['missing', 'missing'],
  ['cost/run', 'cost / run'],
  ['per 1k cases', 'cost / 1,000 cases'],
];

/** A Distributed Map hands its results over through S3, not through a state: no fan-in to weigh. */
export const RESULT_WRITER_FAN_IN = 'ResultWriter: S3';

export function resultRow(a: SizeAggregate, reference: Reference2022, long: boolean): string[] {
  const ofLimit = (share: string, limit: string): string => (long ? `(${share} of ${limit})` : `(${share})`);
  const mapRun = patternById(a.pattern)?.timeline === 'map-run';
  const fanIn = mapRun ? RESULT_WRITER_FAN_IN : a.medianFanInBytes === null ? '–' : `${kib(a.medianFanInBytes)} ${ofLimit(percent(a.medianFanInBytes / AWS_LIMITS.sfnPayloadBytes), '256 KiB')}`;
  return [
    a.series,
    count(a.size),
    String(a.runs),
    seconds(a.medianMakespanMs),
    seconds(a.p95MakespanMs),
    seconds(a.idealMakespanMs),
    seconds(reference2022Median(reference, a.pattern, a.size)),
    `${count(a.medianPeakConcurrency)}${long ? ' / ' : '/'}${count(a.concurrencyCeiling)}${mapRun ? (long ? ' children' : ' ch') : ''}`,
    seconds(a.medianP50CaseMs, 2),
    seconds(a.medianP95CaseMs, 2),
    a.medianHistoryEvents === null ? '–' : `${count(a.medianHistoryEvents)} ${ofLimit(percent(a.medianHistoryEvents / AWS_LIMITS.historyEvents), '25,000')}`,
    fanIn,
    count(a.failed),
    count(a.missing),
    usd(a.medianCostUsd),
    usd(a.medianCostPer1000CasesUsd),
  ];
}
