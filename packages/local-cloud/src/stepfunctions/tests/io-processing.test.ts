// Expected values are the AWS Step Functions developer guide's own examples
// ("Manipulate parameters", "Specifying state output using ResultPath", "Filtering state output
// using OutputPath", "Map state" ItemSelector example, "Context object").
import { applyInputPath, applyOutputPath, applyPayloadTemplate, applyResultPath } from '../asl/payload';
import { StatesError } from '../asl/errors';
import { LAMBDA_ARN, makeEngine, runDefinition, single } from './helpers';

describe('InputPath', () => {
  it('selects dataset2 (docs example)', () => {
    // prepare
    const input = { comment: 'Example for InputPath.', dataset1: { val1: 1, val2: 2, val3: 3 }, dataset2: { val1: 'a', val2: 'b', val3: 'c' } };
    // act
    const out = applyInputPath('$.dataset2', input, 'S');
    // assert
    expect(out).toEqual({ val1: 'a', val2: 'b', val3: 'c' });
  });

  it('a slice path yields an array (docs: $.a[0:2] of [1,2,3,4] is [1,2])', () => {
    expect(applyInputPath('$.a[0:2]', { a: [1, 2, 3, 4] }, 'S')).toEqual([1, 2]);
  });

  it('null gives {} and a path matching nothing is States.Runtime', () => {
    expect(applyInputPath(null, { a: 1 }, 'S')).toEqual({});
    expect(() => applyInputPath('$.missing', { a: 1 }, 'S')).toThrow(StatesError);
  });
});

describe('Parameters', () => {
  it('selects with .$ keys and keeps static values (docs example)', () => {
    const input = {
      comment: 'Example for Parameters.',
      product: { details: { color: 'blue', size: 'small', material: 'cotton' }, availability: 'in stock', sku: '2317', cost: '$23' },
    };
    const template = {
      comment: 'Selecting what I care about.',
      MyDetails: { 'size.$': '$.product.details.size', 'exists.$': '$.product.availability', StaticValue: 'foo' },
    };
    expect(applyPayloadTemplate(template, input, {}, 'S')).toEqual({
      comment: 'Selecting what I care about.',
      MyDetails: { size: 'small', exists: 'in stock', StaticValue: 'foo' },
    });
  });

  it('reads the context object with $$ (docs: "execution.$": "$$.Execution.Id")', () => {
    const ctx = { Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:stateMachineName:executionName' } };
    expect(applyPayloadTemplate({ comment: 'A', 'execution.$': '$$.Execution.Id' }, {}, ctx, 'S')).toEqual({ comment: 'A', execution: ctx.Execution.Id });
  });

  it('a .$ path that matches nothing fails with States.Runtime naming the field', () => {
    expect.assertions(2);
    try {
      applyPayloadTemplate({ 'x.$': '$.nope' }, { a: 1 }, {}, 'MyState');
    } catch (err) {
      expect((err as StatesError).error).toBe('States.Runtime');
      expect((err as StatesError).cause).toContain("'x.$'");
    }
  });
});

describe('ResultSelector', () => {
  it('reshapes the raw result (docs: createCluster.sync example)', () => {
    const raw = {
      resourceType: 'elasticmapreduce',
      resource: 'createCluster.sync',
      output: { SdkHttpMetadata: { HttpStatusCode: 200 }, SdkResponseMetadata: { RequestId: '1234' }, ClusterId: 'AKIAIOSFODNN7EXAMPLE' },
    };
    expect(applyPayloadTemplate({ 'ClusterId.$': '$.output.ClusterId', 'ResourceType.$': '$.resourceType' }, raw, {}, 'S')).toEqual({
      ClusterId: 'AKIAIOSFODNN7EXAMPLE',
      ResourceType: 'elasticmapreduce',
    });
  });
});

describe('ResultPath (docs: the "Hello, AWS Step Functions!" Lambda)', () => {
  const input = { comment: 'This is a test of the input and output of a Task state.', details: 'Default example', who: 'AWS Step Functions' };
  const result = 'Hello, AWS Step Functions!';

  it('$ replaces the input with the result', () => {
    expect(applyResultPath('$', input, result, 'S')).toBe(result);
  });
  it('$.taskresult adds the result to the input', () => {
    expect(applyResultPath('$.taskresult', input, result, 'S')).toEqual({ ...input, taskresult: result });
  });
  it('null discards the result', () => {
    expect(applyResultPath(null, input, result, 'S')).toBe(input);
  });
  it('$.strings.lambdaresult inserts into a nested object without touching the original', () => {
    const nested = { strings: { string1: 'foo', string2: 'bar', string3: 'baz' }, who: 'AWS Step Functions' };
    const out = applyResultPath('$.strings.lambdaresult', nested, result, 'S');
    expect(out).toEqual({ strings: { string1: 'foo', string2: 'bar', string3: 'baz', lambdaresult: result }, who: 'AWS Step Functions' });
    expect(nested.strings).not.toHaveProperty('lambdaresult');
  });
  it('a path through a non-object is States.ResultPathMatchFailure', () => {
    expect(() => applyResultPath('$.who.x', input, result, 'S')).toThrow(/ResultPath/);
  });
});

describe('OutputPath', () => {
  it('filters the output; null gives {}', () => {
    expect(applyOutputPath('$.b', { a: 1, b: { c: 2 } }, 'S')).toEqual({ c: 2 });
    expect(applyOutputPath(null, { a: 1 }, 'S')).toEqual({});
  });
});

describe('the whole order in a Task: InputPath → Parameters → task → ResultSelector → ResultPath → OutputPath', () => {
  it('applies each step to the previous one', async () => {
    // prepare
    const seen: unknown[] = [];
    const engine = makeEngine({
      hello: (event) => {
        seen.push(event);
        return { greeting: `Hello, ${(event as { who: string }).who}!`, extra: 'dropped' };
      },
    });
    const def = single({
      Type: 'Task',
      Resource: LAMBDA_ARN('hello'),
      InputPath: '$.payload',
      Parameters: { 'who.$': '$.who', 'exec.$': '$$.Execution.Name' },
      ResultSelector: { 'message.$': '$.greeting' },
      ResultPath: '$.result',
      OutputPath: '$.result',
    });
    // act
    const run = await runDefinition(engine, def, { payload: { who: 'AWS Step Functions' }, other: 1 });
    // assert
    expect(run.status).toBe('SUCCEEDED');
    expect(seen).toEqual([{ who: 'AWS Step Functions', exec: run.name }]);
    expect(run.outputValue).toEqual({ message: 'Hello, AWS Step Functions!' });
  });

  it('Catch ResultPath $.error keeps the input and adds Error/Cause (docs example shape)', async () => {
    const engine = makeEngine({
      fails: () => {
        const e = new Error('This is a custom error!');
        e.name = 'CustomError';
        throw e;
      },
    });
    const def = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA_ARN('fails'), Catch: [{ ErrorEquals: ['CustomError'], ResultPath: '$.error', Next: 'Done' }], End: true },
        Done: { Type: 'Pass', End: true },
      },
    };
    const run = await runDefinition(engine, def, { foo: 'bar' });
    const out = run.outputValue as { foo: string; error: { Error: string; Cause: string } };
    expect(out.foo).toBe('bar');
    expect(out.error.Error).toBe('CustomError');
    expect(JSON.parse(out.error.Cause)).toMatchObject({ errorType: 'CustomError', errorMessage: 'This is a custom error!' });
  });
});

