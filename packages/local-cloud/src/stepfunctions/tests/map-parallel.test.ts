// Map and Parallel: concurrency caps, failures stopping siblings, retries, aborts.
import { StatesError, type TaskRequest } from '../../index';
import { makeEngine, runDefinition, single, types } from './helpers';

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
