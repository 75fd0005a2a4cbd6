import * as v from 'valibot';
import { ValidationError, type ValidationIssue, parseWith } from './validation';

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

/**
 * One case computed, as the computing Lambdas return it (compute-direct's result, compute-callback's
 * SendTaskSuccess output). The state machines keep only `caseId` and `durationMs` of it for the
 * fan-in (see FanInSuccess in summary.ts).
 */
export interface ComputeResult {
  requestId: string;
  request: Case;
  durationMs: number;
  state: 'SUCCEEDED';
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