describe('Map ItemSelector with the context object (docs: shipped parcels example)', () => {
  it('builds each item from $$.Map.Item.Value and the Map input', async () => {
    const engine = makeEngine();
    const input = {
      'ship-date': '2016-03-14T01:59:00Z',
      detail: {
        'delivery-partner': 'UQS',
        shipped: [
          { prod: 'R31', 'dest-code': 9511, quantity: 1344 },
          { prod: 'S39', 'dest-code': 9511, quantity: 40 },
        ],
      },
    };
    const def = single({
      Type: 'Map',
      ItemsPath: '$.detail.shipped',
      ItemSelector: { 'parcel.$': '$$.Map.Item.Value', 'courier.$': '$.detail.delivery-partner', 'index.$': '$$.Map.Item.Index' },
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
    });
    const run = await runDefinition(engine, def, input);
    expect(run.outputValue).toEqual([
      { parcel: { prod: 'R31', 'dest-code': 9511, quantity: 1344 }, courier: 'UQS', index: 0 },
      { parcel: { prod: 'S39', 'dest-code': 9511, quantity: 40 }, courier: 'UQS', index: 1 },
    ]);
  });

  it('accepts the older Parameters and Iterator fields', async () => {
    const engine = makeEngine();
    const def = single({
      Type: 'Map',
      ItemsPath: '$.xs',
      Parameters: { 'v.$': '$$.Map.Item.Value' },
      Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
    });
    const run = await runDefinition(engine, def, { xs: [1, 2] });
    expect(run.outputValue).toEqual([{ v: 1 }, { v: 2 }]);
  });
});

describe('context object', () => {
  it('exposes Execution, State and StateMachine fields', async () => {
    const engine = makeEngine();
    const def = single({
      Type: 'Pass',
      Parameters: { 'ctx.$': '$$' },
    });
    const run = await runDefinition(engine, def, { a: 1 });
    const ctx = (run.outputValue as { ctx: Record<string, Record<string, unknown>> }).ctx;
    expect(ctx['Execution']).toMatchObject({ Id: run.executionArn, Name: run.name, Input: { a: 1 }, RedriveCount: 0 });
    expect(ctx['State']).toMatchObject({ Name: 'S', RetryCount: 0 });
    expect(ctx['StateMachine']).toMatchObject({ Id: run.stateMachineArn });
    expect(typeof ctx['State']?.['EnteredTime']).toBe('string');
  });
});
