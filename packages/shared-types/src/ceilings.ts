/**
 * How many cases one execution of an inline pattern can carry, and why: the one place the data
 * generator, the bench tool, the infrastructure and the READMEs take these figures from.
 *
 * Three limits bind an inline-Map execution:
 * - history: a Standard execution records at most 25,000 events, and every case adds its own;
 * - payload: every case's outcome sits in one state (the fan-out's output, then the Summarize
 *   task's input with `expectedCaseIds`), at most 256 KiB; `States.DataLimitExceeded` is not
 *   caught by `States.ALL`, so the execution would end without its summary;
 * - input: the execution input itself, at most 256 KiB.
 * The history figures are the events the local engine records for the definitions in infra
 * (`packages/local-cloud/tests/patterns-e2e.test.ts` checks them on real runs); the payload
 * figures are the JSON the definitions build (infra's definition tests check them byte for byte).
 */
import { AWS_LIMITS, payloadBytes } from './aws-limits';
import { type ItemSource, distributedCeilings, distributedHistoryEvents, distributedProblems, worstSummaryBytes } from './distributed-ceilings';
import type { Case } from './messages';
import { DEFAULT_SLOT_COUNT, type PatternId } from './patterns';
import type { FanInOutcome } from './summary';

/** Events in one execution's history, per pattern. */
export interface HistoryModel {
  /** Events of an execution with no case (start, the fan-out's own states, Summarize, the threshold check, the end). */
  fixedEvents: number;
  /** A case computed at the first attempt. */
  perSucceededCase: number;
  /** A case whose failure was caught and recorded (no retry). */
  perFailedCase: number;
  /** Each retried attempt of a case's task (TaskScheduled, TaskStarted, TaskFailed). */
  perRetry: number;
}

/**
 * - lambda:invoke case: MapIterationStarted, TaskStateEntered, TaskScheduled, TaskStarted,
 *   TaskSucceeded, TaskStateExited, MapIterationSucceeded (7); a failed one has TaskFailed instead
 *   and then the Choice and Pass that record it (+4: 11).
 * - callback case: the same plus TaskSubmitted (8; failed 12).
 * - fixed, map-in-parallel: ExecutionStarted, the slot-count Choice (2), Parallel entered, started,
 *   succeeded, exited (4), per slot a Map entered, started, succeeded, exited (4 × slots), Summarize
 *   (5), the threshold Choice (2), Succeed (2), ExecutionSucceeded: 17 + 4 × slots.
 * - fixed, map-eventbridge-callback: ExecutionStarted, the Map (4), Summarize (5), the threshold
 *   Choice (2), Succeed (2), ExecutionSucceeded: 15.
 * - distributed-map: the parent records no event per case (distributedHistoryEvents: 19, 21 for
 *   items in S3); each case's events are in its child execution.
 */
export function historyModel(pattern: PatternId, slots: number = DEFAULT_SLOT_COUNT, itemSource: ItemSource = 'request'): HistoryModel {
  switch (pattern) {
    case 'distributed-map':
      return { fixedEvents: distributedHistoryEvents(itemSource), perSucceededCase: 0, perFailedCase: 0, perRetry: 0 };
    case 'map-in-parallel':
      return { fixedEvents: 17 + 4 * slots, perSucceededCase: 7, perFailedCase: 11, perRetry: 3 };
    case 'map-eventbridge-callback':
      return { fixedEvents: 15, perSucceededCase: 8, perFailedCase: 12, perRetry: 3 };
  }
}

export interface CaseCounts {
  succeeded: number;
  failed?: number;
  /** Retried attempts over all cases (throttling, transient service errors). */
  retries?: number;
}

/** The events one execution records for these cases. */
export function historyEvents(pattern: PatternId, counts: CaseCounts, slots: number = DEFAULT_SLOT_COUNT, itemSource: ItemSource = 'request'): number {
  const model = historyModel(pattern, slots, itemSource);
  return model.fixedEvents + counts.succeeded * model.perSucceededCase + (counts.failed ?? 0) * model.perFailedCase + (counts.retries ?? 0) * model.perRetry;
}

