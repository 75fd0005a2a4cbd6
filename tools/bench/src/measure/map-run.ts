/**
 * A Distributed Map's child executions as its ResultWriter recorded them: each child's status,
 * StartDate and StopDate, the cases of its input (one `{requestId, request}`, or a batch's
 * `Items`) and what became of each (its output: an outcome, or an array of them for a batch; a
 * child that did not succeed fails every case it held with its Error). Pure: it reads what
 * collect/map-run.ts fetched, or a saved copy of it.
 */
import { ResultEntrySchema, toIssues } from '@fanout/shared-types';
import * as v from 'valibot';

export type ResultFileStatus = 'SUCCEEDED' | 'FAILED' | 'PENDING';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** DescribeMapRun's itemCounts / executionCounts (the members the bench reads). */
export interface MapRunCounts {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  aborted: number;
  total: number;
  resultsWritten: number;
}

const COUNT_KEYS = ['pending', 'running', 'succeeded', 'failed', 'timedOut', 'aborted', 'total', 'resultsWritten'] as const satisfies readonly (keyof MapRunCounts)[];

/** The counters the bench reads of DescribeMapRun's itemCounts / executionCounts (AWS adds redrive ones); a missing one is 0. */
export function mapRunCounts(raw: unknown): MapRunCounts | undefined {
  if (!isObject(raw)) return undefined;
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, typeof raw[k] === 'number' ? raw[k] : 0])) as unknown as MapRunCounts;
}

export interface MapRunObservation {
  mapRunArn?: string;
  /** DescribeMapRun's answer, dates as ISO text. */
  described?: { status?: string; startDate?: string; stopDate?: string; maxConcurrency?: number; itemCounts?: unknown; executionCounts?: unknown };
  /** Where the manifest was and how many result files of each status it listed. */
  manifest?: { bucket: string; key: string; destinationBucket: string; files: Record<ResultFileStatus, number> };
  resultFiles: { key: string; status: ResultFileStatus; entries: unknown }[];
  /** What could not be read, and why. */
  notes: string[];
}

/** A case's end as its child recorded it: computed, or failed with an error name. */
export interface ChildCaseOutcome {
  caseId?: string;
  error?: string;
}

export interface ChildRun {
  /** SUCCEEDED, FAILED, TIMED_OUT, ABORTED, or PENDING (never started). */
  status: string;
  startMs?: number;
  stopMs?: number;
  /** The caseIds of its input, in order (undefined: an item without a string caseId). */
  cases: (string | undefined)[];
  /** One per case it ended: none for a child that never started. */
  outcomes: ChildCaseOutcome[];
  /** UTF-8 bytes of its input (Express bills memory for it). */
  inputBytes: number;
}

const caseIdOf = (item: unknown): string | undefined => (isObject(item) && typeof item['caseId'] === 'string' ? item['caseId'] : undefined);

function parseJson(text: string, where: string, issues: string[]): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    issues.push(`${where}: not JSON (${(error as Error).message})`);
    return undefined;
  }
}

function casesOf(input: unknown): (string | undefined)[] {
  if (isObject(input) && Array.isArray(input['Items'])) return input['Items'].map(caseIdOf);
  return [caseIdOf(isObject(input) ? input['request'] : undefined)];
}

function outcomeOf(item: unknown): ChildCaseOutcome {
  const caseId = caseIdOf(item);
  const error = isObject(item) && typeof item['error'] === 'string' ? item['error'] : undefined;
  return { ...(caseId === undefined ? {} : { caseId }), ...(error === undefined ? {} : { error }) };
}

function dateMs(value: unknown): number | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

function childOf(raw: unknown, where: string, issues: string[]): ChildRun | undefined {
  const parsed = v.safeParse(ResultEntrySchema, raw);
  if (!parsed.success) {
    issues.push(`${where}: ${toIssues(parsed.issues).map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    return undefined;
  }
  const entry = parsed.output;
  const cases = casesOf(parseJson(entry.Input, `${where}.Input`, issues));
  const child: ChildRun = { status: entry.Status, cases, outcomes: [], inputBytes: Buffer.byteLength(entry.Input, 'utf8') };
  const startMs = dateMs((raw as Json)['StartDate']);
  const stopMs = dateMs((raw as Json)['StopDate']);
  if (startMs !== undefined) child.startMs = startMs;
  if (stopMs !== undefined) child.stopMs = stopMs;
  if (entry.Status === 'PENDING') return child;
  if (entry.Status !== 'SUCCEEDED') {
    const error = entry.Error ?? entry.Status;
    child.outcomes = cases.map((caseId) => ({ ...(caseId === undefined ? {} : { caseId }), error }));
    return child;
  }
  const output = entry.Output === undefined ? undefined : parseJson(entry.Output, `${where}.Output`, issues);
  if (output === undefined) issues.push(`${where}: a succeeded child without an Output`);
  else child.outcomes = (Array.isArray(output) ? output : [output]).map(outcomeOf);
  return child;
}

/** Every child execution of the result files, and what in them could not be read. */
export function childRuns(files: MapRunObservation['resultFiles']): { children: ChildRun[]; issues: string[] } {
  const children: ChildRun[] = [];
  const issues: string[] = [];
  for (const file of files) {
    if (!Array.isArray(file.entries)) {
      issues.push(`${file.key}: a result file must be a JSON array of child executions`);
      continue;
    }
    file.entries.forEach((raw, i) => {
      const child = childOf(raw, `${file.key}[${i}]`, issues);
      if (child) children.push(child);
    });
  }
  return { children, issues };
}

/** The Map Run's span in the parent history: MapRunStarted to its end (MapRunSucceeded / Failed / Aborted). */
export function mapRunSpanMs(history: readonly { type: string; ms: number }[]): number | undefined {
  const started = history.find((e) => e.type === 'MapRunStarted');
  const ended = history.find((e) => e.type === 'MapRunSucceeded' || e.type === 'MapRunFailed' || e.type === 'MapRunAborted');
  return started && ended ? ended.ms - started.ms : undefined;
}
