import aslValidator from 'asl-validator';
import type { ChoiceRule, ChoiceState, DistributedMapState, MapState, State, StateMachineDefinition, TaskState } from '@fanout/asl-types';
import { DistributedSummaryInputSchema, ITEMS_PREFIX, RESULTS_PREFIX, parseWith } from '@fanout/shared-types';
import { BATCH_MAX_INPUT_BYTES, DISTRIBUTED_STATE_NAMES as N, type DistributedMapDefinitionProps, ITEM_READER_RESOURCE, RESULT_WRITER_RESOURCE, distributedMapDefinition } from '../src/asl/distributed-map';
import { applyTemplate, evaluatePath } from './support/payload-template';

const COMPUTE = 'arn:aws:lambda:us-east-1:123456789012:function:compute';
const SUMMARY = 'arn:aws:lambda:us-east-1:123456789012:function:summary';
const BUCKET = 'fanout-distributed-map-123456789012-us-east-1';

const props: DistributedMapDefinitionProps = {
  computeFunctionArn: COMPUTE,
  summaryFunctionArn: SUMMARY,
  computeTimeoutSeconds: 40,
  summaryTimeoutSeconds: 70,
  toleratedFailurePercentage: 0,
  executionTimeoutSeconds: 3600,
  bucketName: BUCKET,
  childExecutionType: 'EXPRESS',
  maxConcurrency: 1000,
  mapToleratedFailurePercentage: 100,
  itemsInputType: 'JSONL',
};

/** asl-validator annotates the object it checks, so it gets a copy. */
const validate = (definition: StateMachineDefinition) => aslValidator(structuredClone(definition));
const map = (definition: StateMachineDefinition, name: string) => definition.States[name] as DistributedMapState;

/** Every state, at any depth (Map processors). */
function allStates(states: Record<string, State>): [string, State][] {
  return Object.entries(states).flatMap(([name, state]): [string, State][] => (state.Type === 'Map' ? [[name, state], ...allStates(state.ItemProcessor.States)] : [[name, state]]));
}

/** Where a Choice sends this input, as Step Functions picks the first rule that holds (the rules used here: IsPresent, IsString, StringEquals, StringMatches with a trailing *, Not, And). */
function choose(choice: ChoiceState, input: Record<string, unknown>): string | undefined {
  const holds = (rule: Record<string, unknown>): boolean => {
    if ('Not' in rule) return !holds(rule['Not'] as Record<string, unknown>);
    if ('And' in rule) return (rule['And'] as Record<string, unknown>[]).every(holds);
    const name = String(rule['Variable']).slice(2);
    const value = input[name];
    if ('IsPresent' in rule) return (name in input) === rule['IsPresent'];
    if (!(name in input)) throw new Error(`States.Runtime: ${name} compared but absent`);
    if ('IsString' in rule) return (typeof value === 'string') === rule['IsString'];
    if ('StringEquals' in rule) return value === rule['StringEquals'];
    if ('StringMatches' in rule) return typeof value === 'string' && value.startsWith(String(rule['StringMatches']).replace(/\*$/, ''));
    throw new Error(`operator of ${JSON.stringify(rule)} not modelled`);
  };
  return choice.Choices.find((rule: ChoiceRule) => holds(rule as unknown as Record<string, unknown>))?.Next ?? choice.Default;
}

