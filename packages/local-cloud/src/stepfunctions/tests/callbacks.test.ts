// `.waitForTaskToken` tasks: tokens, SendTask*, heartbeats, timeouts, StopExecution.
import { SfnApiError, registerPutEvents, type PutEventsEntry } from '../../index';
import { makeEngine, runDefinition, single, types } from './helpers';

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
