/**
 * The fan-in: what the state machines hand the Summary Lambda, and the Summary it returns.
 *
 * Each case's outcome is kept as small as the summary allows, because every outcome travels in
 * one state (the Map's or the Parallel's output, then the Summarize task's input), limited to
 * 256 KiB, and `States.DataLimitExceeded` cannot be caught (see ceilings.ts for the figures).
 */
import * as v from 'valibot';
import { CaseSchema } from './messages';
import { ValidationError, type ValidationIssue, parseWith, toIssues } from './validation';

/** A case computed, as the fan-in carries it (the task's ResultSelector keeps these two fields). */
export interface FanInSuccess {
  caseId: string;
  durationMs: number;
}

/**
 * A case that failed, as the iteration's RecordFailure state records it: the Catch's error name,
 * and the caseId when the case had one to read (a case without a string caseId is recorded
 * without it). The cause is left out by the state machines (it is in the computing Lambda's log).
 */
export interface FanInFailure {
  caseId?: string;
  error: string;
  cause?: string;
}

export type FanInOutcome = FanInSuccess | FanInFailure;

export const FanInSuccessSchema = v.strictObject({
  caseId: v.string('caseId must be a string'),
  durationMs: v.pipe(v.number('durationMs must be a number'), v.minValue(0, 'durationMs must not be negative')),
});

export const FanInFailureSchema = v.strictObject({
  // Any string: a caseId that is not a valid one (empty, too long) still names where it came from.
  caseId: v.exactOptional(v.string('caseId must be a string')),
  error: v.string("error must be a string (the Catch's Error)"),
  cause: v.exactOptional(v.string("cause must be a string (the Catch's Cause)")),
});

/** An outcome is a failure when it carries `error`, else a success. */
export function isFanInFailure(outcome: FanInOutcome): outcome is FanInFailure {
  return 'error' in outcome;
}

function schemaFor(item: unknown): typeof FanInSuccessSchema | typeof FanInFailureSchema {
  return typeof item === 'object' && item !== null && 'error' in item ? FanInFailureSchema : FanInSuccessSchema;
}

/** The caseId of a failed case when it is a valid one (what CaseSchema accepts), else undefined. */
export function failedCaseId(failure: FanInFailure): string | undefined {
  return v.is(CaseSchema.entries.caseId, failure.caseId) ? failure.caseId : undefined;
}

/** How the summary names a failed case that has no valid caseId. */
export function invalidCaseIdLabel(path: string): string {
  return `(invalid caseId at ${path})`;
}

const summaryInputEntries = {
  requestId: v.pipe(v.string('requestId must be a string'), v.minLength(1, 'requestId must not be empty'), v.maxLength(256)),
  expectedCaseIds: v.array(v.string('expectedCaseIds must hold strings'), 'expectedCaseIds must be an array of caseIds'),
};

/** The envelope only; parseSummaryInput checks `results` item by item, for precise paths. */
const SummaryEnvelopeSchema = v.strictObject({
  ...summaryInputEntries,
  results: v.array(v.unknown(), 'results must be an array: the outcomes of one Map, or one array of outcomes per Parallel branch'),
});

const FanInOutcomeSchema = v.union([FanInFailureSchema, FanInSuccessSchema]);

/**
 * The whole summary input as one schema (for a yes/no check, e.g. in infra tests). Its errors on
 * `results` are a union's and say little: use parseSummaryInput to tell a user what is wrong.
 */
export const SummaryInputSchema = v.strictObject({
  ...summaryInputEntries,
  results: v.union([v.array(FanInOutcomeSchema), v.array(v.array(FanInOutcomeSchema))]),
});

/** An outcome with where it sat in the input (`results[1][3]`), for messages. */
export interface LocatedOutcome {
  outcome: FanInOutcome;
  path: string;
}

/**
 * What the Summary Lambda is given: the fan-out's outcomes (flat for one Map, one array per
 * branch for a Parallel) and the caseIds that were asked for, so it can report missing ones.
 * `outcomes` is `results` flattened, each outcome with its path.
 */
export interface SummaryInput {
  requestId: string;
  expectedCaseIds: string[];
  results: FanInOutcome[] | FanInOutcome[][];
  outcomes: LocatedOutcome[];
}

