// Execution names, idempotent starts, payload and history limits, definition checks.
import { makeEngine, runDefinition, single } from './helpers';

const pass = (extra: Record<string, unknown> = {}) => ({ StartAt: 'P', States: { P: { Type: 'Pass', End: true, ...extra } } });

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
