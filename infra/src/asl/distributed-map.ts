/**
 * distributed-map's state machine: a Standard parent whose Distributed Map runs one child
 * execution per case (or per batch) invoking compute-direct, its results written to S3 by a
 * ResultWriter, then the Summary (which reads them back) and the failure threshold. One machine
 * takes both requests: the cases inline (`requests`, when they fit in 256 KiB) or an items
 * object in the stack's bucket (`itemsBucket`, `itemsKey` under `inputs/`), told apart by a Choice.
 */
import { ITEMS_PREFIX, type ItemsInputType, RESULTS_PREFIX } from '@fanout/shared-types';
import type { ChoiceState, DistributedMapState, FailState, PayloadTemplate, State, StateMachineDefinition, StatesBlock } from '@fanout/asl-types';
import type { ChildExecutionType } from '../config-distributed';
import { COMPUTE_ITEM_SELECTOR, type PatternDefinitionProps, STATE_NAMES, directCompute, inlineMap } from './definitions';
import { FAN_IN_STATE_NAMES, failureRecordStates, summarizeTask, thresholdStates } from './fan-in';

export const ITEM_READER_RESOURCE = 'arn:aws:states:::s3:getObject';
export const RESULT_WRITER_RESOURCE = 'arn:aws:states:::s3:putObject';
/**
 * The most bytes of one batch. A batched child returns one outcome per case, and an outcome can
 * be nearly four times its case (`{"caseId":"7"}` → `{"caseId":"7","error":"<a 40-character
 * name>"}`), so a quarter of the 256 KiB a child's output may hold keeps the output within it.
 */
export const BATCH_MAX_INPUT_BYTES = 65_536;

/** Error of an execution whose request names neither inline cases nor an items object of this stack. */
export const INVALID_REQUEST = 'InvalidRequest';

export const DISTRIBUTED_STATE_NAMES = {
  ...FAN_IN_STATE_NAMES,
  checkRequest: 'CheckRequest',
  checkItemsLocation: 'CheckItemsLocation',
  invalidRequest: 'InvalidRequest',
  /** The Distributed Maps (and their Map Runs' labels) over inline cases and over an items object. */
  requestCases: 'ComputeRequestCases',
  itemsCases: 'ComputeItemsCases',
  /** A batched child's inline Map over its Items. */
  batch: 'ComputeBatch',
  compute: STATE_NAMES.compute,
  /** Suffix of the items Map's child states: state names are unique across the whole machine. */
  itemsSuffix: 'FromItems',
} as const;

export interface DistributedMapDefinitionProps extends PatternDefinitionProps {
  readonly computeFunctionArn: string;
  readonly computeTimeoutSeconds: number;
  /** The stack's bucket: items are read from `inputs/`, results written under `results/`. */
  readonly bucketName: string;
  readonly childExecutionType: ChildExecutionType;
  readonly maxConcurrency: number;
  readonly maxItemsPerBatch?: number;
  readonly mapToleratedFailurePercentage: number;
  readonly mapToleratedFailureCount?: number;
  readonly itemsInputType: ItemsInputType;
}

/**
 * What a child execution runs: compute-direct for its case, every failure recorded as the inline
 * patterns record it (so a child succeeds whatever its case did); with a batch, an inline Map over
 * its Items doing the same for each, its requestId from the batch's BatchInput.
 */
function childWorkflow(props: DistributedMapDefinitionProps, suffix: string): StatesBlock {
  const compute = directCompute(props.computeFunctionArn, props.computeTimeoutSeconds);
  if (props.maxItemsPerBatch === undefined) {
    const name = `${DISTRIBUTED_STATE_NAMES.compute}${suffix}`;
    return { StartAt: name, States: { [name]: compute(suffix), ...failureRecordStates(suffix) } };
  }
  const name = `${DISTRIBUTED_STATE_NAMES.batch}${suffix}`;
  const batchSelector: PayloadTemplate = { 'requestId.$': '$.BatchInput.requestId', 'request.$': '$$.Map.Item.Value' };
  return { StartAt: name, States: { [name]: inlineMap('$.Items', DISTRIBUTED_STATE_NAMES.compute, compute, suffix, { End: true }, batchSelector) } };
}

/**
 * One Distributed Map: its items from `source` (ItemsPath or ItemReader), each item — or batch —
 * a child execution; results through ResultWriter; its output reshaped into the Summary's input.
 */
