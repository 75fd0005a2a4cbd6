import aslValidator from 'asl-validator';
import { AWS_LIMITS, FAN_IN_ASSUMPTIONS, type PatternId, SummaryInputSchema, estimateExecution, parseWith, patternCeilings, payloadBytes } from '@fanout/shared-types';
import type { ChoiceRule, ChoiceState, FailState, MapState, PassState, State, StateMachineDefinition, TaskState } from '@fanout/asl-types';
import { FAILURE_THRESHOLD_EXCEEDED, STATE_NAMES, mapEventBridgeCallbackDefinition, mapInParallelDefinition } from '../src/asl/definitions';
import { applyTemplate, evaluatePath } from './support/payload-template';

const COMPUTE = 'arn:aws:lambda:us-east-1:123456789012:function:fanout-map-in-parallel-compute-direct';
const SUMMARY = 'arn:aws:lambda:us-east-1:123456789012:function:fanout-map-eventbridge-callback-summary';
const common = { summaryFunctionArn: SUMMARY, summaryTimeoutSeconds: 70, executionTimeoutSeconds: 3600 };

function definitionOf(pattern: PatternId, toleratedFailurePercentage = 0): StateMachineDefinition {
  return pattern === 'map-in-parallel'
    ? mapInParallelDefinition({ ...common, toleratedFailurePercentage, slotCount: 3, computeFunctionArn: COMPUTE, computeTimeoutSeconds: 40 })
    : mapEventBridgeCallbackDefinition({ ...common, toleratedFailurePercentage, eventBusName: 'bus', callbackTimeoutSeconds: 300 });
}

/** The iteration states of the pattern's (first) Map. */
function iteration(definition: StateMachineDefinition): Record<string, State> {
  const first = definition.States[STATE_NAMES.slots] ?? definition.States[STATE_NAMES.cases];
  const map = first?.Type === 'Parallel' ? (first.Branches[0]?.States['ComputeSlot0'] as MapState) : (first as MapState);
  return map.ItemProcessor.States;
}

const taskOf = (states: Record<string, State>) => Object.values(states).find((s): s is TaskState => s.Type === 'Task') as TaskState;
const stateNamed = <T extends State>(states: Record<string, State>, prefix: string) => Object.entries(states).find(([name]) => name.startsWith(prefix)) as [string, T];

/** A computing Lambda's ComputeResult as the task sees it: wrapped in Payload for lambda:invoke, bare for a callback. */
function taskResult(pattern: PatternId, caseId: string, durationMs: number): unknown {
  const result = { requestId: '123456', request: { caseId }, durationMs, state: 'SUCCEEDED' };
  return pattern === 'map-in-parallel' ? { ExecutedVersion: '$LATEST', Payload: result, StatusCode: 200 } : result;
}

/** A path's value, or undefined when it matches nothing (what a Choice's IsPresent tests). */
function valueAt(path: string, input: unknown): unknown {
  try {
    return evaluatePath(path, input, {});
  } catch {
    return undefined;
  }
}

/** Where a Choice goes for `input`, with the comparisons the definitions use (rules in order, as AWS evaluates them). */
function choose(state: ChoiceState, input: unknown): string {
  const holds = (rule: Omit<ChoiceRule, 'Next'>): boolean => {
    if ('Not' in rule) return !holds(rule.Not as Omit<ChoiceRule, 'Next'>);
    const value = valueAt((rule as { Variable: string }).Variable, input);
    if ('IsPresent' in rule) return rule.IsPresent === (value !== undefined);
    if ('IsString' in rule) return rule.IsString === (typeof value === 'string');
    if ('NumericGreaterThan' in rule) return typeof value === 'number' && value > Number(rule.NumericGreaterThan);
    throw new Error(`comparison not modelled: ${JSON.stringify(rule)}`);
  };
  return state.Choices.find((rule) => holds(rule))?.Next ?? state.Default ?? 'States.NoChoiceMatched';
}