/**
 * What the payload estimate assumes, and the headroom kept under 256 KiB. Every figure is an
 * upper bound, so an estimate never undercounts what Step Functions measures.
 */
export const FAN_IN_ASSUMPTIONS = {
  /** Kept free under the 256 KiB limit, for what the model cannot see (3 % of it). */
  headroomBytes: 8_192,
  /** The summary function's ARN in the Summarize task's Parameters (a Lambda ARN is at most 140 characters). */
  functionArnChars: 140,
  /** A requestId is at most 256 characters. */
  requestIdChars: 256,
  /** A measured duration has at most 6 digits (a Lambda runs at most 900,000 ms). */
  durationDigits: 6,
  /** Seed-format caseIds ("0" … "9999") have at most 4 characters. */
  caseIdChars: 4,
  /** The longest error name AWS or the patterns record for a case ("Lambda.ClientExecutionTimeoutException" is 38). */
  errorNameChars: 40,
} as const;

export type BindingLimit = 'history' | 'payload' | 'input';

export interface CeilingOptions {
  /** map-in-parallel's Parallel branches (default 3); ignored by the callback pattern. */
  slots?: number;
  /** Share of cases (0–1) that fail once and are recorded (default 0). */
  failedShare?: number;
  /** Retried attempts per case on average (default 0). */
  retriesPerCase?: number;
  /** Characters of every caseId (default 4: seed-format ids below 10,000). */
  caseIdChars?: number;
  /** Characters of every failed case's error name (default 40). */
  errorNameChars?: number;
  /** distributed-map only: the cases in the request (default) or in an items object in S3. */
  itemSource?: ItemSource;
}

export interface PatternCeilings {
  /** The most cases one execution can carry: the smallest of the three maxima below. */
  maxCases: number;
  /** Which limit that is. */
  bindingLimit: BindingLimit;
  /** Infinity for distributed-map: its parent's history does not grow with the cases. */
  maxCasesByHistory: number;
  maxCasesByPayload: number;
  maxCasesByInput: number;
  /** History events per case, on average for the failure and retry profile asked for. */
  historyEventsPerCase: number;
  /** Events of the execution whatever its size. */
  historyFixedEvents: number;
  /** Bytes per case in the Summarize task's input (its outcome and its entry in expectedCaseIds), on average. */
  payloadBytesPerCase: number;
  /** Bytes of that input whatever its size, headroom included. */
  payloadFixedBytes: number;
  /** Bytes per case of the execution input, for cases carrying only a caseId (the seeds' format). */
  inputBytesPerCase: number;
}

/** `{"caseId":"…","durationMs":NNNNNN},`, `{"caseId":"…","error":"…"},`, and `"…",` in expectedCaseIds. */
const successBytes = (caseIdChars: number) => 11 + caseIdChars + 15 + FAN_IN_ASSUMPTIONS.durationDigits + 1 + 1;
const failureBytes = (caseIdChars: number, errorNameChars: number) => 11 + caseIdChars + 11 + errorNameChars + 2 + 1;
const expectedIdBytes = (caseIdChars: number) => caseIdChars + 3;

/** `{"FunctionName":"…","Payload":{"requestId":"…","expectedCaseIds":[],"results":[…]}}`, and the headroom. */
function payloadFixedBytes(pattern: PatternId, slots: number): number {
  const results = pattern === 'map-in-parallel' ? 2 + slots * 2 + (slots - 1) : 2;
  const envelope = '{"FunctionName":"","Payload":{"requestId":"","expectedCaseIds":[],"results":}}'.length;
  return envelope + FAN_IN_ASSUMPTIONS.functionArnChars + FAN_IN_ASSUMPTIONS.requestIdChars + results + FAN_IN_ASSUMPTIONS.headroomBytes;
}

