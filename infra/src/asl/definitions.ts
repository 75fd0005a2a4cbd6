/**
 * The two patterns' state machine definitions, as pure functions of the ARNs/names they use
 * (Terraform references at synth time, plain ARNs in tests or a local runtime).
 */
import { CALLBACK_DETAIL_TYPE, CALLBACK_EVENT_SOURCE } from '@fanout/shared-types';
import { INLINE_MAP_MAX_CONCURRENCY, LAMBDA_THROTTLE_RETRY, LAMBDA_TRANSIENT_RETRY, PUT_EVENTS_RETRY } from '../constants';
import type { Catcher, MapState, PassState, PayloadTemplate, StateMachineDefinition, TaskState } from './types';

export const LAMBDA_INVOKE_RESOURCE = 'arn:aws:states:::lambda:invoke';
export const PUT_EVENTS_WAIT_RESOURCE = 'arn:aws:states:::events:putEvents.waitForTaskToken';

/** Where a Catch puts `{Error, Cause}` in the failed iteration's input. */
const FAILURE_PATH = '$.failure';

const STATE = {
  compute: 'Compute',
  recordFailure: 'RecordFailure',
  summarize: 'Summarize',
  slots: 'ComputeSlots',
  cases: 'ComputeCases',
} as const;

/** ComputeInput `{requestId, request}` for one Map item. */
const COMPUTE_ITEM_SELECTOR: PayloadTemplate = {
  'requestId.$': '$$.Execution.Input.requestId',
  'request.$': '$$.Map.Item.Value',
};

/** Shapes a caught error into a CaseFailure so the summary still runs and counts the case. */
const recordFailure = (): PassState => ({
  Type: 'Pass',
  Comment: 'CaseFailure {requestId, request, state, error, cause} for the summary',
  Parameters: {
    'requestId.$': '$.requestId',
    'request.$': '$.request',
    state: 'FAILED',
    'error.$': `${FAILURE_PATH}.Error`,
    'cause.$': `${FAILURE_PATH}.Cause`,
  },
  End: true,
});

/** Every failure of a case (after its retries) is recorded rather than failing the whole Map. */
const catchAllTo = (recordFailureState: string): Catcher[] => [{ ErrorEquals: ['States.ALL'], ResultPath: FAILURE_PATH, Next: recordFailureState }];

type Transition = { Next: string } | { End: true };

/**
 * An inline Map whose iteration is `compute`, caught into a RecordFailure state. State names
 * must be unique in the whole machine, so each Map's inner states carry `suffix`.
 */
function inlineMap(itemsPath: string, compute: (recordFailureState: string) => TaskState, suffix: string, transition: Transition): MapState {
  const computeName = `${STATE.compute}${suffix}`;
  const recordFailureName = `${STATE.recordFailure}${suffix}`;
  return {
    Type: 'Map',
    ItemsPath: itemsPath,
    ItemSelector: COMPUTE_ITEM_SELECTOR,
    MaxConcurrency: INLINE_MAP_MAX_CONCURRENCY,
    ItemProcessor: {
      ProcessorConfig: { Mode: 'INLINE' },
      StartAt: computeName,
      States: { [computeName]: compute(recordFailureName), [recordFailureName]: recordFailure() },
    },
    ...transition,
  };
}

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
    const name = `ComputeSlot${slot}`;
    return { StartAt: name, States: { [name]: inlineMap(`$.requestSlots[${slot}].requests`, compute, String(slot), { End: true }) } };
  });
  return {
    Comment: `map-in-parallel: ${props.slotCount} slots, each an inline Map invoking compute-direct; then the summary`,
    StartAt: STATE.slots,
    States: {
      [STATE.slots]: { Type: 'Parallel', Branches: branches, Next: STATE.summarize },
      [STATE.summarize]: summaryTask(props.summaryFunctionArn, '$$.Execution.Input.requestSlots[*].requests[*].caseId', props.summaryTimeoutSeconds),
    },
  };
}

export interface MapEventBridgeCallbackDefinitionProps {
  /** The pattern's own bus (name or ARN). */
  readonly eventBusName: string;
  readonly summaryFunctionArn: string;
  /** How long a case may wait for its callback before it fails with States.Timeout. */
  readonly callbackTimeoutSeconds: number;
  /** Set only when compute-callback sends heartbeats. */
  readonly callbackHeartbeatSeconds?: number;
  readonly summaryTimeoutSeconds: number;
}

export function mapEventBridgeCallbackDefinition(props: MapEventBridgeCallbackDefinitionProps): StateMachineDefinition {
  const compute = (recordFailureState: string): TaskState => ({
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
    TimeoutSeconds: props.callbackTimeoutSeconds,
    ...(props.callbackHeartbeatSeconds === undefined ? {} : { HeartbeatSeconds: props.callbackHeartbeatSeconds }),
    Retry: [PUT_EVENTS_RETRY],
    Catch: catchAllTo(recordFailureState),
    End: true,
  });
  return {
    Comment: 'map-eventbridge-callback: inline Map putting one callback event per case; then the summary',
    StartAt: STATE.cases,
    States: {
      [STATE.cases]: inlineMap('$.requests', compute, '', { Next: STATE.summarize }),
      [STATE.summarize]: summaryTask(props.summaryFunctionArn, '$$.Execution.Input.requests[*].caseId', props.summaryTimeoutSeconds),
    },
  };
}