function distributedMap(props: DistributedMapDefinitionProps, label: string, suffix: string, source: Pick<DistributedMapState, 'ItemsPath'> | Pick<DistributedMapState, 'ItemReader'>, expected: PayloadTemplate): DistributedMapState {
  const batched = props.maxItemsPerBatch !== undefined;
  return {
    Type: 'Map',
    Comment: `one ${props.childExecutionType} child execution per ${batched ? `batch of up to ${props.maxItemsPerBatch} cases` : 'case'}; results to s3://<bucket>/${RESULTS_PREFIX}/`,
    ...source,
    ...(batched
      ? { ItemBatcher: { MaxItemsPerBatch: props.maxItemsPerBatch as number, MaxInputBytesPerBatch: BATCH_MAX_INPUT_BYTES, BatchInput: { 'requestId.$': '$.requestId' } } }
      : { ItemSelector: COMPUTE_ITEM_SELECTOR }),
    ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: props.childExecutionType }, ...childWorkflow(props, suffix) },
    Label: label,
    MaxConcurrency: props.maxConcurrency,
    ToleratedFailurePercentage: props.mapToleratedFailurePercentage,
    ...(props.mapToleratedFailureCount === undefined ? {} : { ToleratedFailureCount: props.mapToleratedFailureCount }),
    ResultWriter: { Resource: RESULT_WRITER_RESOURCE, Parameters: { Bucket: props.bucketName, Prefix: RESULTS_PREFIX } },
    // The Map's output is {MapRunArn, ResultWriterDetails}: with the request, what the Summary needs.
    ResultSelector: { 'requestId.$': '$$.Execution.Input.requestId', 'resultWriterDetails.$': '$.ResultWriterDetails', ...expected },
    Next: DISTRIBUTED_STATE_NAMES.summarize,
  };
}

/**
 * The request is checked before anything runs: a missing requestId would fail Summarize after
 * every case ran, and an items object elsewhere than this bucket's `inputs/` could not be read
 * (the role may read nothing else). Each rule guards the next, since a comparison on a missing
 * field fails the execution with States.Runtime.
 */
function requestGuard(props: DistributedMapDefinitionProps): Record<string, ChoiceState | FailState> {
  const names = DISTRIBUTED_STATE_NAMES;
  const checkRequest: ChoiceState = {
    Type: 'Choice',
    Comment: 'cases inline (requests) or an items object (itemsBucket, itemsKey)',
    Choices: [
      { Not: { Variable: '$.requestId', IsPresent: true }, Next: names.invalidRequest },
      { Variable: '$.itemsKey', IsPresent: true, Next: names.checkItemsLocation },
      { Variable: '$.itemsBucket', IsPresent: true, Next: names.checkItemsLocation },
      { Variable: '$.requests', IsPresent: true, Next: names.requestCases },
    ],
    Default: names.invalidRequest,
  };
  const checkItemsLocation: ChoiceState = {
    Type: 'Choice',
    Comment: `the items object must be in this stack's bucket, under ${ITEMS_PREFIX}`,
    Choices: [
      { Not: { Variable: '$.itemsBucket', IsPresent: true }, Next: names.invalidRequest },
      { Not: { Variable: '$.itemsKey', IsPresent: true }, Next: names.invalidRequest },
      { Variable: '$.requests', IsPresent: true, Next: names.invalidRequest },
      { Not: { And: [{ Variable: '$.itemsBucket', IsString: true }, { Variable: '$.itemsKey', IsString: true }] }, Next: names.invalidRequest },
      { And: [{ Variable: '$.itemsBucket', StringEquals: props.bucketName }, { Variable: '$.itemsKey', StringMatches: `${ITEMS_PREFIX}*` }], Next: names.itemsCases },
    ],
    Default: names.invalidRequest,
  };
  const invalid: FailState = {
    Type: 'Fail',
    Error: INVALID_REQUEST,
    Cause: `A distributed-map request carries a requestId and either requests (its cases, when the request fits in 256 KiB) or itemsBucket "${props.bucketName}" with an itemsKey under ${ITEMS_PREFIX} (an items object of its cases, ${props.itemsInputType}; data-gen --items writes one), never both.`,
  };
  return { [names.checkRequest]: checkRequest, [names.checkItemsLocation]: checkItemsLocation, [names.invalidRequest]: invalid };
}

export function distributedMapDefinition(props: DistributedMapDefinitionProps): StateMachineDefinition {
  const names = DISTRIBUTED_STATE_NAMES;
  const fromRequest = distributedMap(props, names.requestCases, '', { ItemsPath: '$.requests' }, { 'expectedCaseIds.$': '$$.Execution.Input.requests[*].caseId' });
  const fromItems = distributedMap(
    props,
    names.itemsCases,
    names.itemsSuffix,
    { ItemReader: { Resource: ITEM_READER_RESOURCE, ReaderConfig: { InputType: props.itemsInputType }, Parameters: { Bucket: props.bucketName, 'Key.$': '$.itemsKey' } } },
    // The Summary reads the items object itself: the execution input holds only its location.
    { items: { 'bucket.$': '$$.Execution.Input.itemsBucket', 'key.$': '$$.Execution.Input.itemsKey', inputType: props.itemsInputType } },
  );
  const states: Record<string, State> = {
    ...requestGuard(props),
    [names.requestCases]: fromRequest,
    [names.itemsCases]: fromItems,
    [names.summarize]: summarizeTask(props, { 'Payload.$': '$' }, 'DistributedSummaryInput {requestId, resultWriterDetails, expectedCaseIds | items}: the Summary reads the Map Run from S3'),
    ...thresholdStates(props),
  };
  return {
    Comment: `distributed-map: a Distributed Map of ${props.childExecutionType} child executions invoking compute-direct (items inline or from S3, results to S3); then the summary and the failure threshold`,
    StartAt: names.checkRequest,
    TimeoutSeconds: props.executionTimeoutSeconds,
    States: states,
  };
}
