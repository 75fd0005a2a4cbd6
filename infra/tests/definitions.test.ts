import aslValidator from 'asl-validator';
import { CALLBACK_DETAIL_TYPE, CALLBACK_EVENT_SOURCE, CallbackDetailSchema, SummaryInputSchema, parseWith } from '@fanout/shared-types';
import { SLOT_COUNT_MISMATCH, STATE_NAMES, mapEventBridgeCallbackDefinition, mapInParallelDefinition } from '../src/asl/definitions';
import type { ChoiceState, FailState, MapState, ParallelState, State, StateMachineDefinition, TaskState } from '@fanout/asl-types';
import { LAMBDA_TRANSIENT_RETRY, PUT_EVENTS_RETRY, PUT_EVENTS_THROTTLE_RETRY } from '../src/constants';
import { applyTemplate, evaluatePath } from './support/payload-template';

const COMPUTE = 'arn:aws:lambda:us-east-1:123456789012:function:compute';
const SUMMARY = 'arn:aws:lambda:us-east-1:123456789012:function:summary';

/** asl-validator annotates the object it checks, so it gets a copy. */
function validate(definition: StateMachineDefinition): { isValid: boolean; errors: unknown[] } {
  return aslValidator(structuredClone(definition));
}

function parallel(definition: StateMachineDefinition): ParallelState {
  return definition.States['ComputeSlots'] as ParallelState;
}

/** The Task states that run once per Map item. */
function iterationTasks(states: Record<string, State>): [string, TaskState][] {
  return allStates(states)
    .flatMap(([, state]) => (state.Type === 'Map' ? Object.entries(state.ItemProcessor.States) : []))
    .filter((entry): entry is [string, TaskState] => entry[1].Type === 'Task');
}

/** The summary Lambda's payload as Step Functions would build it from the execution input and the fan-out's output. */
function summaryPayload(definition: StateMachineDefinition, executionInput: unknown, fanOutOutput: unknown): unknown {
  const summarize = definition.States[STATE_NAMES.summarize] as TaskState;
  return applyTemplate(summarize.Parameters?.['Payload'], fanOutOutput, { Execution: { Input: executionInput } });
}

const succeeded = (caseId: string) => ({ caseId, durationMs: 5 });

/** Every state, at any depth (Parallel branches, Map processors). */
function allStates(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]): [string, State][] => {
    if (state.Type === 'Parallel') return [[name, state], ...state.Branches.flatMap((b) => allStates(b.States))];
    if (state.Type === 'Map') return [[name, state], ...allStates(state.ItemProcessor.States)];
    return [[name, state]];
  });
}

