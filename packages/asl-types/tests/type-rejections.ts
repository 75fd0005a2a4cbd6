/**
 * Compile-time tests, run by the `typecheck` target: each `@ts-expect-error` fails the build if
 * the line after it stops being an error, so loosening a type shows up here. Each rejected shape
 * sits beside an accepted one so the error is known to come from the rule under test.
 */
import type { ChoiceState, DistributedMapState, FailState, ItemBatcher, ItemReader, MapState, PassState, State, StateMachineDefinition, TaskState, WaitState } from '@fanout/asl-types';

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

export const distributedAsInline: MapState = {
  ...inlineMap,
  // @ts-expect-error -- MapState is the inline Map: a DISTRIBUTED processor makes a DistributedMapState
  ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'T', States: { T: task } },
};

// @ts-expect-error -- ItemReader is a Distributed Map field
export const inlineWithReader: MapState = { ...inlineMap, ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'k' } } };

const reader: ItemReader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL', MaxItems: 10 }, Parameters: { Bucket: 'b', 'Key.$': '$.key' } };

const distributed: DistributedMapState = {
  Type: 'Map',
  ItemReader: reader,
  ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'T', States: { T: task } },
  ItemSelector: { 'caseId.$': '$$.Map.Item.Value.caseId' },
  ItemBatcher: { MaxItemsPerBatch: 10, BatchInput: { 'requestId.$': '$.requestId' } },
  ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', 'Prefix.$': '$.requestId' } },
  Label: 'Cases',
  MaxConcurrency: 1000,
  ToleratedFailurePercentage: 5,
  End: true,
};

const { ItemReader: _reader, ...withoutReader } = distributed;
export const fromInput: DistributedMapState = { ...withoutReader, ItemsPath: '$.requests' };

export const withoutExecutionType: DistributedMapState = {
  ...distributed,
  // @ts-expect-error -- a Distributed Map's ProcessorConfig names its ExecutionType
  ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'T', States: { T: task } },
};

// @ts-expect-error -- items come from ItemsPath or an ItemReader, not both
export const twoSources: DistributedMapState = { ...distributed, ItemsPath: '$.requests' };

// @ts-expect-error -- ToleratedFailureCount and ToleratedFailureCountPath exclude each other
export const twoCounts: DistributedMapState = { ...distributed, ToleratedFailureCount: 1, ToleratedFailureCountPath: '$.n' };

// @ts-expect-error -- ToleratedFailurePercentage and ToleratedFailurePercentagePath exclude each other
export const twoPercentages: DistributedMapState = { ...distributed, ToleratedFailurePercentage: 1, ToleratedFailurePercentagePath: '$.p' };

// @ts-expect-error -- an ItemBatcher bounds its batches by items, bytes or both
export const unboundedBatcher: ItemBatcher = { BatchInput: { a: 1 } };

// @ts-expect-error -- MaxItemsPerBatch and MaxItemsPerBatchPath exclude each other
export const twoBatchSizes: ItemBatcher = { MaxItemsPerBatch: 10, MaxItemsPerBatchPath: '$.n' };

export const byteBatcher: ItemBatcher = { MaxInputBytesPerBatch: 65_536 };

export const csvWithoutHeaders: ItemReader = {
  ...reader,
  // @ts-expect-error -- CSVHeaderLocation GIVEN needs CSVHeaders
  ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'GIVEN' },
};

export const csvReader: ItemReader = { ...reader, ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['caseId'], CSVDelimiter: 'SEMICOLON' } };

export const writerThatReads: DistributedMapState = {
  ...distributed,
  // @ts-expect-error -- a ResultWriter writes with s3:putObject
  ResultWriter: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'results' } },
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
