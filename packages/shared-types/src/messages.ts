import * as v from 'valibot';
import { ValidationError, type ValidationIssue, parseWith, toIssues } from './validation';

/** EventBridge `source` and `detail-type` of the callback pattern's compute requests. */
export const CALLBACK_EVENT_SOURCE = 'com.computing.lambda';
export const CALLBACK_DETAIL_TYPE = 'ComputeRequested';

/** Error name a computation raises when a case's injected failure fires (or the work fails). */
export const COMPUTATION_FAILED = 'ComputationFailed';

const ERROR_NAME = /^[A-Za-z][\w.-]{0,255}$/;

const FailureSchema = v.strictObject({
  error: v.pipe(v.string(), v.regex(ERROR_NAME, 'must be an error name: a letter, then up to 255 letters, digits, _ . -')),
  cause: v.exactOptional(v.string()),
});

/**
 * One case: a reference (`caseId`) to data kept elsewhere. `durationMs` and `failure` are optional
 * simulation fields; a case with only `caseId` behaves as in the seeds.
 */
export const CaseSchema = v.strictObject({
  caseId: v.pipe(v.string('caseId must be a string'), v.minLength(1, 'caseId must not be empty'), v.maxLength(256)),
  durationMs: v.exactOptional(
    v.pipe(v.number(), v.integer('durationMs must be a whole number'), v.minValue(0), v.maxValue(900_000, 'durationMs must be at most 900000 (the Lambda 15-minute ceiling)')),
  ),
  failure: v.exactOptional(FailureSchema),
});
export type Case = v.InferOutput<typeof CaseSchema>;
export type InjectedFailure = v.InferOutput<typeof FailureSchema>;

const RequestIdSchema = v.pipe(v.string('requestId must be a string'), v.minLength(1, 'requestId must not be empty'), v.maxLength(256));

/** Flat request: `{"requestId":"123456","requests":[{"caseId":"0"},…],"length":"100"}`. */
export const FlatRequestSchema = v.strictObject({
  requestId: RequestIdSchema,
  requests: v.array(CaseSchema, 'requests must be an array of cases'),
  length: v.pipe(v.string('length must be a string (the seeds write "100", not 100)'), v.regex(/^(0|[1-9]\d*)$/, 'length must be a decimal count')),
});
export type FlatRequest = v.InferOutput<typeof FlatRequestSchema>;

/** One Parallel branch's share of the cases. */
export const SlotSchema = v.strictObject({ requests: v.array(CaseSchema, 'requests must be an array of cases') });
export type Slot = v.InferOutput<typeof SlotSchema>;

/** Slotted request: `{"requestId":"123456","requestSlots":[{"requests":[…]},…]}`. */
export const SlottedRequestSchema = v.strictObject({
  requestId: RequestIdSchema,
  requestSlots: v.pipe(v.array(SlotSchema, 'requestSlots must be an array of {requests}'), v.minLength(1, 'requestSlots must hold at least one slot')),
});
export type SlottedRequest = v.InferOutput<typeof SlottedRequestSchema>;

/** What a computing Lambda is given for one case (the Map's ItemSelector builds it). */
export const ComputeInputSchema = v.strictObject({ requestId: RequestIdSchema, request: CaseSchema });
export type ComputeInput = v.InferOutput<typeof ComputeInputSchema>;

/** `detail` of the event the callback pattern puts on its bus. */
export const CallbackDetailSchema = v.strictObject({
  payload: ComputeInputSchema,
  taskToken: v.pipe(v.string('taskToken must be a string'), v.minLength(1, 'taskToken must not be empty')),
});
export type CallbackDetail = v.InferOutput<typeof CallbackDetailSchema>;

/** The EventBridge envelope around it; only the fields the pattern relies on are checked. */
export const CallbackEventSchema = v.looseObject({
  source: v.string(),
  'detail-type': v.string(),
  detail: CallbackDetailSchema,
});
export type CallbackEvent = v.InferOutput<typeof CallbackEventSchema>;

/** One case computed. */
export interface ComputeResult {
  requestId: string;
  request: Case;
  durationMs: number;
  state: 'SUCCEEDED';
}

/**
 * The `request` of a failed case, as the Catch recorded it: the Map item that was handed to the
 * computing Lambda, whatever it held — possibly the very reason it failed (a case the Lambda
 * rejected with a ValidationError), so it is not required to be a valid Case.
 */
export type FailedRequest = Record<string, unknown>;

/** One case that failed, as a pattern's Catch records it for the summary. */
export interface CaseFailure {
  requestId: string;
  request: FailedRequest;
  state: 'FAILED';
  error: string;
  /** Absent when the state machine chose not to record it (it may, to keep the Map's output small). */
  cause?: string;
}

export type CaseOutcome = ComputeResult | CaseFailure;

export const ComputeResultSchema = v.looseObject({
  requestId: v.string('requestId must be a string'),
  request: CaseSchema,
  durationMs: v.pipe(v.number('durationMs must be a number'), v.minValue(0, 'durationMs must not be negative')),
  state: v.literal('SUCCEEDED'),
});

export const CaseFailureSchema = v.looseObject({
  requestId: v.string('requestId must be a string'),
  // Loose on purpose (see FailedRequest): one malformed case must not stop the summary of all the others.
  request: v.record(v.string(), v.unknown(), 'request must be an object (the case as the Map handed it out)'),
  state: v.literal('FAILED'),
  error: v.string('error must be a string (the Catch\'s Error)'),
  cause: v.exactOptional(v.string('cause must be a string (the Catch\'s Cause)')),
});

