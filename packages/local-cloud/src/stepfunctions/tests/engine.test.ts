import { SfnApiError, StatesError, registerPutEvents, type PutEventsEntry, type TaskRequest } from '../../index';
import { retryDelayMs } from '../engine/runner';
import { LAMBDA_ARN, makeEngine, runDefinition, single } from './helpers';

const pass = (extra: Record<string, unknown> = {}) => ({ StartAt: 'P', States: { P: { Type: 'Pass', End: true, ...extra } } });
const types = (events: { type: string }[]): string[] => events.map((e) => e.type);

describe('Pass, Succeed, Fail, Wait', () => {
  it('Pass with Result and ResultPath; history in AWS shape', async () => {
    const engine = makeEngine();
    const run = await runDefinition(engine, pass({ Result: { x: 1 }, ResultPath: '$.r' }), { a: 1 });
    expect(run.outputValue).toEqual({ a: 1, r: { x: 1 } });
    expect(types(run.events)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    const [started, entered, exited, succeeded] = run.events;
    expect(started).toMatchObject({ id: 1, previousEventId: 0, executionStartedEventDetails: { input: '{"a":1}' } });
    expect(entered).toMatchObject({ id: 2, previousEventId: 1, stateEnteredEventDetails: { name: 'P', input: '{"a":1}' } });
    expect(exited).toMatchObject({ id: 3, previousEventId: 2, stateExitedEventDetails: { name: 'P', output: '{"a":1,"r":{"x":1}}' } });
    expect(succeeded).toMatchObject({ id: 4, previousEventId: 3, executionSucceededEventDetails: { output: '{"a":1,"r":{"x":1}}' } });
    expect(started?.timestamp).toBeInstanceOf(Date);
  });

  it('Fail with ErrorPath/CausePath fails the execution with those values', async () => {
    const engine = makeEngine();
    const run = await runDefinition(
      engine,
      { StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: '$.c' } } },
      { e: 'MyError', c: 'because' }
    );
    expect(run).toMatchObject({ status: 'FAILED', error: 'MyError', cause: 'because' });
    expect(types(run.events)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
  });

  it('Succeed applies InputPath then OutputPath; Pass applies InputPath before Parameters', async () => {
    const engine = makeEngine();
    const def = {
      StartAt: 'P',
      States: {
        P: { Type: 'Pass', InputPath: '$.data', Parameters: { 'picked.$': '$.x', fixed: 1 }, ResultPath: '$.r', Next: 'S' },
        S: { Type: 'Succeed', InputPath: '$.r', OutputPath: '$.picked' },
      },
    };
    const run = await runDefinition(engine, def, { data: { x: 'X' } });
    expect(run.outputValue).toBe('X');
    expect(types(run.events)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('Wait with TimestampPath in the past continues at once; a non-timestamp is States.Runtime', async () => {
    const engine = makeEngine();
    const def = single({ Type: 'Wait', TimestampPath: '$.when' });
    expect((await runDefinition(engine, def, { when: '2016-03-14T01:59:00Z' })).status).toBe('SUCCEEDED');
    expect(await runDefinition(engine, def, { when: 'tomorrow' })).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
  });

  it('Wait of 300 s runs in simulated time, and timestamps agree with it', async () => {
    const engine = makeEngine();
    const def = {
      StartAt: 'W',
      States: { W: { Type: 'Wait', SecondsPath: '$.s', Next: 'T' }, T: { Type: 'Wait', Timestamp: '2000-01-01T00:00:00Z', End: true } },
    };
    const run = await runDefinition(engine, def, { s: 300 });
    expect(run.status).toBe('SUCCEEDED');
    const entered = run.events.find((e) => e.type === 'WaitStateEntered');
    const exited = run.events.find((e) => e.type === 'WaitStateExited');
    const simulated = (exited?.timestamp.getTime() ?? 0) - (entered?.timestamp.getTime() ?? 0);
    expect(simulated).toBeGreaterThanOrEqual(299_000);
  });
});

describe('Task, Retry, Catch', () => {
  it('retries with backoff then succeeds; RetryCount in the context object', async () => {
    let calls = 0;
    const engine = makeEngine({
      flaky: (event) => {
        calls++;
        if (calls < 3) {
          const e = new Error('try again');
          e.name = 'Lambda.TooManyRequestsException';
          throw e;
        }
        return event;
      },
    });
    const def = single({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'flaky', 'Payload.$': '$$.State.RetryCount' },
      OutputPath: '$.Payload',
      Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 }],
    });
    const run = await runDefinition(engine, def);
    expect(run.outputValue).toBe(2);
    expect(types(run.events).filter((t) => t === 'TaskFailed')).toHaveLength(2);
    expect(run.events.find((e) => e.type === 'TaskScheduled')).toMatchObject({
      taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', region: 'us-east-1' },
    });
  });

  it('exhausted retries fall through to Catch; States.ALL does not catch States.DataLimitExceeded', async () => {
    const engine = makeEngine({ big: () => 'x'.repeat(300_000), bad: () => Promise.reject(new Error('nope')) });
    const caught = await runDefinition(engine, {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: LAMBDA_ARN('bad'),
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1, IntervalSeconds: 1 }],
          Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'C' }],
          End: true,
        },
        C: { Type: 'Pass', End: true },
      },
    });
    expect(caught.status).toBe('SUCCEEDED');
    expect(caught.outputValue).toMatchObject({ Error: 'Error' });
    expect(types(caught.events).filter((t) => t === 'LambdaFunctionFailed')).toHaveLength(2);

    const tooBig = await runDefinition(engine, {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA_ARN('big'), Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }], End: true },
        C: { Type: 'Pass', End: true },
      },
    });
    expect(tooBig).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('States.Runtime is neither retried nor caught', async () => {
    const engine = makeEngine();
    const run = await runDefinition(engine, {
      StartAt: 'P',
      States: { P: { Type: 'Pass', InputPath: '$.missing', Next: 'E' }, E: { Type: 'Succeed' } },
    });
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(run.cause).toContain("'P'");
  });

  it('TimeoutSeconds fails with States.Timeout (TaskTimedOut event) in simulated time', async () => {
    const engine = makeEngine();
    engine.integrations.register('arn:aws:states:::slow:run', () => new Promise(() => undefined));
    const run = await runDefinition(engine, single({ Type: 'Task', Resource: 'arn:aws:states:::slow:run', TimeoutSeconds: 300 }));
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(types(run.events)).toContain('TaskTimedOut');
  });

  it('an unknown resource fails with an error naming it', async () => {
    const engine = makeEngine();
    const run = await runDefinition(engine, single({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage' }));
    expect(run.status).toBe('FAILED');
    expect(run.cause).toContain('arn:aws:states:::sqs:sendMessage');
    expect(types(run.events)).toContain('TaskStartFailed');
  });

  it('retry delays: interval × backoff^n, capped, with full jitter below the cap', () => {
    expect(retryDelayMs({ ErrorEquals: [], IntervalSeconds: 2, BackoffRate: 2 }, 3)).toBe(16_000);
    expect(retryDelayMs({ ErrorEquals: [], IntervalSeconds: 2, BackoffRate: 2, MaxDelaySeconds: 5 }, 3)).toBe(5_000);
    expect(retryDelayMs({ ErrorEquals: [], IntervalSeconds: 2, JitterStrategy: 'FULL' }, 0, () => 0.5)).toBe(1_000);
    expect(retryDelayMs({ ErrorEquals: [] }, 0)).toBe(1_000);
  });
});

describe('callbacks (.waitForTaskToken)', () => {
  function callbackEngine() {
    const engine = makeEngine();
    const sent: PutEventsEntry[][] = [];
    const tokens: string[] = [];
    registerPutEvents(engine.integrations, (entries) => {
      sent.push(entries);
      tokens.push(JSON.parse(entries[0]?.Detail as string).taskToken as string);
      return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `e${i}` })) };
    });
    const def = (extra: Record<string, unknown> = {}) =>
      single({
        Type: 'Task',
        Resource: 'arn:aws:states:::events:putEvents.waitForTaskToken',
        Parameters: {
          Entries: [{ Source: 'com.computing.lambda', DetailType: 'ComputeRequested', Detail: { 'taskToken.$': '$$.Task.Token', 'payload.$': '$' } }],
        },
        ...extra,
      });
    const start = (d: unknown, input: unknown = { caseId: '1' }) => {
      const sm = engine.createStateMachine({ name: `cb-${Math.random().toString(36).slice(2)}`, definition: JSON.stringify(d) });
      return engine.startExecution({ stateMachineArn: sm.stateMachineArn, input: JSON.stringify(input) });
    };
    const nextToken = async (): Promise<string> => {
      while (tokens.length === 0) await new Promise((r) => setTimeout(r, 1));
      return tokens.shift() as string;
    };
    return { engine, sent, def, start, nextToken };
  }

  it('SendTaskSuccess completes the task; the token is then closed (TaskTimedOut)', async () => {
    const { engine, sent, def, start, nextToken } = callbackEngine();
    const ex = start(def());
    const token = await nextToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(sent[0]?.[0]?.Resources).toEqual([ex.executionArn, ex.stateMachineArn]);
    engine.sendTaskSuccess(token, '{"done":true}');
    const done = await engine.awaitExecution(ex.executionArn);
    expect(done.output).toBe('{"done":true}');
    expect(types(done.history.all())).toEqual(expect.arrayContaining(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded']));
    expect(() => engine.sendTaskSuccess(token, '{}')).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
  });

  it('answers InvalidToken, TaskDoesNotExist, InvalidOutput', async () => {
    const { engine, def, start, nextToken } = callbackEngine();
    const ex = start(def());
    const token = await nextToken();
    expect(() => engine.sendTaskSuccess('not a token', '{}')).toThrow(expect.objectContaining({ code: 'InvalidToken' }));
    expect(() => engine.sendTaskSuccess('A'.repeat(64), '{}')).toThrow(expect.objectContaining({ code: 'TaskDoesNotExist' }));
    expect(() => engine.sendTaskSuccess(token, '{oops')).toThrow(expect.objectContaining({ code: 'InvalidOutput' }));
    expect(() => engine.sendTaskSuccess(token, JSON.stringify('x'.repeat(262_144)))).toThrow(SfnApiError);
    engine.sendTaskFailure(token, 'Compute.Failed', 'it broke');
    const done = await engine.awaitExecution(ex.executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'Compute.Failed', cause: 'it broke' });
  });

  it('HeartbeatSeconds: heartbeats keep it alive, silence fails with States.HeartbeatTimeout', async () => {
    // 600 simulated seconds = 0.6 s real: far above the 30 ms between heartbeats, even on a busy machine
    const { engine, def, start, nextToken } = callbackEngine();
    const ex = start(def({ HeartbeatSeconds: 600, TimeoutSeconds: 36_000 }));
    const token = await nextToken();
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 30));
      engine.sendTaskHeartbeat(token);
    }
    expect(engine.describeExecution(ex.executionArn).status).toBe('RUNNING');
    const done = await engine.awaitExecution(ex.executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(types(done.history.all())).toContain('TaskTimedOut');
    expect(() => engine.sendTaskHeartbeat(token)).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
  });

  it('a fresh token per attempt', async () => {
    const { engine, def, start, nextToken } = callbackEngine();
    const ex = start(def({ Retry: [{ ErrorEquals: ['Retry.Me'], MaxAttempts: 1, IntervalSeconds: 1 }] }));
    const first = await nextToken();
    engine.sendTaskFailure(first, 'Retry.Me', 'again');
    const second = await nextToken();
    expect(second).not.toBe(first);
    engine.sendTaskSuccess(second, '"ok"');
    expect((await engine.awaitExecution(ex.executionArn)).output).toBe('"ok"');
  });

  it('TimeoutSecondsPath: a silent callback fails with States.Timeout', async () => {
    const { engine, def, start, nextToken } = callbackEngine();
    const ex = start(def({ TimeoutSecondsPath: '$.t' }), { t: 300 });
    const token = await nextToken();
    const done = await engine.awaitExecution(ex.executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(done.history.all().find((e) => e.type === 'TaskScheduled')).toMatchObject({ taskScheduledEventDetails: { timeoutInSeconds: 300 } });
    expect(() => engine.sendTaskSuccess(token, '{}')).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
  });

  it('EventBridge.FailedEntry when an entry fails', async () => {
    const engine = makeEngine();
    registerPutEvents(engine.integrations, () => ({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure' }] }));
    const run = await runDefinition(engine, single({ Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [{ Detail: {} }] } }));
    expect(run).toMatchObject({ status: 'FAILED', error: 'EventBridge.FailedEntry' });
  });

  it('StopExecution aborts the wait and closes the token', async () => {
    const { engine, def, start, nextToken } = callbackEngine();
    const ex = start(def());
    const token = await nextToken();
    engine.stopExecution(ex.executionArn, 'User.Stop', 'enough');
    const done = await engine.awaitExecution(ex.executionArn);
    expect(done).toMatchObject({ status: 'ABORTED', error: 'User.Stop' });
    expect(types(done.history.all()).at(-1)).toBe('ExecutionAborted');
    expect(() => engine.sendTaskSuccess(token, '{}')).toThrow(expect.objectContaining({ code: 'TaskTimedOut' }));
  });
});

describe('Map and Parallel', () => {
  function concurrencyProbe() {
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const handler = async (req: TaskRequest) => {
      running++;
      peak = Math.max(peak, running);
      order.push(req.input as number);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      return req.input;
    };
    return { handler, peak: () => peak, order };
  }
  const mapDef = (extra: Record<string, unknown>) =>
    single({
      Type: 'Map',
      ItemsPath: '$.xs',
      ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::probe:run', End: true } } },
      ...extra,
    });
  const xs = (n: number) => ({ xs: Array.from({ length: n }, (_, i) => i) });

  it('the inline cap of 40 is never exceeded, even with MaxConcurrency 100', async () => {
    const engine = makeEngine();
    const probe = concurrencyProbe();
    engine.integrations.register('arn:aws:states:::probe:run', probe.handler);
    const run = await runDefinition(engine, mapDef({ MaxConcurrency: 100 }), xs(200));
    expect(run.status).toBe('SUCCEEDED');
    expect(probe.peak()).toBe(40);
    expect(run.outputValue).toEqual(xs(200).xs);
  });

  it('MaxConcurrency 1 runs in order; MaxConcurrencyPath is read from the input', async () => {
    const engine = makeEngine();
    const probe = concurrencyProbe();
    engine.integrations.register('arn:aws:states:::probe:run', probe.handler);
    await runDefinition(engine, mapDef({ MaxConcurrencyPath: '$.mc' }), { ...xs(10), mc: 1 });
    expect(probe.peak()).toBe(1);
    expect(probe.order).toEqual(xs(10).xs);
  });

  it('the cap is configurable', async () => {
    const engine = makeEngine({}, { limits: { inlineMapMaxConcurrency: 5 } });
    const probe = concurrencyProbe();
    engine.integrations.register('arn:aws:states:::probe:run', probe.handler);
    await runDefinition(engine, mapDef({}), xs(30));
    expect(probe.peak()).toBe(5);
  });

  it('one failed iteration fails the Map and stops the others; a Retry on the Map reruns every iteration', async () => {
    const engine = makeEngine();
    let calls = 0;
    engine.integrations.register('arn:aws:states:::probe:run', async (req) => {
      calls++;
      if (req.input === 3 && calls < 20) throw new StatesError('Case.Failed', 'case 3');
      await new Promise((r) => setTimeout(r, 5));
      return req.input;
    });
    const failed = await runDefinition(engine, mapDef({ MaxConcurrency: 2 }), xs(10));
    expect(failed).toMatchObject({ status: 'FAILED', error: 'Case.Failed' });
    const t = types(failed.events);
    expect(t).toContain('MapIterationFailed');
    expect(t).toContain('MapStateFailed');
    expect(t.filter((x) => x === 'MapIterationStarted').length).toBeLessThan(10);

    calls = 0;
    const retried = await runDefinition(
      engine,
      mapDef({ MaxConcurrency: 40, Retry: [{ ErrorEquals: ['Case.Failed'], MaxAttempts: 1, IntervalSeconds: 1 }] }),
      xs(10)
    );
    // first attempt: 10 calls (case 3 fails, the rest are aborted or done); second attempt reruns all 10
    expect(retried.status).toBe('FAILED');
    expect(types(retried.events).filter((x) => x === 'MapStateStarted')).toHaveLength(2);
  });

  it('StopExecution aborts every running iteration; a failing iteration aborts its in-flight siblings', async () => {
    const engine = makeEngine();
    const waits = single({ Type: 'Map', ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100_000, End: true } } } });
    const sm = engine.createStateMachine({ name: 'stop-map', definition: JSON.stringify(waits) });
    const ex = engine.startExecution({ stateMachineArn: sm.stateMachineArn, input: JSON.stringify([1, 2, 3, 4, 5]) });
    await new Promise((r) => setTimeout(r, 20));
    engine.stopExecution(ex.executionArn);
    const stopped = await engine.awaitExecution(ex.executionArn);
    expect(stopped.status).toBe('ABORTED');
    expect(stopped.history.all().at(-1)?.type).toBe('ExecutionAborted');

    engine.integrations.register('arn:aws:states:::probe:run', async (req) => {
      if (req.input === 0) throw new StatesError('Case.Failed', 'first');
      await new Promise((r) => setTimeout(r, 50));
      return req.input;
    });
    const failed = await runDefinition(engine, mapDef({}), xs(3));
    const t = types(failed.events);
    expect(t.filter((x) => x === 'TaskStateAborted')).toHaveLength(2);
    expect(t.filter((x) => x === 'MapIterationAborted')).toHaveLength(2);
    expect(t.slice(-2)).toEqual(['MapStateFailed', 'ExecutionFailed']);
  });

  it('Parallel returns one output per branch; a failing branch fails the state and is catchable', async () => {
    const engine = makeEngine();
    const ok = await runDefinition(
      engine,
      single({
        Type: 'Parallel',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'a', End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 5, Next: 'B2' }, B2: { Type: 'Pass', Result: 'b', End: true } } },
        ],
      })
    );
    expect(ok.outputValue).toEqual(['a', 'b']);
    expect(types(ok.events)).toEqual(expect.arrayContaining(['ParallelStateEntered', 'ParallelStateStarted', 'ParallelStateSucceeded', 'ParallelStateExited']));

    const caught = await runDefinition(engine, {
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1000, End: true } } },
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Branch.Broke', Cause: 'x' } } },
          ],
          Catch: [{ ErrorEquals: ['Branch.Broke'], ResultPath: '$.err', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Pass', End: true },
      },
    });
    expect(caught.outputValue).toEqual({ err: { Error: 'Branch.Broke', Cause: 'x' } });
    expect(types(caught.events)).toContain('ParallelStateFailed');
  });
});