/** The flat request `{"requestId":"…","requests":[…],"length":"NNNNN"}`, or the slotted one with a `{"requests":[]}` per slot. */
function inputFixedBytes(pattern: PatternId, slots: number): number {
  if (pattern === 'map-eventbridge-callback') return '{"requestId":"","requests":[],"length":"00000"}'.length + FAN_IN_ASSUMPTIONS.requestIdChars;
  return '{"requestId":"","requestSlots":[]}'.length + FAN_IN_ASSUMPTIONS.requestIdChars + slots * '{"requests":[]},'.length;
}

function checkShare(name: string, value: number, max: number): void {
  if (!(value >= 0 && value <= max)) throw new RangeError(`${name} must be between 0 and ${max}, got ${value}`);
}

/**
 * The ceilings of one execution of `pattern`: how many cases it can carry, which limit binds,
 * and the per-case figures behind it. Defaults describe the seeds' datasets (4-character
 * caseIds, every case computed at the first attempt); pass a failure and retry profile to see how
 * the ceiling drops (every failed case costs 4 more events, every retry 3).
 */
export function patternCeilings(pattern: PatternId, options: CeilingOptions = {}): PatternCeilings {
  const slots = options.slots ?? DEFAULT_SLOT_COUNT;
  if (!Number.isInteger(slots) || slots < 1) throw new RangeError(`slots must be a whole number ≥ 1, got ${slots}`);
  const failedShare = options.failedShare ?? 0;
  const retriesPerCase = options.retriesPerCase ?? 0;
  const caseIdChars = options.caseIdChars ?? FAN_IN_ASSUMPTIONS.caseIdChars;
  const errorNameChars = options.errorNameChars ?? FAN_IN_ASSUMPTIONS.errorNameChars;
  checkShare('failedShare', failedShare, 1);
  checkShare('retriesPerCase', retriesPerCase, Number.MAX_SAFE_INTEGER);
  checkShare('caseIdChars', caseIdChars, 256);
  checkShare('errorNameChars', errorNameChars, 256);

  if (pattern === 'distributed-map') return distributedPatternCeilings(options.itemSource ?? 'request', caseIdChars, errorNameChars);
  const model = historyModel(pattern, slots);
  const historyEventsPerCase = (1 - failedShare) * model.perSucceededCase + failedShare * model.perFailedCase + retriesPerCase * model.perRetry;
  const payloadBytesPerCase = expectedIdBytes(caseIdChars) + (1 - failedShare) * successBytes(caseIdChars) + failedShare * failureBytes(caseIdChars, errorNameChars);
  const fixedPayload = payloadFixedBytes(pattern, slots);
  // `{"caseId":"…"},`
  const inputBytesPerCase = 14 + caseIdChars;

  const maxCasesByHistory = Math.floor((AWS_LIMITS.historyEvents - model.fixedEvents) / historyEventsPerCase);
  const maxCasesByPayload = Math.floor((AWS_LIMITS.sfnPayloadBytes - fixedPayload) / payloadBytesPerCase);
  const maxCasesByInput = Math.floor((AWS_LIMITS.sfnPayloadBytes - inputFixedBytes(pattern, slots)) / inputBytesPerCase);
  const candidates: [BindingLimit, number][] = [
    ['history', maxCasesByHistory],
    ['payload', maxCasesByPayload],
    ['input', maxCasesByInput],
  ];
  const [bindingLimit, maxCases] = leastOf(candidates);
  return {
    maxCases,
    bindingLimit,
    maxCasesByHistory,
    maxCasesByPayload,
    maxCasesByInput,
    historyEventsPerCase,
    historyFixedEvents: model.fixedEvents,
    payloadBytesPerCase,
    payloadFixedBytes: fixedPayload,
    inputBytesPerCase,
  };
}

/** The candidate with the fewest cases: the limit that binds. */
function leastOf(candidates: [BindingLimit, number][]): [BindingLimit, number] {
  return candidates.reduce((least, next) => (next[1] < least[1] ? next : least));
}