describe.each(['map-in-parallel', 'map-eventbridge-callback'] as const)('%s fan-in', (pattern) => {
  const definition = definitionOf(pattern);
  const states = iteration(definition);

  it('keeps {caseId, durationMs} of a computed case, which the summary accepts', () => {
    // act
    const outcome = applyTemplate(taskOf(states).ResultSelector, taskResult(pattern, '7', 5003), {});

    // assert
    expect(outcome).toEqual({ caseId: '7', durationMs: 5003 });
    expect(() => parseWith(SummaryInputSchema, { requestId: 'r1', expectedCaseIds: ['7'], results: [outcome] }, 'fan-in', 'summary input')).not.toThrow();
  });

  it.each([
    ['a case with a string caseId', { caseId: '7' }, 'RecordFailure', { caseId: '7', error: 'ComputationFailed' }],
    ['a case without caseId', { colour: 'red' }, 'RecordUnidentifiedFailure', { error: 'ComputationFailed' }],
    ['a case whose caseId is a number', { caseId: 7 }, 'RecordUnidentifiedFailure', { error: 'ComputationFailed' }],
    ['an item that is not an object', 'case 7', 'RecordUnidentifiedFailure', { error: 'ComputationFailed' }],
  ])('records %s as a failure the summary accepts, without its cause', (_label, request, recordPrefix, expected) => {
    // prepare: what the Catch hands on (ResultPath $.failure)
    const caught = { requestId: 'r1', request, failure: { Error: 'ComputationFailed', Cause: '{"errorType":"ComputationFailed","errorMessage":"injected"}' } };
    const catcher = taskOf(states).Catch?.[0];
    const identify = states[catcher?.Next ?? ''] as ChoiceState;

    // act
    const next = choose(identify, caught);
    const record = states[next] as PassState;
    const outcome = applyTemplate(record.Parameters, caught, {});

    // assert
    expect(next.startsWith(recordPrefix)).toBe(true);
    expect(record.End).toBe(true);
    expect(outcome).toEqual(expected);
    expect(() => parseWith(SummaryInputSchema, { requestId: 'r1', expectedCaseIds: [], results: [outcome] }, 'fan-in', 'summary input')).not.toThrow();
  });

  it('guards the caseId type test with a presence test first (AWS cannot compare a missing field)', () => {
    const [, identify] = stateNamed<ChoiceState>(states, STATE_NAMES.identifyFailedCase);
    expect(identify.Choices[0]).toMatchObject({ Not: { Variable: '$.request.caseId', IsPresent: true } });
    expect(identify.Choices[1]).toMatchObject({ Variable: '$.request.caseId', IsString: true });
  });

  it.each([
    [0, 0, STATE_NAMES.done],
    [0, 0.01, STATE_NAMES.failureThresholdExceeded],
    [5, 5, STATE_NAMES.done],
    [5, 5.01, STATE_NAMES.failureThresholdExceeded],
    [100, 100, STATE_NAMES.done],
  ])('tolerating %f %%, a summary with %f %% unfinished goes to %s', (tolerated, unfinishedPercentage, next) => {
    // act
    const check = definitionOf(pattern, tolerated).States[STATE_NAMES.checkFailureThreshold] as ChoiceState;

    // assert
    expect(choose(check, { unfinishedPercentage })).toBe(next);
  });

  it('fails the execution with FailureThresholdExceeded and a cause that carries the counts, and bounds the whole execution', () => {
    // act
    const fail = definition.States[STATE_NAMES.failureThresholdExceeded] as FailState;
    const summarize = definition.States[STATE_NAMES.summarize] as TaskState;

    // assert
    expect(summarize.Next).toBe(STATE_NAMES.checkFailureThreshold);
    expect(definition.States[STATE_NAMES.done]).toMatchObject({ Type: 'Succeed' });
    expect(fail.Error).toBe(FAILURE_THRESHOLD_EXCEEDED);
    expect(fail.CausePath).toMatch(/^States\.Format\('.*', \$\.unfinished, \$\.requestId, \$\.failed, States\.ArrayLength\(\$\.missing\), \$\.unfinishedPercentage, 0\)$/);
    expect(definition.TimeoutSeconds).toBe(3600);
    expect(aslValidator(structuredClone(definition))).toMatchObject({ isValid: true, errors: [] });
  });
});

