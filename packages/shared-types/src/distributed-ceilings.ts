/**
 * What one distributed-map execution carries. Its child executions keep their own histories and
 * ResultWriter puts their outcomes in S3, so neither the parent's 25,000 events nor a 256 KiB
 * fan-in grow with the cases. What does grow:
 * - inline items: the execution input (`{requestId, requests, length}`) is at most 256 KiB;
 * - any items: the Summary (the Summarize task's result, a 256 KiB state) lists every missing
 *   and duplicated caseId, so its worst case — every case missing but the listed failures —
 *   must fit; `States.DataLimitExceeded` is not caught;
 * - items in S3: the ItemReader reads at most 100,000,000 items.
 */
import { AWS_LIMITS, payloadBytes } from './aws-limits';
import type { Case } from './messages';
import { SUMMARY_CAUSE_MAX_CHARS, SUMMARY_MAX_ERROR_NAMES, SUMMARY_MAX_FAILURES, type Summary } from './summary';

/** Where a distributed-map execution's cases come from: the request itself, or an items object in S3. */
export type ItemSource = 'request' | 's3';

/**
 * The parent's history, whatever the number of cases: ExecutionStarted; the request check
 * (ChoiceStateEntered/Exited: 2; an items request passes a second Choice on its location: 2
 * more); the Distributed Map (MapStateEntered, MapStateStarted, MapRunStarted, MapRunSucceeded,
 * MapStateSucceeded, MapStateExited: 6); Summarize (TaskStateEntered, TaskScheduled, TaskStarted,
 * TaskSucceeded, TaskStateExited: 5); the threshold Choice (2); Succeed (2); ExecutionSucceeded.
 * Every child execution records its own events (Express children: none in Step Functions).
 */
export function distributedHistoryEvents(itemSource: ItemSource): number {
  return 19 + (itemSource === 's3' ? 2 : 0);
}

export interface DistributedPayloadAssumptions {
  readonly headroomBytes: number;
  readonly requestIdChars: number;
  readonly errorNameChars: number;
}

/**
 * The Summary with no case listed in `missing` or `duplicated` but every other list full: the
 * first SUMMARY_MAX_FAILURES failures, each with an error name of `errorNameChars` and a cause cut
 * to SUMMARY_CAUSE_MAX_CHARS (a child execution that failed outright carries Step Functions'
 * cause), every error name counted, 9-digit counts, 6-digit durations.
 */
export function summaryFixedBytes(caseIdChars: number, assumptions: DistributedPayloadAssumptions): number {
  const id = 'i'.repeat(caseIdChars);
  const errorName = (k: number) => `${k}`.padStart(assumptions.errorNameChars, 'E');
  const summary: Summary = {
    requestId: 'r'.repeat(assumptions.requestIdChars),
    expected: 999_999_999,
    cases: 999_999_999,
    succeeded: 999_999_999,
    failed: 999_999_999,
    missing: [],
    duplicated: [],
    unfinished: 999_999_999,
    unfinishedPercentage: 99.99,
    failures: Array.from({ length: SUMMARY_MAX_FAILURES }, () => ({ caseId: id, error: errorName(0), cause: 'c'.repeat(SUMMARY_CAUSE_MAX_CHARS) })),
    failuresByError: Object.fromEntries(Array.from({ length: SUMMARY_MAX_ERROR_NAMES + 1 }, (_, k) => [errorName(k), 999_999_999])),
    durationMs: { min: 999_999, p50: 999_999, p95: 999_999, max: 999_999, total: 999_999_999_999 },
  };
  return payloadBytes(summary) + assumptions.headroomBytes;
}

/** `"…",` in the Summary's `missing` list (and in the Summarize task's `expectedCaseIds`). */
export const missingIdBytes = (caseIdChars: number): number => caseIdChars + 3;

export interface DistributedCeilings {
  maxCasesByPayload: number;
  maxCasesByInput: number;
  payloadBytesPerCase: number;
  payloadFixedBytes: number;
  inputBytesPerCase: number;
  historyFixedEvents: number;
}

/** The flat request's envelope: `{"requestId":"…","requests":[…],"length":"NNNNNNNNN"}`. */
const inlineInputFixedBytes = (requestIdChars: number) => '{"requestId":"","requests":[],"length":"000000000"}'.length + requestIdChars;

export function distributedCeilings(itemSource: ItemSource, caseIdChars: number, assumptions: DistributedPayloadAssumptions): DistributedCeilings {
  const payloadFixed = summaryFixedBytes(caseIdChars, assumptions);
  const perCase = missingIdBytes(caseIdChars);
  // `{"caseId":"…"},`
  const inputBytesPerCase = 14 + caseIdChars;
  return {
    maxCasesByPayload: Math.floor((AWS_LIMITS.sfnPayloadBytes - payloadFixed) / perCase),
    maxCasesByInput:
      itemSource === 's3' ? AWS_LIMITS.distributedMapMaxItems : Math.floor((AWS_LIMITS.sfnPayloadBytes - inlineInputFixedBytes(assumptions.requestIdChars)) / inputBytesPerCase),
    payloadBytesPerCase: perCase,
    payloadFixedBytes: payloadFixed,
    inputBytesPerCase,
    historyFixedEvents: distributedHistoryEvents(itemSource),
  };
}

/**
 * The Summary's bytes for these cases at its worst: every case listed as missing beside the full
 * failure lists (an upper bound: a failed case is never missing too).
 */
export function worstSummaryBytes(cases: readonly Case[], assumptions: DistributedPayloadAssumptions): number {
  const idBytes = cases.map((c) => Buffer.byteLength(JSON.stringify(c.caseId), 'utf8') - 2);
  const longest = idBytes.reduce((max, n) => Math.max(max, n), 0);
  return summaryFixedBytes(longest, assumptions) - assumptions.headroomBytes + idBytes.reduce((sum, n) => sum + missingIdBytes(n), 0);
}

/** Why one distributed-map execution cannot carry these cases from this source (empty when it can). */
export function distributedProblems(request: { requestId: string; cases: readonly Case[] }, itemSource: ItemSource, assumptions: DistributedPayloadAssumptions): string[] {
  const problems: string[] = [];
  if (itemSource === 'request') {
    const inputBytes = payloadBytes({ requestId: request.requestId, requests: request.cases, length: String(request.cases.length) });
    if (inputBytes > AWS_LIMITS.sfnPayloadBytes) {
      problems.push(
        `distributed-map: its request (≈${Math.ceil(inputBytes / 1024)} KiB) passes the 256 KiB execution input limit: write the cases as an items object (data-gen --items) and start it with {requestId, itemsBucket, itemsKey}`,
      );
    }
  } else if (request.cases.length > AWS_LIMITS.distributedMapMaxItems) {
    problems.push(`distributed-map: ${request.cases.length} items pass the ${AWS_LIMITS.distributedMapMaxItems.toLocaleString('en-US')} an ItemReader reads`);
  }
  const summaryBytes = worstSummaryBytes(request.cases, assumptions);
  if (summaryBytes > AWS_LIMITS.sfnPayloadBytes - assumptions.headroomBytes) {
    problems.push(
      `distributed-map: its Summary (≈${Math.ceil(summaryBytes / 1024)} KiB if most cases went missing: it lists every missing caseId) could pass the 256 KiB state limit less ${assumptions.headroomBytes / 1024} KiB headroom (States.DataLimitExceeded); split the request`,
    );
  }
  return problems;
}
