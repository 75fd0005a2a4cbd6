/**
 * Compile-time tests, run by the `typecheck` target: each `@ts-expect-error` fails the build if
 * the line after it stops being an error, so loosening a type shows up here. Each rejected shape
 * sits beside an accepted one so the error is known to come from the rule under test.
 */
import type { ChoiceState, FailState, MapState, PassState, State, StateMachineDefinition, TaskState, WaitState } from '@fanout/asl-types';

const task: TaskState = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 10, End: true };

// @ts-expect-error -- a Task must state its timeout (ASL's default is 99,999,999 s)
export const taskWithoutTimeout: TaskState = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };

// @ts-expect-error -- Next and End together
export const nextAndEnd: PassState = { Type: 'Pass', Next: 'B', End: true };

// @ts-expect-error -- neither Next nor End
export const noTransition: PassState = { Type: 'Pass' };

export const wrongTypeInMachine: StateMachineDefinition = {
  StartAt: 'A',
  States: {
    A: task,
    // @ts-expect-error -- Type must be one of the eight ASL state types
    B: { Type: 'Lambda', Resource: 'arn:x', TimeoutSeconds: 10, End: true },
  },
};

// @ts-expect-error -- a Map needs its ItemProcessor
export const mapWithoutProcessor: MapState = { Type: 'Map', ItemsPath: '$.items', End: true };

const inlineMap: MapState = { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'T', States: { T: task } }, End: true };

export const distributedMap: MapState = {
  ...inlineMap,
  // @ts-expect-error -- only the inline Map is in scope
  ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'T', States: { T: task } },
};

// @ts-expect-error -- MaxConcurrency and MaxConcurrencyPath exclude each other
export const twoConcurrencies: MapState = { ...inlineMap, MaxConcurrency: 5, MaxConcurrencyPath: '$.n' };

export const waits: WaitState[] = [
  { Type: 'Wait', Seconds: 5, Next: 'B' },
  { Type: 'Wait', TimestampPath: '$.at', End: true },
];

// @ts-expect-error -- a Wait takes one of Seconds, SecondsPath, Timestamp, TimestampPath
export const twoWaits: WaitState = { Type: 'Wait', Seconds: 5, SecondsPath: '$.s', End: true };

const choice: ChoiceState = {
  Type: 'Choice',
  Choices: [
    { Variable: '$.n', NumericGreaterThan: 3, Next: 'Big' },
    { And: [{ Variable: '$.s', StringEquals: 'x' }, { Not: { Variable: '$.t', IsPresent: true } }], Next: 'Odd' },
  ],
  Default: 'Small',
};

// @ts-expect-error -- a Choice goes on through its rules, not Next
export const choiceWithNext: State = { ...choice, Next: 'Other' };

export const wrongOperand: ChoiceState = {
  Type: 'Choice',
  // @ts-expect-error -- NumericEquals compares with a number
  Choices: [{ Variable: '$.n', NumericEquals: '3', Next: 'A' }],
};

export const fail: FailState = { Type: 'Fail', Error: 'Boom', CausePath: '$.cause' };

// @ts-expect-error -- Error and ErrorPath exclude each other
export const twoErrors: FailState = { Type: 'Fail', Error: 'Boom', ErrorPath: '$.error' };

export const retryWithoutErrors: TaskState = {
  ...task,
  // @ts-expect-error -- a Retrier names the errors it retries
  Retry: [{ MaxAttempts: 2 }],
};
