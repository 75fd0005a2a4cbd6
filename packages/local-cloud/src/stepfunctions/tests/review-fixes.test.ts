// Divergences from AWS found in review, one test per fix.
import { DescribeExecutionCommand, InvalidArn, SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsEngine, startSfnServer, type RunningSfnServer } from '../../index';
import { applyInputPath } from '../asl/payload';
import { errorMatches, StatesError } from '../asl/errors';
import { TaskTokenStore } from '../engine/task-tokens';
import { LAMBDA_ARN, makeEngine, runDefinition, single } from './helpers';

const task = (extra: Record<string, unknown>) => single({ Type: 'Task', Resource: LAMBDA_ARN('f'), ...extra });
const create = (engine: StepFunctionsEngine, name: string, def: unknown) => () =>
  engine.createStateMachine({ name, definition: JSON.stringify(def) });

describe('definition checks AWS makes on create', () => {
  it('States.ALL must be alone in ErrorEquals and in the last Retrier/Catcher', () => {
    // prepare
    const engine = makeEngine();
    const notLast = task({ Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['Custom'] }] });
    const notAlone = {
      StartAt: 'S',
      States: { S: { Type: 'Task', Resource: LAMBDA_ARN('f'), Catch: [{ ErrorEquals: ['States.ALL', 'Custom'], Next: 'C' }], End: true }, C: { Type: 'Succeed' } },
    };
    const fine = task({ Retry: [{ ErrorEquals: ['Custom'] }, { ErrorEquals: ['States.ALL'] }] });
    // act / assert
    expect(create(engine, 'a', notLast)).toThrow(expect.objectContaining({ code: 'InvalidDefinition', message: expect.stringMatching(/States\.ALL.*'S', Retry\[0\]/) }));
    expect(create(engine, 'b', notAlone)).toThrow(expect.objectContaining({ code: 'InvalidDefinition', message: expect.stringMatching(/alone.*'S', Catch\[0\]/) }));
    expect(create(engine, 'c', fine)()).toMatchObject({ name: 'c' });
  });

  it('ResultSelector, Retry and Catch only on Task, Map and Parallel, said plainly', () => {
    const engine = makeEngine();
    expect(create(engine, 'rs', single({ Type: 'Pass', ResultSelector: { a: 1 } }))).toThrow(
      expect.objectContaining({ code: 'InvalidDefinition', message: expect.stringContaining("Field 'ResultSelector' is not supported by state type 'Pass' (state 'S'") })
    );
    expect(create(engine, 'rt', single({ Type: 'Wait', Seconds: 1, Retry: [{ ErrorEquals: ['States.ALL'] }] }))).toThrow(
      expect.objectContaining({ message: expect.stringContaining("Field 'Retry' is not supported by state type 'Wait'") })
    );
    expect(create(engine, 'rs-ok', single({ Type: 'Parallel', ResultSelector: { 'a.$': '$[0]' }, Branches: [{ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }] }))()).toMatchObject({ name: 'rs-ok' });
  });

  it.each([
    ['BackoffRate', 0.5, 'a number >= 1.0'],
    ['IntervalSeconds', 0, 'an integer from 1'],
    ['MaxDelaySeconds', 0, 'an integer from 1 to 31622400'],
    ['JitterStrategy', 'PARTIAL', "'FULL' or 'NONE'"],
  ])('a Retrier with %s %j is InvalidDefinition', (field, value, rule) => {
    const engine = makeEngine();
    expect(create(engine, `r-${field}`, task({ Retry: [{ ErrorEquals: ['X'], [field]: value }] }))).toThrow(
      expect.objectContaining({ code: 'InvalidDefinition', message: expect.stringContaining(`${field} must be ${rule}`) })
    );
  });

  it('an empty ErrorEquals is InvalidDefinition; sane Retriers pass', () => {
    const engine = makeEngine();
    expect(create(engine, 'empty-eq', task({ Retry: [{ ErrorEquals: [] }] }))).toThrow(expect.objectContaining({ message: expect.stringContaining('at least one error') }));
    const sane = task({ Retry: [{ ErrorEquals: ['X'], IntervalSeconds: 2, MaxAttempts: 0, BackoffRate: 1, MaxDelaySeconds: 30, JitterStrategy: 'FULL' }] });
    expect(create(engine, 'sane', sane)()).toMatchObject({ name: 'sane' });
  });

  it('HeartbeatSeconds must be smaller than TimeoutSeconds', () => {
    const engine = makeEngine();
    expect(create(engine, 'hb', task({ TimeoutSeconds: 10, HeartbeatSeconds: 10 }))).toThrow(
      expect.objectContaining({ code: 'InvalidDefinition', message: expect.stringContaining("HeartbeatSeconds (10) must be smaller than TimeoutSeconds (10) (state 'S')") })
    );
    expect(create(engine, 'hb-ok', task({ TimeoutSeconds: 10, HeartbeatSeconds: 9 }))()).toMatchObject({ name: 'hb-ok' });
  });

  it('a HeartbeatSecondsPath value not below the timeout fails the run with States.Runtime, before any token', async () => {
    const engine = makeEngine();
    const issued: string[] = [];
    engine.integrations.register('arn:aws:states:::cb:run.waitForTaskToken', ({ taskToken }) => {
      issued.push(String(taskToken));
      return {};
    });
    const def = single({
      Type: 'Task',
      Resource: 'arn:aws:states:::cb:run.waitForTaskToken',
      TimeoutSeconds: 5,
      HeartbeatSecondsPath: '$.hb',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Never' }],
    });
    const full = { ...(def as { States: Record<string, unknown> }), States: { ...(def as { States: Record<string, unknown> }).States, Never: { Type: 'Succeed' } } };
    const run = await runDefinition(engine, { StartAt: 'S', States: full.States }, { hb: 5 });
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(run.cause).toContain('HeartbeatSeconds (5) must be smaller than TimeoutSeconds (5)');
    expect(issued).toEqual([]);
  });
});

