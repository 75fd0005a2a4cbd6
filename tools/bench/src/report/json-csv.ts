import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SizeAggregate } from '../measure/aggregate';
import { COST_UNIT_KEYS, type RunRecord, type RunSeries, checkRecord } from './record';

export interface ResultsMeta {
  runId: string;
  target: 'local' | 'aws';
  timeScale: number;
  createdAt: string;
  pricesCheckedOn: string;
  priceRegion: string;
  warnings: string[];
}

export interface ResultsFile extends ResultsMeta {
  records: RunRecord[];
  aggregates: SizeAggregate[];
}

const SCALAR_COLUMNS = [
  'pattern', 'series', 'target', 'size', 'run', 'status', 'error', 'makespanMs', 'idealMakespanMs', 'succeeded', 'failed', 'missing', 'duplicated',
  'peakConcurrency', 'concurrencyCeiling', 'lambdaPeakConcurrency', 'p50CaseMs', 'p95CaseMs', 'p50DispatchMs', 'p95DispatchMs', 'p50DeliveryMs', 'p95DeliveryMs',
  'retries', 'historyEvents', 'historyShare', 'fanInBytes', 'fanInShare', 'lambdaInvocations', 'coldStarts', 'duplicateInvocations', 'logs',
  'costUsd', 'costPer1000CasesUsd', 'maxItemsPerBatch', 'itemSource', 'mapRunMs', 'childExecutions', 'childExecutionsFailed',
  'timeScale', 'startedAt', 'datasetFile', 'executionArn',
] as const satisfies readonly (keyof RunRecord)[];

/** distributed-map's nested figures, one column each (empty for the inline patterns). */
const MAP_RUN_COLUMNS: readonly [string, (r: RunRecord) => unknown][] = [
  ...(['total', 'succeeded', 'failed'] as const).map((k): [string, (r: RunRecord) => unknown] => [`mapRunItems.${k}`, (r) => r.mapRunItems?.[k]]),
  ...(['total', 'succeeded', 'failed'] as const).map((k): [string, (r: RunRecord) => unknown] => [`mapRunExecutions.${k}`, (r) => r.mapRunExecutions?.[k]]),
  ['resultWriter.manifestKey', (r) => r.resultWriter?.manifestKey],
  ['resultWriter.resultFiles', (r) => r.resultWriter?.resultFiles],
];

function cell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per run; units and their cost as `units.<name>` / `costUsd.<name>` columns, failures as `Error=n;…`; a figure that does not apply is empty. */
export function toCsv(records: readonly RunRecord[]): string {
  const header = [...SCALAR_COLUMNS, ...MAP_RUN_COLUMNS.map(([name]) => name), 'failuresByError', ...COST_UNIT_KEYS.map((k) => `units.${k}`), ...COST_UNIT_KEYS.map((k) => `costUsd.${k}`), 'notes'];
  const rows = records.map((r) => [
    ...SCALAR_COLUMNS.map((c) => cell(r[c])),
    ...MAP_RUN_COLUMNS.map(([, value]) => cell(value(r))),
    cell(Object.entries(r.failuresByError).map(([e, n]) => `${e}=${n}`).join(';')),
    ...COST_UNIT_KEYS.map((k) => cell(r.units[k])),
    ...COST_UNIT_KEYS.map((k) => cell(r.costByUnitUsd[k])),
    cell(r.notes.join(' | ')),
  ]);
  return [header.join(','), ...rows.map((row) => row.join(','))].join('\n') + '\n';
}

/** results.json, results.csv and series.json in `dir`; every record is checked first. */
export function writeResults(dir: string, meta: ResultsMeta, records: readonly RunRecord[], aggregates: SizeAggregate[], series: readonly RunSeries[]): ResultsFile {
  const checked = records.map(checkRecord);
  const file: ResultsFile = { ...meta, records: checked, aggregates };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(file, null, 2)}\n`);
  writeFileSync(join(dir, 'results.csv'), toCsv(checked));
  writeFileSync(join(dir, 'series.json'), `${JSON.stringify(series)}\n`);
  return file;
}