describe('distributedMapDefinition', () => {
  it.each([
    ['Express children, one case each', props],
    ['Express children with batches', { ...props, maxItemsPerBatch: 40 }],
    ['Standard children with a tolerated count', { ...props, childExecutionType: 'STANDARD' as const, mapToleratedFailureCount: 5, itemsInputType: 'JSON' as const }],
  ])('is valid ASL: %s', (_what, p) => {
    // act
    const result = validate(distributedMapDefinition(p));

    // assert
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('routes a request by where its cases are, refusing one with neither, both, or an items object elsewhere', () => {
    // prepare
    const definition = distributedMapDefinition(props);
    const route = (input: Record<string, unknown>) => {
      const first = choose(definition.States[N.checkRequest] as ChoiceState, input);
      return first === N.checkItemsLocation ? choose(definition.States[N.checkItemsLocation] as ChoiceState, input) : first;
    };
    const items = { requestId: 'r', itemsBucket: BUCKET, itemsKey: `${ITEMS_PREFIX}r.jsonl` };

    // act / assert
    expect(route({ requestId: 'r', requests: [], length: '0' })).toBe(N.requestCases);
    expect(route(items)).toBe(N.itemsCases);
    expect(route({ requests: [] })).toBe(N.invalidRequest);
    expect(route({ requestId: 'r' })).toBe(N.invalidRequest);
    expect(route({ ...items, requests: [] })).toBe(N.invalidRequest);
    expect(route({ ...items, itemsBucket: 'another-bucket' })).toBe(N.invalidRequest);
    expect(route({ ...items, itemsKey: `${RESULTS_PREFIX}/r.jsonl` })).toBe(N.invalidRequest);
    expect(route({ requestId: 'r', itemsKey: items.itemsKey })).toBe(N.invalidRequest);
    expect(route({ ...items, itemsBucket: 7 })).toBe(N.invalidRequest);
    expect(definition.States[N.invalidRequest]).toMatchObject({ Type: 'Fail', Error: 'InvalidRequest', Cause: expect.stringContaining(BUCKET) });
  });

  it('runs one Express child per case from the request or an items object, with the configured concurrency and tolerance, results to the bucket', () => {
    // act
    const definition = distributedMapDefinition(props);

    // assert
    for (const name of [N.requestCases, N.itemsCases]) {
      expect(map(definition, name)).toMatchObject({
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } },
        ItemSelector: { 'requestId.$': '$$.Execution.Input.requestId', 'request.$': '$$.Map.Item.Value' },
        Label: name,
        MaxConcurrency: 1000,
        ToleratedFailurePercentage: 100,
        ResultWriter: { Resource: RESULT_WRITER_RESOURCE, Parameters: { Bucket: BUCKET, Prefix: RESULTS_PREFIX } },
        Next: N.summarize,
      });
      expect(map(definition, name).ItemBatcher).toBeUndefined();
    }
    expect(map(definition, N.requestCases).ItemsPath).toBe('$.requests');
    expect(map(definition, N.itemsCases).ItemReader).toEqual({ Resource: ITEM_READER_RESOURCE, ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: BUCKET, 'Key.$': '$.itemsKey' } });
  });

  it("gives each child the inline patterns' compute: compute-direct by lambda:invoke, retried, every failure caught and recorded", () => {
    // act
    const child = map(distributedMapDefinition(props), N.itemsCases).ItemProcessor;
    const compute = child.States[child.StartAt] as TaskState;

    // assert
    expect(child.StartAt).toBe(`${N.compute}${N.itemsSuffix}`);
    expect(compute).toMatchObject({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: COMPUTE, 'Payload.$': '$' }, TimeoutSeconds: 40, End: true });
    expect(compute.Retry?.map((r) => r.ErrorEquals[0])).toEqual(['Lambda.ServiceException', 'Lambda.TooManyRequestsException']);
    expect(compute.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: `IdentifyFailedCase${N.itemsSuffix}` }]);
    expect(Object.keys(child.States)).toEqual([`${N.compute}${N.itemsSuffix}`, `IdentifyFailedCase${N.itemsSuffix}`, `RecordFailure${N.itemsSuffix}`, `RecordUnidentifiedFailure${N.itemsSuffix}`]);
  });

  it('with a batch: an ItemBatcher carrying the requestId, and an inline Map over the Items in each child', () => {
    // act
    const requestMap = map(distributedMapDefinition({ ...props, maxItemsPerBatch: 25 }), N.requestCases);
    const inline = requestMap.ItemProcessor.States[N.batch] as MapState;

    // assert
    expect(requestMap.ItemBatcher).toEqual({ MaxItemsPerBatch: 25, MaxInputBytesPerBatch: BATCH_MAX_INPUT_BYTES, BatchInput: { 'requestId.$': '$.requestId' } });
    expect(requestMap.ItemSelector).toBeUndefined();
    expect(inline).toMatchObject({ Type: 'Map', ItemsPath: '$.Items', ItemSelector: { 'requestId.$': '$.BatchInput.requestId', 'request.$': '$$.Map.Item.Value' }, ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' } }, End: true });
    // A child's ComputeInput, as its inline Map builds it from the batch Step Functions hands it.
    const batchInput = { Items: [{ caseId: '7' }], BatchInput: { requestId: 'r' } };
    expect(applyTemplate(inline.ItemSelector, batchInput, { Map: { Item: { Value: batchInput.Items[0], Index: 0 } } })).toEqual({ requestId: 'r', request: { caseId: '7' } });
  });

  it("builds the Summary's input from the Map's output and the request, as DistributedSummaryInput requires", () => {
    // prepare
    const definition = distributedMapDefinition(props);
    const mapOutput = { MapRunArn: 'arn:aws:states:us-east-1:123456789012:mapRun:m/ComputeItemsCases:0f', ResultWriterDetails: { Bucket: BUCKET, Key: 'results/0f/manifest.json' } };
    const inline = { requestId: 'r', requests: [{ caseId: '0' }, { caseId: '1' }], length: '2' };
    const items = { requestId: 'r', itemsBucket: BUCKET, itemsKey: 'inputs/r.jsonl' };

    // act
    const fromRequest = applyTemplate(map(definition, N.requestCases).ResultSelector, mapOutput, { Execution: { Input: inline } });
    const fromItems = applyTemplate(map(definition, N.itemsCases).ResultSelector, mapOutput, { Execution: { Input: items } });
    const summarize = definition.States[N.summarize] as TaskState;

    // assert
    expect(parseWith(DistributedSummaryInputSchema, fromRequest, 'test', 'input')).toEqual({ requestId: 'r', resultWriterDetails: mapOutput.ResultWriterDetails, expectedCaseIds: ['0', '1'] });
    expect(parseWith(DistributedSummaryInputSchema, fromItems, 'test', 'input')).toEqual({ requestId: 'r', resultWriterDetails: mapOutput.ResultWriterDetails, items: { bucket: BUCKET, key: 'inputs/r.jsonl', inputType: 'JSONL' } });
    expect(summarize.Parameters).toEqual({ FunctionName: SUMMARY, 'Payload.$': '$' });
    expect(evaluatePath('$$.Execution.Input.requests[*].caseId', {}, { Execution: { Input: { ...inline, requests: [] } } })).toEqual([]);
    expect(definition.States[N.checkFailureThreshold]).toMatchObject({ Choices: [{ Variable: '$.unfinishedPercentage', NumericGreaterThan: 0 }] });
  });

  it('keeps state names unique across the whole machine, every Task with a timeout and a Retry', () => {
    // act
    const states = allStates(distributedMapDefinition({ ...props, maxItemsPerBatch: 10 }).States);
    const names = states.map(([name]) => name);

    // assert
    expect(new Set(names).size).toBe(names.length);
    for (const [name, state] of states.filter(([, s]) => s.Type === 'Task') as [string, TaskState][]) {
      expect([name, state.TimeoutSeconds, (state.Retry?.length ?? 0) > 0]).toEqual([name, expect.any(Number), true]);
    }
  });
});
