/**
 * One run's record, as results.json and results.csv hold it. The schema is checked before
 * anything is written, so a measuring bug shows as an error instead of a wrong file.
 */
import * as v from 'valibot';
import { toIssues } from '@fanout/shared-types';

const ms = v.pipe(v.number(), v.minValue(0));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const maybe = <T extends v.GenericSchema>(schema: T) => v.nullable(schema);
const share = v.pipe(v.number(), v.minValue(0));

export const COST_UNIT_KEYS = [
  'stateTransitions',
  'lambdaRequests',
  'lambdaGbSeconds',
  'eventBridgeEvents',
  'xrayTraces',
  'sqsRequests',
  'expressRequests',
  'expressGbSeconds',
  's3PutRequests',
  's3GetRequests',
] as const;
const unitsSchema = v.strictObject(Object.fromEntries(COST_UNIT_KEYS.map((k) => [k, v.pipe(v.number(), v.minValue(0))])) as Record<(typeof COST_UNIT_KEYS)[number], typeof ms>);

const mapRunCounts = v.strictObject({
  pending: count,
  running: count,
  succeeded: count,
  failed: count,
  timedOut: count,
  aborted: count,
  total: count,
  resultsWritten: count,
});

export const RunRecordSchema = v.strictObject({
  pattern: v.pipe(v.string(), v.minLength(1)),
  /** The pattern, or its variant: "distributed-map (batch 10)". Tables and charts go by it. */
  series: v.pipe(v.string(), v.minLength(1)),
  target: v.picklist(['local', 'aws']),
  size: count,
  run: v.pipe(count, v.minValue(1)),
  datasetFile: v.string(),
  executionArn: v.string(),
  status: v.string(),
  error: maybe(v.string()),
  startedAt: v.pipe(v.string(), v.isoTimestamp()),
  timeScale: v.pipe(v.number(), v.minValue(0)),
  makespanMs: maybe(ms),
  /** ⌈cases ÷ concurrency ceiling⌉ × compute time: what the pattern could do at best. */
  idealMakespanMs: maybe(ms),
  succeeded: count,
  failed: count,
  missing: count,
  duplicated: count,
  countsFrom: v.picklist(['summary', 'history']),
  /** Case tasks in flight at once; for distributed-map, child executions running at once. */
  peakConcurrency: count,
  /** The most the pattern runs at once: cases (inline Map's 40 per Map), or child executions (MaxConcurrency). */
  concurrencyCeiling: count,
  lambdaPeakConcurrency: maybe(count),
  p50CaseMs: maybe(ms),
  p95CaseMs: maybe(ms),
  p50DispatchMs: maybe(ms),
  p95DispatchMs: maybe(ms),
  p50DeliveryMs: maybe(v.number()),
  p95DeliveryMs: maybe(v.number()),
  /** Null for distributed-map: its cases' attempts are in Express children, which keep no history. */
  retries: maybe(count),
  failuresByError: v.record(v.string(), count),
  historyEvents: count,
  historyShare: share,
  fanInBytes: maybe(count),
  fanInShare: maybe(share),
  fanInTruncated: v.boolean(),
  lambdaInvocations: count,
  coldStarts: count,
  duplicateInvocations: count,
  logs: v.picklist(['complete', 'partial', 'unavailable']),
  costUsd: v.pipe(v.number(), v.minValue(0)),
  costPer1000CasesUsd: maybe(v.pipe(v.number(), v.minValue(0))),
  units: unitsSchema,
  costByUnitUsd: unitsSchema,
  costLambdaFrom: v.picklist(['logs', 'history']),
  // distributed-map only (null for the inline patterns):
  /** The ItemBatcher's MaxItemsPerBatch; null: one case per child execution. */
  maxItemsPerBatch: maybe(v.pipe(count, v.minValue(1))),
  itemSource: maybe(v.picklist(['request', 's3'])),
  /** MapRunStarted → its end in the parent history. */
  mapRunMs: maybe(ms),
  /** Child executions the result files list, and those that did not succeed. */
  childExecutions: maybe(count),
  childExecutionsFailed: maybe(count),
  /** DescribeMapRun's itemCounts and executionCounts. */
  mapRunItems: maybe(mapRunCounts),
  mapRunExecutions: maybe(mapRunCounts),
  /** Where the ResultWriter's manifest is, and how many result files it lists. */
  resultWriter: maybe(v.strictObject({ bucket: v.string(), manifestKey: v.string(), resultFiles: count })),
  notes: v.array(v.string()),
});
export type RunRecord = v.InferOutput<typeof RunRecordSchema>;

export class RecordShapeError extends Error {
  override readonly name = 'RecordShapeError';
}

export function checkRecord(record: unknown): RunRecord {
  const result = v.safeParse(RunRecordSchema, record);
  if (result.success) return result.output;
  const issues = toIssues(result.issues).map((i) => `${i.path || '(root)'}: ${i.message}`);
  throw new RecordShapeError(`a run record does not have the results.json shape (a bench bug): ${issues.slice(0, 5).join('; ')}`);
}

/** A run's series for the report's charts, kept beside the records (series.json). */
export interface RunSeries {
  pattern: string;
  series: string;
  size: number;
  run: number;
  /** [ms since ExecutionStarted, cases in flight (child executions running, for distributed-map)]. */
  concurrency: [number, number][];
  /** The same for the computing Lambda from its logs, when they could be read. */
  lambdaConcurrency: [number, number][] | null;
  caseMs: number[];
}