describe('paths', () => {
  it('[-1] is the last item, a definite path as in Jayway JSONPath', () => {
    expect(applyInputPath('$.a[-1]', { a: [1, 2, 3] }, 'S')).toBe(3);
    expect(() => applyInputPath('$.a[-4]', { a: [1, 2, 3] }, 'S')).toThrow(StatesError);
  });

  it('an indefinite path over an empty or missing array yields [] (not States.Runtime)', () => {
    expect(applyInputPath('$.a[*].b', { a: [] }, 'S')).toEqual([]);
    expect(applyInputPath('$.items[?(@.n > 1)]', { items: [{ n: 1 }] }, 'S')).toEqual([]);
  });

  it('a path that does not start with $ is States.Runtime, not an empty match', () => {
    expect(() => applyInputPath('a.b', { a: { b: 1 } }, 'S')).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });
});

describe('Fail state', () => {
  it('ErrorPath and CausePath accept intrinsic functions (docs: States.Format)', async () => {
    const engine = makeEngine();
    const run = await runDefinition(
      engine,
      { StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: "States.Format('Err{}', $.code)", CausePath: 'States.JsonToString($.detail)' } } },
      { code: 42, detail: { why: 'x' } }
    );
    expect(run).toMatchObject({ status: 'FAILED', error: 'Err42', cause: '{"why":"x"}' });
  });

  it('without Error and Cause the execution fails with neither (no empty strings)', async () => {
    const engine = makeEngine();
    const run = await runDefinition(engine, { StartAt: 'F', States: { F: { Type: 'Fail' } } });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBeUndefined();
    expect(run.cause).toBeUndefined();
    expect(run.events.at(-1)).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: {} });
  });
});