/** distributed-map: no history per case; the Summary's worst case binds, or the request's 256 KiB for inline items. */
function distributedPatternCeilings(itemSource: ItemSource, caseIdChars: number, errorNameChars: number): PatternCeilings {
  const figures = distributedCeilings(itemSource, caseIdChars, { ...FAN_IN_ASSUMPTIONS, errorNameChars });
  const [bindingLimit, maxCases] = leastOf([
    ['payload', figures.maxCasesByPayload],
    ['input', figures.maxCasesByInput],
  ]);
  return { maxCases, bindingLimit, maxCasesByHistory: Number.POSITIVE_INFINITY, historyEventsPerCase: 0, ...figures };
}

export interface ExecutionRequest {
  requestId: string;
  cases: readonly Case[];
  /** map-in-parallel's slot count (default 3). */
  slots?: number;
  /** distributed-map's item source (default: the request). */
  itemSource?: ItemSource;
}

export interface ExecutionEstimate {
  /**
   * Bytes of the Summarize task's input when every case ends as its dataset says (computed, or
   * failed with its injected error): an upper bound (longest ARN, 6-digit durations).
   */
  fanInBytes: number;
  /** History events of that execution (no retries). */
  historyEvents: number;
}

/** The outcome the fan-in would carry for a case, with the widest duration it could measure. */
function expectedOutcome(c: Case): FanInOutcome {
  return c.failure === undefined ? { caseId: c.caseId, durationMs: 10 ** FAN_IN_ASSUMPTIONS.durationDigits - 1 } : { caseId: c.caseId, error: c.failure.error };
}

/** What one execution of `pattern` would carry for these cases. */
export function estimateExecution(pattern: PatternId, request: ExecutionRequest): ExecutionEstimate {
  if (pattern === 'distributed-map') {
    // The state that grows with the cases is the Summary, at its worst: every case missing.
    return { fanInBytes: worstSummaryBytes(request.cases, FAN_IN_ASSUMPTIONS), historyEvents: distributedHistoryEvents(request.itemSource ?? 'request') };
  }
  const slots = pattern === 'map-in-parallel' ? (request.slots ?? DEFAULT_SLOT_COUNT) : 1;
  const outcomes = request.cases.map(expectedOutcome);
  // Which slot holds which outcome does not change the size; only the brackets per slot do.
  const results = pattern === 'map-in-parallel' ? Array.from({ length: slots }, (_, s) => outcomes.filter((_o, i) => i % slots === s)) : outcomes;
  const input = { FunctionName: 'f'.repeat(FAN_IN_ASSUMPTIONS.functionArnChars), Payload: { requestId: request.requestId, expectedCaseIds: request.cases.map((c) => c.caseId), results } };
  const failed = request.cases.filter((c) => c.failure !== undefined).length;
  return { fanInBytes: payloadBytes(input), historyEvents: historyEvents(pattern, { succeeded: request.cases.length - failed, failed }, slots) };
}

/** Why one execution of `pattern` cannot carry these cases (empty when it can). */
export function executionProblems(pattern: PatternId, request: ExecutionRequest): string[] {
  if (pattern === 'distributed-map') return distributedProblems(request, request.itemSource ?? 'request', FAN_IN_ASSUMPTIONS);
  const { fanInBytes, historyEvents: events } = estimateExecution(pattern, request);
  const problems: string[] = [];
  const payloadLimit = AWS_LIMITS.sfnPayloadBytes - FAN_IN_ASSUMPTIONS.headroomBytes;
  if (fanInBytes > payloadLimit) {
    problems.push(`${pattern}: its fan-in (≈${Math.ceil(fanInBytes / 1024)} KiB with every outcome) passes the 256 KiB state limit less ${FAN_IN_ASSUMPTIONS.headroomBytes / 1024} KiB headroom (States.DataLimitExceeded)`);
  }
  if (events > AWS_LIMITS.historyEvents) {
    problems.push(`${pattern}: its history (≈${events} events) passes the 25,000-event limit`);
  }
  return problems;
}
