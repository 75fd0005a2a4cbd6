// previousEventId as AWS's recorded histories chain it.
import { LAMBDA_ARN, makeEngine, runDefinition, single } from './helpers';

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

/** `type<prev` for each event, in order: the chain as a string to compare with AWS's samples. */
const chain = (history: { id: number; previousEventId: number; type: string }[]): string[] => history.map((e) => `${e.id}:${e.type}<${e.previousEventId}`);
/** The same `id:type<prev` list written as whitespace-separated text. */
const events = (text: string): string[] => text.trim().split(/\s+/);

// The expected chains are AWS's recorded GetExecutionHistory outputs for the same definitions
// (localstack/localstack tests/aws/services/stepfunctions/v2, recorded against AWS).
/** A one-item Map whose item fails at once: the first six events of the caught and retried cases. */
const FIRST_FAILED_ITERATION = '1:ExecutionStarted<0 2:MapStateEntered<0 3:MapStateStarted<2 4:MapIterationStarted<3 5:FailStateEntered<4 6:MapIterationFailed<5';

describe('history chaining as AWS records it', () => {
  const handle = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    StartAt: 'MapState',
    States: { MapState: { Type: 'Map', MaxConcurrency: 1, ItemProcessor: { StartAt: 'HandleItem', States: states }, ...extra } },
  });

  it('the first state follows event 0, not ExecutionStarted', async () => {
    const run = await runDefinition(makeEngine(), single({ Type: 'Wait', Seconds: 0 }));
    expect(chain(run.events)).toEqual(
      events(`
      1:ExecutionStarted<0 2:WaitStateEntered<0 3:WaitStateExited<2 4:ExecutionSucceeded<3
    `)
    );
  });

  it('Map: the next iteration follows the last state of the previous one; MapStateExited skips MapStateSucceeded', async () => {
    // act
    const run = await runDefinition(makeEngine(), handle({ HandleItem: { Type: 'Pass', End: true } }, { End: true }), [1, 2]);
    // assert
    expect(chain(run.events)).toEqual(
      events(`
      1:ExecutionStarted<0 2:MapStateEntered<0 3:MapStateStarted<2 4:MapIterationStarted<3
      5:PassStateEntered<4 6:PassStateExited<5 7:MapIterationSucceeded<6 8:MapIterationStarted<6
      9:PassStateEntered<8 10:PassStateExited<9 11:MapIterationSucceeded<10 12:MapStateSucceeded<11
      13:MapStateExited<11 14:ExecutionSucceeded<13
    `)
    );
  });

  it('Map caught: MapIterationFailed and MapStateFailed both follow the failing state; MapStateExited follows MapStateFailed', async () => {
    const def = handle(
      { HandleItem: { Type: 'Fail', Error: 'HandleItemFailError', Cause: 'HandleItemFailCause' } },
      { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true }
    );
    const run = await runDefinition(makeEngine(), { ...def, States: { ...def.States, Caught: { Type: 'Pass', End: true } } }, [1]);
    expect(chain(run.events)).toEqual(
      events(`
      ${FIRST_FAILED_ITERATION} 7:MapStateFailed<5 8:MapStateExited<7 9:PassStateEntered<8
      10:PassStateExited<9 11:ExecutionSucceeded<10
    `)
    );
  });

  it('Map retried: no MapStateFailed between attempts; the retry starts from the failing state', async () => {
    const def = handle({ HandleItem: { Type: 'Fail', Error: 'E' } }, { Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1, IntervalSeconds: 1 }], End: true });
    const run = await runDefinition(makeEngine(), def, [1]);
    expect(chain(run.events)).toEqual(
      events(`
      ${FIRST_FAILED_ITERATION} 7:MapStateStarted<5 8:MapIterationStarted<7 9:FailStateEntered<8
      10:MapIterationFailed<9 11:MapStateFailed<9 12:ExecutionFailed<11
    `)
    );
  });

  it('Parallel: ParallelStateExited follows the branches last event, past ParallelStateSucceeded', async () => {
    const def = single({ Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }] });
    const run = await runDefinition(makeEngine(), def);
    expect(chain(run.events)).toEqual(
      events(`
      1:ExecutionStarted<0 2:ParallelStateEntered<0 3:ParallelStateStarted<2 4:PassStateEntered<3
      5:PassStateExited<4 6:ParallelStateSucceeded<5 7:ParallelStateExited<5 8:ExecutionSucceeded<7
    `)
    );
  });

  it('Task retries chain each attempt to the previous failure', async () => {
    const outcomes = [() => Promise.reject(Object.assign(new Error('x'), { name: 'Exception' })), () => 'ok'];
    const engine = makeEngine({ flaky: () => (outcomes.shift() as () => unknown)() });
    const run = await runDefinition(engine, single({ Type: 'Task', Resource: LAMBDA_ARN('flaky'), Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1 }] }));
    expect(chain(run.events)).toEqual(
      events(`
      1:ExecutionStarted<0 2:TaskStateEntered<0 3:LambdaFunctionScheduled<2 4:LambdaFunctionStarted<3
      5:LambdaFunctionFailed<4 6:LambdaFunctionScheduled<5 7:LambdaFunctionStarted<6 8:LambdaFunctionSucceeded<7
      9:TaskStateExited<8 10:ExecutionSucceeded<9
    `)
    );
  });

  it('a callback that times out: TaskTimedOut and ExecutionFailed carry States.Timeout and no cause', async () => {
    const engine = makeEngine();
    engine.integrations.register('arn:aws:states:::cb:send', () => ({ MessageId: '1' }));
    const run = await runDefinition(engine, single({ Type: 'Task', Resource: 'arn:aws:states:::cb:send.waitForTaskToken', TimeoutSeconds: 5 }));
    expect(chain(run.events)).toEqual(
      events(`
      1:ExecutionStarted<0 2:TaskStateEntered<0 3:TaskScheduled<2 4:TaskStarted<3
      5:TaskSubmitted<4 6:TaskTimedOut<5 7:ExecutionFailed<6
    `)
    );
    expect(run.events[5]).toMatchObject({ taskTimedOutEventDetails: { error: 'States.Timeout', resourceType: 'cb', resource: 'send.waitForTaskToken' } });
    expect(run.events[5]?.['taskTimedOutEventDetails']).not.toHaveProperty('cause');
    expect(run.events[6]?.['executionFailedEventDetails']).toEqual({ error: 'States.Timeout' });
  });
});
