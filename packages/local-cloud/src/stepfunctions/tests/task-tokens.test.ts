// Task tokens handed out by `.waitForTaskToken` tasks.
import { TaskTokenStore } from '../engine/task-tokens';
import { makeEngine, runDefinition, single } from './helpers';

describe('task tokens', () => {
  it('closes a token whose Parameters fail before it is handed out', async () => {
    // prepare: spies that call through, so the store works and records what happened
    const issue = jest.spyOn(TaskTokenStore.prototype, 'issue');
    const close = jest.spyOn(TaskTokenStore.prototype, 'close');
    const engine = makeEngine();
    const definition = single({
      Type: 'Task',
      Resource: 'arn:aws:states:::events:putEvents.waitForTaskToken',
      TimeoutSeconds: 60,
      Parameters: { Entries: [{ 'Detail.$': '$.missing', 'Token.$': '$$.Task.Token' }] },
    });

    // act
    const done = await runDefinition(engine, definition, {});
    const issued = issue.mock.results.map((r) => r.value as string);
    const closed = close.mock.calls.map(([token]) => token);
    issue.mockRestore();
    close.mockRestore();
    engine.stop();

    // assert
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(issued).toHaveLength(1);
    expect(closed).toEqual(issued);
  });
});
