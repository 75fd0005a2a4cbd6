// Task states: Retry with backoff, Catch, timeouts, unknown resources.
import { retryDelayMs } from '../engine/retry-catch';
import { LAMBDA_ARN, makeEngine, runDefinition, single, types } from './helpers';

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
