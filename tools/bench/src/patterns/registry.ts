/**
 * The patterns the bench knows: what dataset shape each reads, which outputs its stack must
 * have, where its cases and its fan-in sit in the execution history (or, for distributed-map,
 * in its Map Run's child executions), and its ceilings.
 */
import { DISTRIBUTED_STATE_NAMES } from '@fanout/infra/src/asl/distributed-map';
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
   * `invoke`: Step Functions calls the computing Lambda (each attempt is a task);
   * `callback`: the Lambda is reached asynchronously and answers with the task token, so its
   * invocations are counted from its logs (or, without them, one per event put).
   */
  readonly compute: 'invoke' | 'callback';
  /**
   * Where each case's path is read: the Map iterations of the execution's own history
   * (`inline-map`), or the child executions of its Map Run (`map-run`: the ResultWriter's result
   * files and the Lambda's logs; the parent history holds no event per case).
   */
  readonly timeline: 'inline-map' | 'map-run';
  /** The state whose output is the fan-in (everything the Summary receives); none when the results go through S3. */
  readonly fanOutState?: string;
  /** Whether a task state (by name) is a case's computation rather than the Summary. */
  isCaseTask(stateName: string): boolean;
  /** The case a Map iteration ran (`mapName` from MapIterationStarted, its index). */
  caseAt(dataset: DatasetCases, mapName: string, index: number): Case | undefined;
  /** What one execution runs at once at most, with these outputs: cases (N slots × 40, or 40), or child executions (MaxConcurrency). */
  concurrencyCeiling(outputs: StackOutputs): number;
  /** Queues where undeliverable work lands (their new messages are SQS requests, and lost cases). */
  failureQueues(outputs: StackOutputs): { name: string; url: string }[];
}

const slotOf = (mapName: string): number | undefined => {
  const match = new RegExp(`^${STATE_NAMES.slot}(\\d+)$`).exec(mapName);
  return match ? Number(match[1]) : undefined;
};

export const DISTRIBUTED_MAP = 'distributed-map';

export const PATTERNS: readonly PatternSpec[] = [
  {
    id: 'map-in-parallel',
    description: 'Parallel of N inline Maps over a slotted dataset, compute-direct by lambda:invoke, then Summary',
    shape: 'slotted',
    requiredOutputs: ['slotCount'],
    ceiling: 'inline-map',
    compute: 'invoke',
    timeline: 'inline-map',
    fanOutState: STATE_NAMES.slots,
    isCaseTask: (stateName) => new RegExp(`^${STATE_NAMES.compute}\\d+$`).test(stateName),
    caseAt: (dataset, mapName, index) => {
      const slot = slotOf(mapName);
      return slot === undefined ? undefined : dataset.slots?.[slot]?.[index];
    },
    concurrencyCeiling: (outputs) => (outputs.slotCount ?? 1) * mapConcurrencyCeiling(),
    failureQueues: () => [],
  },
  {
    id: 'map-eventbridge-callback',
    description: 'inline Map over a flat dataset; events:putEvents.waitForTaskToken → rule → compute-callback (async) → SendTaskSuccess; then Summary',
    shape: 'flat',
    requiredOutputs: ['eventBusName', 'deadLetterQueueUrl', 'computeFailureQueueUrl'],
    ceiling: 'inline-map',
    compute: 'callback',
    timeline: 'inline-map',
    fanOutState: STATE_NAMES.cases,
    isCaseTask: (stateName) => stateName === STATE_NAMES.requestCompute,
    caseAt: (dataset, mapName, index) => (mapName === STATE_NAMES.cases ? dataset.cases[index] : undefined),
    concurrencyCeiling: () => mapConcurrencyCeiling(),
    failureQueues: (outputs) => [
      ...(outputs.deadLetterQueueUrl ? [{ name: 'rule DLQ', url: outputs.deadLetterQueueUrl }] : []),
      ...(outputs.computeFailureQueueUrl ? [{ name: 'compute-callback on-failure queue', url: outputs.computeFailureQueueUrl }] : []),
    ],
  },
  {
    id: DISTRIBUTED_MAP,
    description: 'Distributed Map of Express child executions over a flat dataset (inline or an S3 items object), compute-direct by lambda:invoke, results through ResultWriter to S3, then Summary',
    shape: 'flat',
    requiredOutputs: ['bucketName', 'itemsPrefix', 'resultsPrefix', 'itemsInputType', 'maxConcurrency'],
    ceiling: 'distributed-map',
    compute: 'invoke',
    timeline: 'map-run',
    // Its case tasks run in the children (Compute, ComputeFromItems), never in the parent's history.
    isCaseTask: (stateName) => stateName === DISTRIBUTED_STATE_NAMES.compute || stateName === `${DISTRIBUTED_STATE_NAMES.compute}${DISTRIBUTED_STATE_NAMES.itemsSuffix}`,
    caseAt: () => undefined,
    concurrencyCeiling: (outputs) => outputs.maxConcurrency ?? 1,
    failureQueues: () => [],
  },
];

export function patternById(id: string): PatternSpec | undefined {
  return PATTERNS.find((p) => p.id === id);
}

/** The series a run belongs to: its pattern, and for a Distributed Map with an ItemBatcher, the batch size. */
export function seriesName(patternId: string, maxItemsPerBatch: number | undefined): string {
  return maxItemsPerBatch === undefined ? patternId : `${patternId} (batch ${maxItemsPerBatch})`;
}