describe('executions and limits', () => {
  it('names: 1-80 valid characters; same name + same input while open returns the original; else ExecutionAlreadyExists', async () => {
    const engine = makeEngine();
    const sm = engine.createStateMachine({
      name: 'names',
      definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } }),
    });
    expect(() => engine.startExecution({ stateMachineArn: sm.stateMachineArn, name: 'x'.repeat(81) })).toThrow(
      expect.objectContaining({ code: 'InvalidName' })
    );
    expect(() => engine.startExecution({ stateMachineArn: sm.stateMachineArn, name: 'has space' })).toThrow(expect.objectContaining({ code: 'InvalidName' }));
    const a = engine.startExecution({ stateMachineArn: sm.stateMachineArn, name: 'n1', input: '{"a":1}' });
    expect(engine.startExecution({ stateMachineArn: sm.stateMachineArn, name: 'n1', input: '{"a":1}' })).toBe(a);
    expect(() => engine.startExecution({ stateMachineArn: sm.stateMachineArn, name: 'n1', input: '{"a":2}' })).toThrow(
      expect.objectContaining({ code: 'ExecutionAlreadyExists' })
    );
    await engine.awaitExecution(a.executionArn);
    expect(() => engine.startExecution({ stateMachineArn: sm.stateMachineArn, name: 'n1', input: '{"a":1}' })).toThrow(
      expect.objectContaining({ code: 'ExecutionAlreadyExists' })
    );
  });

  it('input over 256 KiB is InvalidExecutionInput', () => {
    const engine = makeEngine();
    const sm = engine.createStateMachine({ name: 'big', definition: JSON.stringify(pass()) });
    expect(() => engine.startExecution({ stateMachineArn: sm.stateMachineArn, input: JSON.stringify({ s: 'x'.repeat(262_144) }) })).toThrow(
      expect.objectContaining({ code: 'InvalidExecutionInput' })
    );
  });

  it('the history limit fails the execution with the last event as ExecutionFailed', async () => {
    const engine = makeEngine({}, { limits: { historyEvents: 50 } });
    const def = single({ Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } });
    const run = await runDefinition(
      engine,
      def,
      Array.from({ length: 30 }, (_, i) => i)
    );
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(run.events).toHaveLength(50);
    expect(run.events.at(-1)?.type).toBe('ExecutionFailed');
    // with the limit off the same run succeeds
    const unlimited = makeEngine({}, { limits: { historyEvents: Infinity } });
    expect(
      (
        await runDefinition(
          unlimited,
          def,
          Array.from({ length: 30 }, (_, i) => i)
        )
      ).status
    ).toBe('SUCCEEDED');
  });

  it('a state output over 256 KiB fails with States.DataLimitExceeded', async () => {
    const engine = makeEngine();
    const run = await runDefinition(engine, single({ Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' } }), { s: 'x'.repeat(140_000) });
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('definition TimeoutSeconds times the execution out', async () => {
    const engine = makeEngine();
    const run = await runDefinition(engine, { TimeoutSeconds: 10, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1000, End: true } } });
    expect(run).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    expect(run.events.at(-1)?.type).toBe('ExecutionTimedOut');
  });

  it('a bad limit is refused at construction, naming it', () => {
    expect(() => makeEngine({}, { limits: { payloadBytes: 0 } })).toThrow(/limits\.payloadBytes/);
    expect(() => makeEngine({}, { limits: { historyEvents: 2 } })).toThrow(/limits\.historyEvents/);
  });

  it('Express state machines reject .waitForTaskToken', () => {
    const engine = makeEngine();
    const def = JSON.stringify(single({ Type: 'Task', Resource: 'arn:aws:states:::events:putEvents.waitForTaskToken', Parameters: { Entries: [] } }));
    expect(() => engine.createStateMachine({ name: 'express', definition: def, type: 'EXPRESS' })).toThrow(
      expect.objectContaining({ code: 'InvalidDefinition', message: expect.stringContaining("'S'") })
    );
    expect(engine.createStateMachine({ name: 'standard', definition: def }).type).toBe('STANDARD');
  });

  it('invalid definitions are rejected with InvalidDefinition naming the state', () => {
    const engine = makeEngine();
    expect(() =>
      engine.createStateMachine({ name: 'bad', definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }) })
    ).toThrow(expect.objectContaining({ code: 'InvalidDefinition', message: expect.stringContaining('A') }));
    expect(() => engine.createStateMachine({ name: 'bad2', definition: '{not json' })).toThrow(expect.objectContaining({ code: 'InvalidDefinition' }));
  });
});
