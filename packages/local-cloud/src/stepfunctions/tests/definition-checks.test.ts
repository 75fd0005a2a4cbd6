// Definition checks Step Functions makes on CreateStateMachine that asl-validator leaves open.
import type { StepFunctionsEngine } from '../../index';
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
