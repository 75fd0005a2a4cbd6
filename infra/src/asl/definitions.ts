/**
 * The two patterns' state machine definitions, as pure functions of the ARNs/names they use
 * (Terraform references at synth time, plain ARNs in tests or a local runtime).
 */
import { CALLBACK_DETAIL_TYPE, CALLBACK_EVENT_SOURCE } from '@fanout/shared-types';
import { INLINE_MAP_MAX_CONCURRENCY, LAMBDA_THROTTLE_RETRY, LAMBDA_TRANSIENT_RETRY, PUT_EVENTS_RETRY } from '../constants';
import type { Catcher, ChoiceState, FailState, MapState, PassState, PayloadTemplate, StateMachineDefinition, TaskState } from '@fanout/asl-types';

export const LAMBDA_INVOKE_RESOURCE = 'arn:aws:states:::lambda:invoke';
export const PUT_EVENTS_WAIT_RESOURCE = 'arn:aws:states:::events:putEvents.waitForTaskToken';

/** Where a Catch puts `{Error, Cause}` in the failed iteration's input. */
const FAILURE_PATH = '$.failure';

/**
 * State names (unique across the whole machine: the Map iterations of map-in-parallel carry their
 * slot number). `RequestCompute` puts an event and waits for the answer; it computes nothing itself.
 */
export const STATE_NAMES = {
  checkSlotCount: 'CheckSlotCount',
  slotCountMismatch: 'SlotCountMismatch',
  compute: 'Compute',
  requestCompute: 'RequestCompute',
  recordFailure: 'RecordFailure',
  summarize: 'Summarize',
  slots: 'ComputeSlots',
  /** Parallel branch i's Map: `ComputeSlot<i>`. */
  slot: 'ComputeSlot',
  cases: 'ComputeCases',
} as const;

/** ComputeInput `{requestId, request}` for one Map item. */
const COMPUTE_ITEM_SELECTOR: PayloadTemplate = {
  'requestId.$': '$$.Execution.Input.requestId',
  'request.$': '$$.Map.Item.Value',
};

/**
 * Shapes a caught error into a CaseFailure so the summary still runs and counts the case.
 * The Cause is left out on purpose: every failed case's record sits in the Map's output, and
 * with causes (≈140 B each even after compute-direct trims its stack) 1,000 failing cases pass
 * the 256 KiB state limit — States.DataLimitExceeded, which no Catch handles — so the run would
 * end without the summary exactly when it is needed. The error name says what failed; the
 * cause is in the computing Lambda's log line for that requestId and caseId.
 */
const recordFailure = (): PassState => ({
  Type: 'Pass',
  Comment: 'CaseFailure {requestId, request, state, error} for the summary (cause: in the Lambda log)',
  Parameters: {
    'requestId.$': '$.requestId',
    'request.$': '$.request',
    state: 'FAILED',
    'error.$': `${FAILURE_PATH}.Error`,
  },
  End: true,
});

/** Every failure of a case (after its retries) is recorded rather than failing the whole Map. */
const catchAllTo = (recordFailureState: string): Catcher[] => [{ ErrorEquals: ['States.ALL'], ResultPath: FAILURE_PATH, Next: recordFailureState }];

type Transition = { Next: string } | { End: true };

/**
 * An inline Map whose iteration is the task `iterationName`, caught into a RecordFailure state.
 * State names must be unique in the whole machine, so each Map's inner states carry `suffix`.
 */
function inlineMap(itemsPath: string, iterationName: string, iteration: (recordFailureState: string) => TaskState, suffix: string, transition: Transition): MapState {
  const iterationStateName = `${iterationName}${suffix}`;
  const recordFailureName = `${STATE_NAMES.recordFailure}${suffix}`;
  return {
    Type: 'Map',
    ItemsPath: itemsPath,
    ItemSelector: COMPUTE_ITEM_SELECTOR,
    MaxConcurrency: INLINE_MAP_MAX_CONCURRENCY,
    ItemProcessor: {
      ProcessorConfig: { Mode: 'INLINE' },
      StartAt: iterationStateName,
      States: { [iterationStateName]: iteration(recordFailureName), [recordFailureName]: recordFailure() },
    },
    ...transition,
  };
}

/**
 * `expectedCaseIdsPath` is an indefinite path (`[*]`), so Step Functions yields an array whatever
 * the number of cases — `[]` for none, `["0"]` for one — as SummaryInput requires.
 */
function summaryTask(summaryFunctionArn: string, expectedCaseIdsPath: string, timeoutSeconds: number): TaskState {
  return {
    Type: 'Task',
    Comment: 'SummaryInput {requestId, expectedCaseIds, results}',
    Resource: LAMBDA_INVOKE_RESOURCE,
    Parameters: {
      FunctionName: summaryFunctionArn,
      Payload: {
        'requestId.$': '$$.Execution.Input.requestId',
        'expectedCaseIds.$': expectedCaseIdsPath,
        'results.$': '$',
      },
    },
    OutputPath: '$.Payload',
    TimeoutSeconds: timeoutSeconds,
    Retry: [LAMBDA_TRANSIENT_RETRY, LAMBDA_THROTTLE_RETRY],
    End: true,
  };
}

export interface MapInParallelDefinitionProps {
  /** Parallel branches; branch i maps over `$.requestSlots[i].requests`. */
  readonly slotCount: number;
  readonly computeFunctionArn: string;
  readonly summaryFunctionArn: string;
  readonly computeTimeoutSeconds: number;
  readonly summaryTimeoutSeconds: number;
}

