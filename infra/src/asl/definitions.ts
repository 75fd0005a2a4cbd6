/**
 * The two patterns' state machine definitions, as pure functions of the ARNs/names they use
 * (Terraform references at synth time, plain ARNs in tests or a local runtime).
 */
import { CALLBACK_DETAIL_TYPE, CALLBACK_EVENT_SOURCE } from '@fanout/shared-types';
import { INLINE_MAP_MAX_CONCURRENCY, LAMBDA_THROTTLE_RETRY, LAMBDA_TRANSIENT_RETRY, PUT_EVENTS_RETRY, PUT_EVENTS_THROTTLE_RETRY } from '../constants';
import type { Catcher, ChoiceState, FailState, MapState, PayloadTemplate, StateMachineDefinition, TaskState } from '@fanout/asl-types';
import { FAILURE_PATH, FAN_IN_STATE_NAMES, type FanInProps, LAMBDA_INVOKE_RESOURCE, failureRecordStates, fanInStates, successSelector } from './fan-in';

export const PUT_EVENTS_WAIT_RESOURCE = 'arn:aws:states:::events:putEvents.waitForTaskToken';
export { FAILURE_THRESHOLD_EXCEEDED, LAMBDA_INVOKE_RESOURCE } from './fan-in';

/**
 * State names (unique across the whole machine: the Map iterations of map-in-parallel carry their
 * slot number). `RequestCompute` puts an event and waits for the answer; it computes nothing itself.
 */
export const STATE_NAMES = {
  ...FAN_IN_STATE_NAMES,
  checkSlotCount: 'CheckSlotCount',
  slotCountMismatch: 'SlotCountMismatch',
  compute: 'Compute',
  requestCompute: 'RequestCompute',
  slots: 'ComputeSlots',
  /** Parallel branch i's Map: `ComputeSlot<i>`. */
  slot: 'ComputeSlot',
  cases: 'ComputeCases',
} as const;

/** ComputeInput `{requestId, request}` for one Map item. */
export const COMPUTE_ITEM_SELECTOR: PayloadTemplate = {
  'requestId.$': '$$.Execution.Input.requestId',
  'request.$': '$$.Map.Item.Value',
};

/** Every failure of a case (after its retries) is recorded rather than failing the whole Map. */
export const catchAllTo = (suffix: string): Catcher[] => [{ ErrorEquals: ['States.ALL'], ResultPath: FAILURE_PATH, Next: `${STATE_NAMES.identifyFailedCase}${suffix}` }];

type Transition = { Next: string } | { End: true };

/**
 * An inline Map whose iteration is the task `iterationName`, its failures caught and recorded.
 * State names must be unique in the whole machine, so each Map's inner states carry `suffix`.
 * `itemSelector` builds each iteration's ComputeInput (default: from the execution's requestId).
 */
export function inlineMap(
  itemsPath: string,
  iterationName: string,
  iteration: (suffix: string) => TaskState,
  suffix: string,
  transition: Transition,
  itemSelector: PayloadTemplate = COMPUTE_ITEM_SELECTOR,
): MapState {
  const iterationStateName = `${iterationName}${suffix}`;
  return {
    Type: 'Map',
    ItemsPath: itemsPath,
    ItemSelector: itemSelector,
    MaxConcurrency: INLINE_MAP_MAX_CONCURRENCY,
    ItemProcessor: {
      ProcessorConfig: { Mode: 'INLINE' },
      StartAt: iterationStateName,
      States: { [iterationStateName]: iteration(suffix), ...failureRecordStates(suffix) },
    },
    ...transition,
  };
}

/** What every pattern's definition is given besides its own resources. */
export interface PatternDefinitionProps extends FanInProps {
  /** The execution's own TimeoutSeconds: a backstop over every task's timeout and retries. */
  readonly executionTimeoutSeconds: number;
}

