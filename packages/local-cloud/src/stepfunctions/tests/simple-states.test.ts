// Pass, Succeed, Fail and Wait: their output, their history, their simulated time.
import { makeEngine, runDefinition, single, types } from './helpers';

const pass = (extra: Record<string, unknown> = {}) => ({ StartAt: 'P', States: { P: { Type: 'Pass', End: true, ...extra } } });

describe('Pass, Succeed, Fail, Wait', () => {
  it('Pass with Result and ResultPath; history in AWS shape', async () => {
    const engine = makeEngine();
    const run = await runDefinition(engine, pass({ Result: { x: 1 }, ResultPath: '$.r' }), { a: 1 });
    expect(run.outputValue).toEqual({ a: 1, r: { x: 1 } });
    expect(types(run.events)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    const [started, entered, exited, succeeded] = run.events;
    expect(started).toMatchObject({ id: 1, previousEventId: 0, executionStartedEventDetails: { input: '{"a":1}' } });
    expect(entered).toMatchObject({ id: 2, previousEventId: 0, stateEnteredEventDetails: { name: 'P', input: '{"a":1}' } });
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