/** One outcome, told apart by `state`; a wrong `state` is reported on the `state` field itself. */
export const CaseOutcomeSchema = v.variant('state', [ComputeResultSchema, CaseFailureSchema]);

/**
 * The caseId of a failed case when its request has a valid one (a string CaseSchema accepts),
 * else undefined: the summary then lists it under a label naming where it sat.
 */
export function failedCaseId(request: FailedRequest): string | undefined {
  return v.is(CaseSchema.entries.caseId, request['caseId']) ? request['caseId'] : undefined;
}

/** How the summary names a failed case whose request has no valid caseId. */
export function invalidCaseIdLabel(path: string): string {
  return `(invalid caseId at ${path})`;
}

const summaryInputEntries = {
  requestId: RequestIdSchema,
  expectedCaseIds: v.array(v.string('expectedCaseIds must hold strings'), 'expectedCaseIds must be an array of caseIds'),
};

/** The envelope only; parseSummaryInput checks `results` item by item, for precise paths. */
const SummaryEnvelopeSchema = v.strictObject({
  ...summaryInputEntries,
  results: v.array(v.unknown(), 'results must be an array: the outcomes of one Map, or one array of outcomes per Parallel branch'),
});

/**
 * The whole summary input as one schema (for a yes/no check, e.g. in infra tests). Its errors on
 * `results` are a union's and say little: use parseSummaryInput to tell a user what is wrong.
 */
export const SummaryInputSchema = v.strictObject({
  ...summaryInputEntries,
  results: v.union([v.array(CaseOutcomeSchema), v.array(v.array(CaseOutcomeSchema))]),
});

/** An outcome with where it sat in the input (`results[1][3]`), for messages. */
export interface LocatedOutcome {
  outcome: CaseOutcome;
  path: string;
}

/**
 * What the Summary Lambda is given: the fan-out's results (flat for one Map, one array per
 * branch for a Parallel) and the caseIds that were asked for, so it can report missing ones.
 * `outcomes` is `results` flattened, each outcome with its path.
 */
export interface SummaryInput {
  requestId: string;
  expectedCaseIds: string[];
  results: CaseOutcome[] | CaseOutcome[][];
  outcomes: LocatedOutcome[];
}

function prefixed(prefix: string, path: string): string {
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

/**
 * Validates the summary input. `results` must be either flat (every item an outcome: one Map)
 * or nested (every item an array of outcomes: one per Parallel branch) — never a mix, which no
 * state machine produces. Each outcome is checked on its own, so an error names the exact item
 * and field (`results[1][3].state`) instead of a union's "Expected (Object | Array)".
 * SUCCEEDED outcomes are strict (their request is a Case); FAILED ones accept any request object.
 */
export function parseSummaryInput(value: unknown, source = 'summary input'): SummaryInput {
  const input = parseWith(SummaryEnvelopeSchema, value, source, 'summary input');
  const issues: ValidationIssue[] = [];
  const outcomes: LocatedOutcome[] = [];
  const check = (item: unknown, path: string): void => {
    const result = v.safeParse(CaseOutcomeSchema, item);
    if (result.success) outcomes.push({ outcome: result.output as CaseOutcome, path });
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
  return { ...input, results: input.results as CaseOutcome[] | CaseOutcome[][], outcomes };
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
  /** The case's caseId, or `(invalid caseId at results[i][j])` when its request had no valid one. */
  caseId: string;
  error: string;
  /** Absent when none was recorded (the state machines' Catch records the error name only). */
  cause?: string;
}

export interface Summary {
  requestId: string;
  /** Distinct cases that came back. */
  cases: number;
  succeeded: number;
  /** Every failed case, listed or not. */
  failed: number;
  /** Asked for, never came back. */
  missing: string[];
  /** Came back more than once, or listed more than once by the request. */
  duplicated: string[];
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

/** Issues for every caseId that occurs again after its first occurrence. */
export function duplicateCaseIdIssues(cases: readonly Case[], pathOf: (index: number) => string): ValidationIssue[] {
  const firstSeen = new Map<string, string>();
  const issues: ValidationIssue[] = [];
  cases.forEach((c, index) => {
    const path = pathOf(index);
    const first = firstSeen.get(c.caseId);
    if (first === undefined) firstSeen.set(c.caseId, path);
    else issues.push({ path: `${path}.caseId`, message: `duplicate caseId "${c.caseId}" (first at ${first})` });
  });
  return issues;
}

/** Validates a flat request: shape, `length` equal to the number of cases, caseIds unique. */
export function parseFlatRequest(value: unknown, source = 'flat request'): FlatRequest {
  const request = parseWith(FlatRequestSchema, value, source, 'flat request');
  const issues = duplicateCaseIdIssues(request.requests, (i) => `requests[${i}]`);
  if (request.length !== String(request.requests.length)) {
    issues.unshift({ path: 'length', message: `says "${request.length}" but requests holds ${request.requests.length} cases` });
  }
  if (issues.length > 0) throw new ValidationError(source, 'flat request', issues);
  return request;
}

/** Validates a slotted request: shape and caseIds unique across all slots. */
export function parseSlottedRequest(value: unknown, source = 'slotted request'): SlottedRequest {
  const request = parseWith(SlottedRequestSchema, value, source, 'slotted request');
  const located = request.requestSlots.flatMap((slot, s) => slot.requests.map((c, i) => ({ c, path: `requestSlots[${s}].requests[${i}]` })));
  const issues = duplicateCaseIdIssues(
    located.map((l) => l.c),
    (i) => located[i]?.path ?? `case ${i}`,
  );
  if (issues.length > 0) throw new ValidationError(source, 'slotted request', issues);
  return request;
}