describe.each(['map-in-parallel', 'map-eventbridge-callback'] as const)('%s fan-in payload, measured on what the definition builds', (pattern) => {
  /** The Summarize task's effective input for these outcomes, built by the definition's own templates. */
  function summarizeInput(caseIds: string[], outcomeOf: (caseId: string) => unknown): unknown {
    const definition = definitionOf(pattern);
    const outcomes = caseIds.map(outcomeOf);
    const results = pattern === 'map-in-parallel' ? [0, 1, 2].map((slot) => outcomes.filter((_o, i) => i % 3 === slot)) : outcomes;
    const input = pattern === 'map-in-parallel' ? { requestId: '123456', requestSlots: [0, 1, 2].map((slot) => ({ requests: caseIds.filter((_c, i) => i % 3 === slot).map((caseId) => ({ caseId })) })) } : { requestId: '123456', requests: caseIds.map((caseId) => ({ caseId })), length: String(caseIds.length) };
    return applyTemplate((definition.States[STATE_NAMES.summarize] as TaskState).Parameters, results, { Execution: { Input: input } });
  }

  it('stays under 256 KiB, headroom included, at the ceiling, whether every case succeeds or every case fails', () => {
    // prepare
    const states = iteration(definitionOf(pattern));
    const success = (caseId: string) => applyTemplate(taskOf(states).ResultSelector, taskResult(pattern, caseId, 900_000), {});
    const record = stateNamed<PassState>(states, STATE_NAMES.recordFailure)[1];
    const failure = (caseId: string) => applyTemplate(record.Parameters, { request: { caseId }, failure: { Error: 'E'.repeat(FAN_IN_ASSUMPTIONS.errorNameChars) } }, {});
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i));

    // act
    const allSucceeded = payloadBytes(summarizeInput(ids(patternCeilings(pattern).maxCases), success));
    const allFailed = payloadBytes(summarizeInput(ids(patternCeilings(pattern, { failedShare: 1 }).maxCases), failure));

    // assert
    const limit = AWS_LIMITS.sfnPayloadBytes - FAN_IN_ASSUMPTIONS.headroomBytes;
    expect(allSucceeded).toBeLessThanOrEqual(limit);
    expect(allFailed).toBeLessThanOrEqual(limit);
  });

  it('is bounded from above by the shared-types estimate data-gen and the bench use', () => {
    // prepare
    const cases = Array.from({ length: 500 }, (_, i) => (i % 10 === 0 ? { caseId: String(i), failure: { error: 'ComputationFailed' } } : { caseId: String(i) }));
    const states = iteration(definitionOf(pattern));
    const record = stateNamed<PassState>(states, STATE_NAMES.recordFailure)[1];
    const outcome = (caseId: string) =>
      Number(caseId) % 10 === 0 ? applyTemplate(record.Parameters, { request: { caseId }, failure: { Error: 'ComputationFailed' } }, {}) : applyTemplate(taskOf(states).ResultSelector, taskResult(pattern, caseId, 5004), {});

    // act
    const measured = payloadBytes(summarizeInput(cases.map((c) => c.caseId), outcome));
    const estimated = estimateExecution(pattern, { requestId: '123456', cases }).fanInBytes;

    // assert: an upper bound, and a tight one (6-digit durations and the longest ARN are all it adds)
    expect(measured).toBeLessThanOrEqual(estimated);
    expect(estimated - measured).toBeLessThan(500 * 2 + FAN_IN_ASSUMPTIONS.functionArnChars);
  });

  it('would not have fit with the full ComputeResult of every case (what the fan-in carried before)', () => {
    const full = (caseId: string) => ({ requestId: '123456', request: { caseId }, durationMs: 5000, state: 'SUCCEEDED' });
    const ids = Array.from({ length: patternCeilings(pattern).maxCases }, (_, i) => String(i));
    expect(payloadBytes(summarizeInput(ids, full))).toBeGreaterThan(AWS_LIMITS.sfnPayloadBytes);
  });
});
