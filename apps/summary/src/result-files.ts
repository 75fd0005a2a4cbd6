/**
 * A Distributed Map's result files, read back as the fan-in outcomes the inline patterns hand
 * their Summary: every case of every child execution becomes one outcome with where it was read
 * (`SUCCEEDED_0.json[3].Output[1]`), so the same summarise counts it.
 *
 * - A child that succeeded ran the iteration states of infra's definition, which catch every
 *   failure of its case: its Output is one outcome `{caseId, durationMs}` / `{caseId?, error}`,
 *   or, with an ItemBatcher, an array of them (the child's inline Map over its batch).
 * - A child that failed, timed out or was aborted failed outright (nothing inside it could record
 *   it: the Express 5-minute limit, a data limit): each case of its Input — `{requestId, request}`,
 *   or a batch `{Items, BatchInput}` — is a failure with the child's Error (its Status when it
 *   has none) and Cause.
 */
import * as v from 'valibot';
import {
  type FanInOutcome,
  FanInFailureSchema,
  FanInSuccessSchema,
  type LocatedOutcome,
  ResultEntrySchema,
  type ResultEntry,
  ValidationError,
  type ValidationIssue,
  toIssues,
} from '@fanout/shared-types';

export interface ReadOutcomes {
  outcomes: LocatedOutcome[];
  issues: ValidationIssue[];
}

const prefixed = (prefix: string, path: string) => (path === '' ? prefix : `${prefix}.${path}`);

function parseJson(text: string, path: string, issues: ValidationIssue[]): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    issues.push({ path, message: `not JSON: ${(error as Error).message}` });
    return undefined;
  }
}

/** One outcome as a succeeded child returns it: a failure when it carries `error`, else a success. */
function outcomeAt(item: unknown, path: string, read: ReadOutcomes): void {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    read.issues.push({ path, message: 'must be an outcome: {caseId, durationMs} or {caseId?, error}' });
    return;
  }
  const result = v.safeParse('error' in item ? FanInFailureSchema : FanInSuccessSchema, item);
  if (result.success) read.outcomes.push({ outcome: result.output as FanInOutcome, path });
  else read.issues.push(...toIssues(result.issues).map((issue) => ({ path: prefixed(path, issue.path), message: issue.message })));
}

/** The cases a failed child was given: one `{requestId, request}`, or the `Items` of its batch. */
function casesOfInput(input: unknown): unknown[] {
  if (typeof input !== 'object' || input === null) return [undefined];
  if ('Items' in input && Array.isArray(input.Items)) return input.Items;
  return ['request' in input ? input.request : undefined];
}

function failuresOf(entry: ResultEntry, path: string, read: ReadOutcomes): void {
  const input = parseJson(entry.Input, `${path}.Input`, read.issues);
  const error = entry.Error ?? entry.Status;
  casesOfInput(input).forEach((item, k) => {
    const caseId = typeof item === 'object' && item !== null && 'caseId' in item && typeof item.caseId === 'string' ? item.caseId : undefined;
    const outcome: FanInOutcome = { ...(caseId === undefined ? {} : { caseId }), error, ...(entry.Cause === undefined ? {} : { cause: entry.Cause }) };
    read.outcomes.push({ outcome, path: Array.isArray((input as { Items?: unknown } | undefined)?.Items) ? `${path}.Input.Items[${k}]` : `${path}.Input` });
  });
}

/**
 * The outcomes of one result file's entries (`file` names it in paths). Every entry is checked;
 * what is malformed is collected in `issues`, so a caller can report all of it at once.
 */
export function outcomesOfResultFile(entries: unknown, file: string): ReadOutcomes {
  const read: ReadOutcomes = { outcomes: [], issues: [] };
  if (!Array.isArray(entries)) {
    read.issues.push({ path: file, message: 'a result file must be a JSON array of child executions' });
    return read;
  }
  entries.forEach((raw, i) => {
    const path = `${file}[${i}]`;
    const parsed = v.safeParse(ResultEntrySchema, raw);
    if (!parsed.success) {
      read.issues.push(...toIssues(parsed.issues).map((issue) => ({ path: prefixed(path, issue.path), message: issue.message })));
      return;
    }
    const entry = parsed.output;
    if (entry.Status !== 'SUCCEEDED') {
      failuresOf(entry, path, read);
      return;
    }
    if (entry.Output === undefined) {
      read.issues.push({ path: `${path}.Output`, message: 'a succeeded child execution must have an Output' });
      return;
    }
    const output = parseJson(entry.Output, `${path}.Output`, read.issues);
    if (Array.isArray(output)) output.forEach((item, j) => outcomeAt(item, `${path}.Output[${j}]`, read));
    else if (output !== undefined) outcomeAt(output, `${path}.Output`, read);
  });
  return read;
}

/** Throws the collected issues of a Map Run's files, naming where each one is. */
export function throwIfIssues(issues: readonly ValidationIssue[], source: string): void {
  if (issues.length > 0) throw new ValidationError(source, 'Map Run result', issues);
}