function prefixed(prefix: string, path: string): string {
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/**
 * Validates the summary input. `results` must be either flat (every item an outcome: one Map)
 * or nested (every item an array of outcomes: one per Parallel branch), never a mix, which no
 * state machine produces. Each outcome is checked on its own, as a failure when it has `error`,
 * else as a success, so an error names the exact item and field (`results[1][3].durationMs`).
 */
export function parseSummaryInput(value: unknown, source = 'summary input'): SummaryInput {
  const input = parseWith(SummaryEnvelopeSchema, value, source, 'summary input');
  const issues: ValidationIssue[] = [];
  const outcomes: LocatedOutcome[] = [];
  const check = (item: unknown, path: string): void => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      issues.push({ path, message: 'must be an outcome: {caseId, durationMs} or {caseId?, error}' });
      return;
    }
    const result = v.safeParse(schemaFor(item), item);
    if (result.success) outcomes.push({ outcome: result.output as FanInOutcome, path });
    else issues.push(...toIssues(result.issues).map((issue) => ({ path: prefixed(path, issue.path), message: issue.message })));
  };

  const nested = Array.isArray(input.results[0]);
  input.results.forEach((entry, i) => {
    if (Array.isArray(entry) !== nested) {
      issues.push({
        path: `results[${i}]`,
        message: `is ${nested ? 'not an array' : 'an array'} but results[0] is ${nested ? 'one' : 'an outcome'}: results must be flat (one Map's outcomes) or one array per Parallel branch, not a mix`,
      });
    } else if (Array.isArray(entry)) entry.forEach((item, j) => check(item, `results[${i}][${j}]`));
    else check(entry, `results[${i}]`);
  });
  if (issues.length > 0) throw new ValidationError(source, 'summary input', issues);
  return { ...input, results: input.results as FanInOutcome[] | FanInOutcome[][], outcomes };
}

/** At most this many failures are listed in a Summary (the others are counted in failuresByError). */
export const SUMMARY_MAX_FAILURES = 100;
/** At most this many distinct error names are counted by name; the rest under SUMMARY_OTHER_ERRORS. */
export const SUMMARY_MAX_ERROR_NAMES = 50;
export const SUMMARY_OTHER_ERRORS = '(other errors)';
/** A listed failure's error name and cause are cut to these lengths (characters). */
export const SUMMARY_ERROR_MAX_CHARS = 256;
export const SUMMARY_CAUSE_MAX_CHARS = 500;

export interface DurationStats {
  min: number;
  p50: number;
  p95: number;
  max: number;
  total: number;
}

export interface SummaryFailure {
  /** The case's caseId, or `(invalid caseId at results[i][j])` when it had no valid one. */
  caseId: string;
  error: string;
  /** Absent when none was recorded (the state machines' Catch records the error name only). */
  cause?: string;
}

export interface Summary {
  requestId: string;
  /** Distinct caseIds the request asked for. */
  expected: number;
  /** Distinct cases that came back. */
  cases: number;
  succeeded: number;
  /** Every failed case, listed or not. */
  failed: number;
  /** Asked for, never came back. */
  missing: string[];
  /** Came back more than once, or listed more than once by the request. */
  duplicated: string[];
  /** failed + missing: the cases the next step cannot count on. */
  unfinished: number;
  /**
   * unfinished as a percentage of every case the request listed or the fan-in returned (a failure
   * without a valid caseId counts though nothing asked for it; 0 when there are none), rounded up
   * to two decimals, so that comparing it with a threshold of at most two decimals gives the same answer
   * as the exact ratio would: a state machine fails the execution when it exceeds its threshold.
   */
  unfinishedPercentage: number;
  /**
   * The first SUMMARY_MAX_FAILURES failed cases in caseId order (numeric-aware: "2" before "10"),
   * so the summary stays small however many cases failed; `failed` says how many there were.
   */
  failures: SummaryFailure[];
  /** Failed cases per error name; sums to `failed`. */
  failuresByError: Record<string, number>;
  /** Over succeeded cases; all zero when there are none. */
  durationMs: DurationStats;
}

/**
 * `unfinished / total` in percent, rounded up to 0.01. Integer arithmetic: the division of two
 * integers is the correctly rounded quotient, and a quotient of two counts this small is never
 * within rounding error of an integer unless it is one, so the ceiling is exact.
 */
export function unfinishedPercentage(unfinished: number, total: number): number {
  if (total <= 0) return 0;
  return Math.ceil((unfinished * 10_000) / total) / 100;
}
