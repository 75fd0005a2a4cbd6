/**
 * The patterns the bench knows: what dataset shape each reads, which outputs its stack must
 * have, where its cases and its fan-in sit in the execution history, and its ceilings. A new
 * pattern (distributed-map) is one more entry here plus, if its history differs, a timeline.
 */
import { STATE_NAMES } from '@fanout/infra/src/asl/definitions';
import type { Case } from '@fanout/shared-types';
import type { OutputKey, StackOutputs } from '../outputs';
import { type CeilingKind, mapConcurrencyCeiling } from './ceilings';

export type DatasetShape = 'flat' | 'slotted';

/** A dataset as a pattern reads it: flat cases, or one list per slot. */
export interface DatasetCases {
  shape: DatasetShape;
  /** Every case in input order (slot by slot for a slotted dataset). */
  cases: readonly Case[];
  /** Slotted only: the cases of each slot. */
  slots?: readonly (readonly Case[])[];
}

export interface PatternSpec {
  readonly id: string;
  readonly description: string;
  readonly shape: DatasetShape;
  /** Outputs beyond the ones every stack has. */
  readonly requiredOutputs: readonly OutputKey[];
  readonly ceiling: CeilingKind;
  /**
   * `invoke`: Step Functions calls the computing Lambda (each attempt is a history task);
   * `callback`: the Lambda is reached asynchronously and answers with the task token, so its
   * invocations are counted from its logs (or, without them, one per event put).
   */
  readonly compute: 'invoke' | 'callback';
  /** The state whose output is the fan-in: everything the Summary receives. */
  readonly fanOutState: string;
  /** Whether a task state (by name) is a case's computation rather than the Summary. */
  isCaseTask(stateName: string): boolean;
  /** The case a Map iteration ran (`mapName` from MapIterationStarted, its index). */
  caseAt(dataset: DatasetCases, mapName: string, index: number): Case | undefined;
  /** Cases one execution runs at once at most, with these outputs (N slots × 40, or 40). */
  concurrencyCeiling(outputs: StackOutputs): number;
  /** Queues where undeliverable work lands (their new messages are SQS requests, and lost cases). */
  failureQueues(outputs: StackOutputs): { name: string; url: string }[];
}

const slotOf = (mapName: string): number | undefined => {
  const match = new RegExp(`^${STATE_NAMES.slot}(\\d+)$`).exec(mapName);
  return match ? Number(match[1]) : undefined;
};

export const PATTERNS: readonly PatternSpec[] = [
  {
    id: 'map-in-parallel',
    description: 'Parallel of N inline Maps over a slotted dataset, compute-direct by lambda:invoke, then Summary',
    shape: 'slotted',
    requiredOutputs: ['slotCount'],
    ceiling: 'inline-map',
    compute: 'invoke',
    fanOutState: STATE_NAMES.slots,
    isCaseTask: (stateName) => new RegExp(`^${STATE_NAMES.compute}\\d+$`).test(stateName),
    caseAt: (dataset, mapName, index) => {
      const slot = slotOf(mapName);
      return slot === undefined ? undefined : dataset.slots?.[slot]?.[index];
    },
    concurrencyCeiling: (outputs) => (outputs.slotCount ?? 1) * mapConcurrencyCeiling('inline-map'),
    failureQueues: () => [],
  },
  {
    id: 'map-eventbridge-callback',
    description: 'inline Map over a flat dataset; events:putEvents.waitForTaskToken → rule → compute-callback (async) → SendTaskSuccess; then Summary',
    shape: 'flat',
    requiredOutputs: ['eventBusName', 'deadLetterQueueUrl', 'computeFailureQueueUrl'],
    ceiling: 'inline-map',
    compute: 'callback',
    fanOutState: STATE_NAMES.cases,
    isCaseTask: (stateName) => stateName === STATE_NAMES.requestCompute,
    caseAt: (dataset, mapName, index) => (mapName === STATE_NAMES.cases ? dataset.cases[index] : undefined),
    concurrencyCeiling: () => mapConcurrencyCeiling('inline-map'),
    failureQueues: (outputs) => [
      ...(outputs.deadLetterQueueUrl ? [{ name: 'rule DLQ', url: outputs.deadLetterQueueUrl }] : []),
      ...(outputs.computeFailureQueueUrl ? [{ name: 'compute-callback on-failure queue', url: outputs.computeFailureQueueUrl }] : []),
    ],
  },
];

export function patternById(id: string): PatternSpec | undefined {
  return PATTERNS.find((p) => p.id === id);
}
