// Which errors Retry/Catch ErrorEquals cover.
import { errorMatches } from '../asl/errors';
import { makeEngine, runDefinition } from './helpers';

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