export interface MapInParallelDefinitionProps extends PatternDefinitionProps {
  /** Parallel branches; branch i maps over `$.requestSlots[i].requests`. */
  readonly slotCount: number;
  readonly computeFunctionArn: string;
  readonly computeTimeoutSeconds: number;
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

/** compute-direct for one case (its ComputeInput as the payload), by lambda:invoke; the fan-in keeps {caseId, durationMs}. */
export function directCompute(computeFunctionArn: string, computeTimeoutSeconds: number): (suffix: string) => TaskState {
  return (suffix) => ({
    Type: 'Task',
    Comment: 'compute-direct, payload only; the fan-in keeps {caseId, durationMs} of its result',
    Resource: LAMBDA_INVOKE_RESOURCE,
    Parameters: { FunctionName: computeFunctionArn, 'Payload.$': '$' },
    ResultSelector: successSelector('$.Payload'),
    TimeoutSeconds: computeTimeoutSeconds,
    Retry: [LAMBDA_TRANSIENT_RETRY, LAMBDA_THROTTLE_RETRY],
    Catch: catchAllTo(suffix),
    // A successful compute ends its iteration; only the Catch goes on to record the failure.
    End: true,
  });
}

export function mapInParallelDefinition(props: MapInParallelDefinitionProps): StateMachineDefinition {
  if (!Number.isInteger(props.slotCount) || props.slotCount < 1) throw new RangeError(`slotCount must be a whole number ≥ 1, got ${props.slotCount}`);
  const compute = directCompute(props.computeFunctionArn, props.computeTimeoutSeconds);
  const branches = Array.from({ length: props.slotCount }, (_, slot) => {
    const name = `${STATE_NAMES.slot}${slot}`;
    return { StartAt: name, States: { [name]: inlineMap(`$.requestSlots[${slot}].requests`, STATE_NAMES.compute, compute, String(slot), { End: true }) } };
  });
  const guard = slotCountGuard(props.slotCount);
  return {
    Comment: `map-in-parallel: ${props.slotCount} slots, each an inline Map invoking compute-direct; then the summary and the failure threshold`,
    StartAt: STATE_NAMES.checkSlotCount,
    TimeoutSeconds: props.executionTimeoutSeconds,
    States: {
      [STATE_NAMES.checkSlotCount]: guard.check,
      [STATE_NAMES.slotCountMismatch]: guard.mismatch,
      [STATE_NAMES.slots]: { Type: 'Parallel', Branches: branches, Next: STATE_NAMES.summarize },
      ...fanInStates(props, '$$.Execution.Input.requestSlots[*].requests[*].caseId'),
    },
  };
}

export interface MapEventBridgeCallbackDefinitionProps extends PatternDefinitionProps {
  /** The pattern's own bus (name or ARN). */
  readonly eventBusName: string;
  /** How long a case may wait for its callback before it fails with States.Timeout. */
  readonly callbackTimeoutSeconds: number;
}

export function mapEventBridgeCallbackDefinition(props: MapEventBridgeCallbackDefinitionProps): StateMachineDefinition {
  const requestCompute = (suffix: string): TaskState => ({
    Type: 'Task',
    Comment: 'puts {payload, taskToken} on the bus and waits for compute-callback to answer with the token; the fan-in keeps {caseId, durationMs} of the answer',
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
    ResultSelector: successSelector('$'),
    // No HeartbeatSeconds: compute-callback answers once and sends no heartbeats.
    TimeoutSeconds: props.callbackTimeoutSeconds,
    Retry: [PUT_EVENTS_RETRY, PUT_EVENTS_THROTTLE_RETRY],
    Catch: catchAllTo(suffix),
    End: true,
  });
  return {
    Comment: 'map-eventbridge-callback: inline Map putting one callback event per case; then the summary and the failure threshold',
    StartAt: STATE_NAMES.cases,
    TimeoutSeconds: props.executionTimeoutSeconds,
    States: {
      [STATE_NAMES.cases]: inlineMap('$.requests', STATE_NAMES.requestCompute, requestCompute, '', { Next: STATE_NAMES.summarize }),
      ...fanInStates(props, '$$.Execution.Input.requests[*].caseId'),
    },
  };
}
