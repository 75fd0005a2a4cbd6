// The Fail state's Error/Cause, from literals, paths and intrinsics.
import { makeEngine, runDefinition } from './helpers';

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