describe('both definitions', () => {
  const definitions = {
    'map-in-parallel': mapInParallelDefinition({ slotCount: 3, computeFunctionArn: COMPUTE, summaryFunctionArn: SUMMARY, computeTimeoutSeconds: 40, summaryTimeoutSeconds: 70, toleratedFailurePercentage: 0, executionTimeoutSeconds: 3600 }),
    'map-eventbridge-callback': mapEventBridgeCallbackDefinition({ eventBusName: 'bus', summaryFunctionArn: SUMMARY, callbackTimeoutSeconds: 300, summaryTimeoutSeconds: 70, toleratedFailurePercentage: 0, executionTimeoutSeconds: 3600 }),
  };

  it.each(Object.entries(definitions))('%s: every Task has a TimeoutSeconds and a Retry; every iteration Task is caught', (_id, definition) => {
    // Act
    const tasks = allStates(definition.States).filter((entry): entry is [string, TaskState] => entry[1].Type === 'Task');
    const iterations = iterationTasks(definition.States);

    // Assert
    expect(tasks.length).toBeGreaterThan(1);
    expect(iterations.length).toBeGreaterThan(0);
    for (const [name, task] of tasks) {
      expect([name, task.TimeoutSeconds]).toEqual([name, expect.any(Number)]);
      expect(task.Retry?.length).toBeGreaterThan(0);
    }
    for (const [name, task] of iterations) expect([name, task.Catch?.[0]?.ErrorEquals]).toEqual([name, ['States.ALL']]);
  });

  it.each(Object.entries(definitions))('%s: state names are unique across the whole machine', (_id, definition) => {
    // Act
    const names = allStates(definition.States).map(([name]) => name);

    // Assert
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('mapInParallelDefinition', () => {
  const props = { slotCount: 3, computeFunctionArn: COMPUTE, summaryFunctionArn: SUMMARY, computeTimeoutSeconds: 40, summaryTimeoutSeconds: 70, toleratedFailurePercentage: 0, executionTimeoutSeconds: 3600 };

  it.each([1, 3, 7])('refuses, before computing anything, a request without exactly %i slots', (slotCount) => {
    // act
    const definition = mapInParallelDefinition({ ...props, slotCount });
    const check = definition.States[STATE_NAMES.checkSlotCount] as ChoiceState;
    const mismatch = definition.States[STATE_NAMES.slotCountMismatch] as FailState;

    // assert: slot N present (too many) or slot N−1 absent (too few) → the Fail state; else the Parallel
    expect(definition.StartAt).toBe(STATE_NAMES.checkSlotCount);
    expect(check.Choices).toEqual([
      { Variable: `$.requestSlots[${slotCount}]`, IsPresent: true, Next: STATE_NAMES.slotCountMismatch },
      { Variable: `$.requestSlots[${slotCount - 1}]`, IsPresent: false, Next: STATE_NAMES.slotCountMismatch },
    ]);
    expect(check.Default).toBe(STATE_NAMES.slots);
    expect(mismatch).toMatchObject({ Type: 'Fail', Error: SLOT_COUNT_MISMATCH, Cause: expect.stringContaining(`--slots=${slotCount}`) });
  });

  it.each([1, 3, 7])('is valid ASL with %i Parallel branches, branch i mapping over requestSlots[i]', (slotCount) => {
    // Act
    const definition = mapInParallelDefinition({ ...props, slotCount });

    // Assert
    expect(validate(definition)).toMatchObject({ isValid: true, errors: [] });
    const branches = parallel(definition).Branches;
    expect(branches).toHaveLength(slotCount);
    branches.forEach((branch, i) => {
      const map = branch.States[branch.StartAt] as MapState;
      expect(map.ItemsPath).toBe(`$.requestSlots[${i}].requests`);
      expect(map.ItemProcessor.ProcessorConfig).toEqual({ Mode: 'INLINE' });
    });
  });

  it('builds ComputeInput with the ItemSelector and invokes compute-direct by lambda:invoke, payload only', () => {
    // Act
    const map = parallel(mapInParallelDefinition(props)).Branches[1]?.States['ComputeSlot1'] as MapState;
    const compute = map.ItemProcessor.States['Compute1'] as TaskState;

    // Assert
    expect(map.ItemSelector).toEqual({ 'requestId.$': '$$.Execution.Input.requestId', 'request.$': '$$.Map.Item.Value' });
    expect(compute.Resource).toBe('arn:aws:states:::lambda:invoke');
    expect(compute.Parameters).toEqual({ FunctionName: COMPUTE, 'Payload.$': '$' });
    // The fan-in keeps what the summary needs of the ComputeResult, nothing more.
    expect(compute.ResultSelector).toEqual({ 'caseId.$': '$.Payload.request.caseId', 'durationMs.$': '$.Payload.durationMs' });
    expect(compute).not.toHaveProperty('OutputPath');
    expect(compute.TimeoutSeconds).toBe(40);
    expect(compute.Retry?.[0]).toEqual(LAMBDA_TRANSIENT_RETRY);
    expect(compute.Retry?.flatMap((r) => r.ErrorEquals)).not.toEqual(expect.arrayContaining(['ValidationError', 'ComputationFailed', 'States.ALL']));
  });

  it('catches every failure and records it, so the summary still runs', () => {
    // Act
    const map = parallel(mapInParallelDefinition(props)).Branches[0]?.States['ComputeSlot0'] as MapState;
    const compute = map.ItemProcessor.States['Compute0'] as TaskState;

    // Assert
    expect(compute.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'IdentifyFailedCase0' }]);
    expect(Object.keys(map.ItemProcessor.States).sort()).toEqual(['Compute0', 'IdentifyFailedCase0', 'RecordFailure0', 'RecordUnidentifiedFailure0']);
  });

  it('hands the summary {requestId, expectedCaseIds, results}; its paths pick the right values from a slotted request', () => {
    // Arrange
    const input = { requestId: '123456', requestSlots: [{ requests: [{ caseId: '0' }, { caseId: '1' }] }, { requests: [{ caseId: '2' }] }, { requests: [] }] };

    // Act
    const summary = mapInParallelDefinition(props).States['Summarize'] as TaskState;
    const payload = summary.Parameters?.['Payload'] as Record<string, string>;

    // Assert
    expect(summary.Resource).toBe('arn:aws:states:::lambda:invoke');
    expect(summary.Parameters?.['FunctionName']).toBe(SUMMARY);
    expect(summary.TimeoutSeconds).toBe(70);
    expect(payload['results.$']).toBe('$');
    const context = { Execution: { Input: input } };
    expect(evaluatePath(payload['requestId.$'] ?? '', {}, context)).toBe('123456');
    expect(evaluatePath(payload['expectedCaseIds.$'] ?? '', {}, context)).toEqual(['0', '1', '2']);
  });

  it.each([
    ['no case', [[], [], []], [[], [], []], []],
    ['one case', [[{ caseId: '0' }], [], []], [[succeeded('0')], [], []], ['0']],
  ])('gives the summary a valid SummaryInput for %s (expectedCaseIds an array, as AWS returns for [*])', (_label, slots, branchResults, expected) => {
    // Arrange
    const input = { requestId: 'r1', requestSlots: slots.map((requests) => ({ requests })) };

    // Act
    const payload = summaryPayload(mapInParallelDefinition(props), input, branchResults);

    // Assert
    expect(payload).toEqual({ requestId: 'r1', expectedCaseIds: expected, results: branchResults });
    expect(() => parseWith(SummaryInputSchema, payload, 'Summarize', 'summary input')).not.toThrow();
  });

  it('rejects a slot count below one', () => {
    expect(() => mapInParallelDefinition({ ...props, slotCount: 0 })).toThrow('slotCount must be a whole number ≥ 1');
  });
});

describe('mapEventBridgeCallbackDefinition', () => {
  const props = { eventBusName: 'fanout-bus', summaryFunctionArn: SUMMARY, callbackTimeoutSeconds: 300, summaryTimeoutSeconds: 70, toleratedFailurePercentage: 0, executionTimeoutSeconds: 3600 };

  it('is valid ASL: an inline Map over $.requests putting {payload, taskToken} and waiting for the token', () => {
    // Act
    const definition = mapEventBridgeCallbackDefinition(props);
    const map = definition.States['ComputeCases'] as MapState;
    const compute = map.ItemProcessor.States['RequestCompute'] as TaskState;

    // Assert
    expect(validate(definition)).toMatchObject({ isValid: true, errors: [] });
    expect(map.ItemProcessor.StartAt).toBe('RequestCompute');
    expect(map.ItemsPath).toBe('$.requests');
    expect(map.Next).toBe('Summarize');
    expect(compute.Resource).toBe('arn:aws:states:::events:putEvents.waitForTaskToken');
    expect(compute.Parameters).toEqual({
      Entries: [{ EventBusName: 'fanout-bus', Source: CALLBACK_EVENT_SOURCE, DetailType: CALLBACK_DETAIL_TYPE, Detail: { 'payload.$': '$', 'taskToken.$': '$$.Task.Token' } }],
    });
    expect(compute.Catch?.[0]?.Next).toBe('IdentifyFailedCase');
    expect(compute.ResultSelector).toEqual({ 'caseId.$': '$.request.caseId', 'durationMs.$': '$.durationMs' });
  });

  it('puts a detail that compute-callback accepts as a CallbackDetail', () => {
    // Arrange
    const map = mapEventBridgeCallbackDefinition(props).States['ComputeCases'] as MapState;
    const compute = map.ItemProcessor.States['RequestCompute'] as TaskState;
    const context = { Execution: { Input: { requestId: 'r1' } }, Map: { Item: { Value: { caseId: '3', durationMs: 10 } } }, Task: { Token: 'tok' } };
    const iterationInput = applyTemplate(map.ItemSelector, {}, context);

    // Act
    const entries = applyTemplate(compute.Parameters?.['Entries'], iterationInput, context) as { Detail: unknown }[];

    // Assert
    expect(parseWith(CallbackDetailSchema, entries[0]?.Detail, 'Detail', 'callback detail')).toEqual({ payload: { requestId: 'r1', request: { caseId: '3', durationMs: 10 } }, taskToken: 'tok' });
  });

  it('bounds the wait with TimeoutSeconds and sets no HeartbeatSeconds (compute-callback sends none)', () => {
    // Act
    const task = (mapEventBridgeCallbackDefinition({ ...props, callbackTimeoutSeconds: 120 }).States['ComputeCases'] as MapState).ItemProcessor.States['RequestCompute'] as TaskState;

    // Assert
    expect(task.TimeoutSeconds).toBe(120);
    expect(task).not.toHaveProperty('HeartbeatSeconds');
    expect(task).not.toHaveProperty('HeartbeatSecondsPath');
    // A timed-out callback is not retried: the event was delivered, a retry would duplicate the work.
    expect(task.Retry?.flatMap((r) => r.ErrorEquals)).not.toContain('States.Timeout');
  });

  it('retries putEvents when nothing was put: failed entries, internal errors, and throttling at the API level', () => {
    // Act
    const task = (mapEventBridgeCallbackDefinition(props).States['ComputeCases'] as MapState).ItemProcessor.States['RequestCompute'] as TaskState;

    // Assert
    expect(task.Retry).toEqual([PUT_EVENTS_RETRY, PUT_EVENTS_THROTTLE_RETRY]);
    expect(task.Retry?.flatMap((r) => r.ErrorEquals)).toEqual(['EventBridge.FailedEntry', 'EventBridge.InternalException', 'EventBridge.ThrottlingException', 'EventBridge.AmazonEventBridgeException']);
    expect(PUT_EVENTS_THROTTLE_RETRY).toMatchObject({ JitterStrategy: 'FULL', MaxDelaySeconds: 30 });
  });

  it.each([
    ['two cases', [{ caseId: '0' }, { caseId: '1' }], [succeeded('0'), succeeded('1')], ['0', '1']],
    ['one case', [{ caseId: '0' }], [succeeded('0')], ['0']],
    ['no case', [], [], []],
  ])('gives the summary a valid SummaryInput for %s, expectedCaseIds taken from the flat request', (_label, requests, mapOutput, expected) => {
    // Arrange
    const input = { requestId: 'r1', requests, length: String(requests.length) };

    // Act
    const payload = summaryPayload(mapEventBridgeCallbackDefinition(props), input, mapOutput);

    // Assert
    expect(payload).toEqual({ requestId: 'r1', expectedCaseIds: expected, results: mapOutput });
    expect(() => parseWith(SummaryInputSchema, payload, 'Summarize', 'summary input')).not.toThrow();
  });
});