describe('wire protocol', () => {
  let server: RunningSfnServer;
  beforeAll(async () => {
    server = await startSfnServer({ engine: new StepFunctionsEngine(), port: 0 });
  });
  afterAll(() => server.close());

  async function call(target: string, body: unknown) {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${target}` },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { __type: string; message: string };
    return { status: res.status, code: json.__type.split('#')[1], message: json.message };
  }

  it.each([
    ['DescribeExecution', { executionArn: 'garbage' }, 'InvalidArn', 'garbage'],
    ['StopExecution', { executionArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m' }, 'InvalidArn', 'execution ARN'],
    ['DescribeStateMachine', { stateMachineArn: 'nope' }, 'InvalidArn', 'nope'],
    ['StartExecution', { stateMachineArn: 5 }, 'SerializationException', "'stateMachineArn' must be a string"],
    ['StartExecution', { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', name: 7 }, 'SerializationException', "'name'"],
  ])('%s %j → %s', async (target, body, code, text) => {
    const r = await call(target, body);
    expect(r).toMatchObject({ status: 400, code, message: expect.stringContaining(text) });
  });

  it.each([
    ['DescribeStateMachine', { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m:1' }, 'StateMachineDoesNotExist'],
    ['DescribeExecution', { executionArn: 'arn:aws:states:us-east-1:123456789012:express:m:e:0a1b' }, 'ExecutionDoesNotExist'],
  ])('a well-formed %s ARN (qualified / Express) is looked up, not InvalidArn', async (target, body, code) => {
    expect(await call(target, body)).toMatchObject({ status: 400, code });
  });

  it('the SDK raises its InvalidArn class for a malformed ARN', async () => {
    const sfn = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' }, maxAttempts: 1 });
    try {
      await expect(sfn.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' }))).rejects.toBeInstanceOf(InvalidArn);
    } finally {
      sfn.destroy();
    }
  });
});

describe('request size', () => {
  it('a body over the 1 MB request quota gets a readable ValidationException, not a connection reset', async () => {
    // prepare
    const server = await startSfnServer({ engine: new StepFunctionsEngine(), port: 0 });
    try {
      // act
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartExecution' },
        body: JSON.stringify({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', input: 'a'.repeat(1_100_000) }),
      });
      // assert
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        __type: 'com.amazonaws.swf.service.v2.model#ValidationException',
        message: expect.stringContaining('1048576-byte request limit'),
      });
    } finally {
      await server.close();
    }
  });
});

describe('history chaining', () => {
  it('ParallelStateFailed follows the last event of the failed and aborted branches', async () => {
    // prepare
    const engine = makeEngine({
      slow: () => new Promise((resolve) => setTimeout(() => resolve(1), 30)),
      boom: async () => {
        throw Object.assign(new Error('x'), { name: 'Boom' });
      },
    });
    const def = single({
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Task', Resource: LAMBDA_ARN('slow'), End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Task', Resource: LAMBDA_ARN('boom'), End: true } } },
      ],
    });
    // act
    const run = await runDefinition(engine, def);
    // assert
    expect(run).toMatchObject({ status: 'FAILED', error: 'Boom' });
    const failed = run.events.find((e) => e.type === 'ParallelStateFailed');
    const previous = run.events.find((e) => e.id === failed?.previousEventId);
    expect(previous?.type).toMatch(/^(TaskStateAborted|LambdaFunctionFailed)$/);
    for (const e of run.events) expect(e.previousEventId).toBeLessThan(e.id);
  });
});

describe('error matching', () => {
  it('States.Timeout also covers a missed heartbeat; States.TaskFailed covers neither timeout', () => {
    expect(errorMatches(['States.Timeout'], 'States.HeartbeatTimeout')).toBe(true);
    expect(errorMatches(['States.HeartbeatTimeout'], 'States.HeartbeatTimeout')).toBe(true);
    expect(errorMatches(['States.HeartbeatTimeout'], 'States.Timeout')).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'States.HeartbeatTimeout')).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'Lambda.Unknown')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.HeartbeatTimeout')).toBe(true);
  });

  it('a Catch on States.Timeout catches a callback that stops heartbeating', async () => {
    // prepare
    const engine = makeEngine();
    engine.integrations.register('arn:aws:states:::cb:run', () => ({}));
    const def = {
      StartAt: 'Wait',
      States: {
        Wait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::cb:run.waitForTaskToken',
          TimeoutSeconds: 600,
          HeartbeatSeconds: 60,
          Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    // act
    const run = await runDefinition(engine, def);
    // assert
    expect(run.status).toBe('SUCCEEDED');
    expect(run.outputValue).toMatchObject({ Error: 'States.HeartbeatTimeout' });
  });
});

describe('task tokens', () => {
  it('closes a token whose Parameters fail before it is handed out', async () => {
    // prepare: spies that call through, so the store works and records what happened
    const issue = jest.spyOn(TaskTokenStore.prototype, 'issue');
    const close = jest.spyOn(TaskTokenStore.prototype, 'close');
    const engine = makeEngine();
    const definition = single({
      Type: 'Task',
      Resource: 'arn:aws:states:::events:putEvents.waitForTaskToken',
      TimeoutSeconds: 60,
      Parameters: { Entries: [{ 'Detail.$': '$.missing', 'Token.$': '$$.Task.Token' }] },
    });

    // act
    const done = await runDefinition(engine, definition, {});
    const issued = issue.mock.results.map((r) => r.value as string);
    const closed = close.mock.calls.map(([token]) => token);
    issue.mockRestore();
    close.mockRestore();
    engine.stop();

    // assert
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(issued).toHaveLength(1);
    expect(closed).toEqual(issued);
  });
});