/** Error of an execution whose request does not hold exactly one slot per Parallel branch. */
export const SLOT_COUNT_MISMATCH = 'SlotCountMismatch';

/**
 * Exactly `slotCount` slots, or the execution fails before computing anything: with fewer, a
 * branch's ItemsPath would match nothing (States.Runtime, naming no cause a user can act on);
 * with more, the extra slots' cases would never run and surface only as "missing".
 */
function slotCountGuard(slotCount: number): { check: ChoiceState; mismatch: FailState } {
  return {
    check: {
      Type: 'Choice',
      Comment: `requestSlots must hold exactly ${slotCount} slots, one per Parallel branch`,
      Choices: [
        { Variable: `$.requestSlots[${slotCount}]`, IsPresent: true, Next: STATE_NAMES.slotCountMismatch },
        { Variable: `$.requestSlots[${slotCount - 1}]`, IsPresent: false, Next: STATE_NAMES.slotCountMismatch },
      ],
      Default: STATE_NAMES.slots,
    },
    mismatch: {
      Type: 'Fail',
      Error: SLOT_COUNT_MISMATCH,
      Cause: `This state machine's Parallel has ${slotCount} branches, so the request's requestSlots must hold exactly ${slotCount} slots; split the dataset with that slot count (data-gen --slots=${slotCount}).`,
    },
  };
}

export function mapInParallelDefinition(props: MapInParallelDefinitionProps): StateMachineDefinition {
  if (!Number.isInteger(props.slotCount) || props.slotCount < 1) throw new RangeError(`slotCount must be a whole number ≥ 1, got ${props.slotCount}`);
  const compute = (recordFailureState: string): TaskState => ({
    Type: 'Task',
    Comment: 'compute-direct, payload only',
    Resource: LAMBDA_INVOKE_RESOURCE,
    Parameters: { FunctionName: props.computeFunctionArn, 'Payload.$': '$' },
    OutputPath: '$.Payload',
    TimeoutSeconds: props.computeTimeoutSeconds,
    Retry: [LAMBDA_TRANSIENT_RETRY, LAMBDA_THROTTLE_RETRY],
    Catch: catchAllTo(recordFailureState),
    // A successful compute ends its iteration; only the Catch goes on to RecordFailure.
    End: true,
  });
  const branches = Array.from({ length: props.slotCount }, (_, slot) => {
    const name = `${STATE_NAMES.slot}${slot}`;
    return { StartAt: name, States: { [name]: inlineMap(`$.requestSlots[${slot}].requests`, STATE_NAMES.compute, compute, String(slot), { End: true }) } };
  });
  const guard = slotCountGuard(props.slotCount);
  return {
    Comment: `map-in-parallel: ${props.slotCount} slots, each an inline Map invoking compute-direct; then the summary`,
    StartAt: STATE_NAMES.checkSlotCount,
    States: {
      [STATE_NAMES.checkSlotCount]: guard.check,
      [STATE_NAMES.slotCountMismatch]: guard.mismatch,
      [STATE_NAMES.slots]: { Type: 'Parallel', Branches: branches, Next: STATE_NAMES.summarize },
      [STATE_NAMES.summarize]: summaryTask(props.summaryFunctionArn, '$$.Execution.Input.requestSlots[*].requests[*].caseId', props.summaryTimeoutSeconds),
    },
  };
}

export interface MapEventBridgeCallbackDefinitionProps {
  /** The pattern's own bus (name or ARN). */
  readonly eventBusName: string;
  readonly summaryFunctionArn: string;
  /** How long a case may wait for its callback before it fails with States.Timeout. */
  readonly callbackTimeoutSeconds: number;
  readonly summaryTimeoutSeconds: number;
}

export function mapEventBridgeCallbackDefinition(props: MapEventBridgeCallbackDefinitionProps): StateMachineDefinition {
  const requestCompute = (recordFailureState: string): TaskState => ({
    Type: 'Task',
    Comment: 'puts {payload, taskToken} on the bus and waits for compute-callback to answer with the token',
    Resource: PUT_EVENTS_WAIT_RESOURCE,
    Parameters: {
      Entries: [
        {
          EventBusName: props.eventBusName,
          Source: CALLBACK_EVENT_SOURCE,
          DetailType: CALLBACK_DETAIL_TYPE,
          Detail: { 'payload.$': '$', 'taskToken.$': '$$.Task.Token' },
        },
      ],
    },
    // No HeartbeatSeconds: compute-callback answers once and sends no heartbeats.
    TimeoutSeconds: props.callbackTimeoutSeconds,
    Retry: [PUT_EVENTS_RETRY],
    Catch: catchAllTo(recordFailureState),
    End: true,
  });
  return {
    Comment: 'map-eventbridge-callback: inline Map putting one callback event per case; then the summary',
    StartAt: STATE_NAMES.cases,
    States: {
      [STATE_NAMES.cases]: inlineMap('$.requests', STATE_NAMES.requestCompute, requestCompute, '', { Next: STATE_NAMES.summarize }),
      [STATE_NAMES.summarize]: summaryTask(props.summaryFunctionArn, '$$.Execution.Input.requests[*].caseId', props.summaryTimeoutSeconds),
    },
  };
}
