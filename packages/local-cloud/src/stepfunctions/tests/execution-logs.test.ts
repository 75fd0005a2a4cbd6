import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogStreamsCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand, UpdateStateMachineCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { LocalCloud } from '../../local-cloud';
import { executionLogMessage, executionLogStream, levelLogs, loggedGroupName, LOGGED_PAYLOAD_LIMIT } from '../engine/execution-logs';
import type { StoredEvent } from '../engine/history';
import { distributedMap } from './distributed-helpers';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/r`;
const groupArn = (name: string): string => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}:*`;
const stored = (fields: Partial<StoredEvent>): StoredEvent => ({ id: 2, previousEventId: 1, ms: 1_767_225_600_123.4, type: 'PassStateEntered', key: 'stateEnteredEventDetails', details: undefined, ...fields });

interface LoggedEvent {
  id: string;
  type: string;
  details?: Record<string, unknown>;
  previous_event_id: string;
  event_timestamp: string;
  execution_arn: string;
}

describe('what an execution log event holds', () => {
  it('logs every event at ALL, the failures at ERROR and only how an execution ended badly at FATAL (the guide\'s table)', () => {
    // Act
    const at = (level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF') => ['ExecutionStarted', 'TaskScheduled', 'TaskFailed', 'FailStateEntered', 'MapRunFailed', 'ExecutionFailed', 'ExecutionSucceeded'].filter((t) => levelLogs(level, t));

    // Assert
    expect(at('ALL')).toHaveLength(7);
    expect(at('ERROR')).toEqual(['TaskFailed', 'FailStateEntered', 'MapRunFailed', 'ExecutionFailed']);
    expect(at('FATAL')).toEqual(['ExecutionFailed']);
    expect(at('OFF')).toEqual([]);
  });

  it('reads the log group from the destination ARN, and none when logging is off', () => {
    // Act / Assert
    expect(loggedGroupName({ level: 'ALL', includeExecutionData: true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: groupArn('/aws/vendedlogs/states/m') } }] })).toBe('/aws/vendedlogs/states/m');
    expect(loggedGroupName({ level: 'OFF', includeExecutionData: false, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: groupArn('g') } }] })).toBeUndefined();
  });

  it('writes ids and timestamps as strings, in whole milliseconds, with the execution ARN', () => {
    // Act
    const message = JSON.parse(executionLogMessage(stored({ details: { name: 'P', input: '{"a":1}', inputDetails: { truncated: false } } }), 'arn:x', true)) as LoggedEvent;

    // Assert
    expect(message).toEqual({ id: '2', type: 'PassStateEntered', details: { name: 'P', input: '{"a":1}', inputDetails: { truncated: false } }, previous_event_id: '1', event_timestamp: '1767225600123', execution_arn: 'arn:x' });
  });

  it('leaves input, output and parameters out without includeExecutionData', () => {
    // Act
    const message = JSON.parse(executionLogMessage(stored({ type: 'TaskScheduled', details: { resource: 'invoke', resourceType: 'lambda', region: 'us-east-1', parameters: '{"secret":1}' } }), 'arn:x', false)) as LoggedEvent;

    // Assert
    expect(message.details).toEqual({ resource: 'invoke', resourceType: 'lambda', region: 'us-east-1' });
  });

  it('truncates escaped data past 248 KB and says so', () => {
    // Prepare: quotes escape to two characters, so the escaped form passes the limit at half the length
    const output = '"'.repeat(LOGGED_PAYLOAD_LIMIT / 2 + 10);

    // Act
    const message = JSON.parse(executionLogMessage(stored({ type: 'ExecutionSucceeded', details: { output, outputDetails: { truncated: false } } }), 'arn:x', true)) as LoggedEvent;

    // Assert
    expect(JSON.stringify(message.details?.['output']).length).toBeLessThanOrEqual(LOGGED_PAYLOAD_LIMIT);
    expect((message.details?.['output'] as string).length).toBeGreaterThan(LOGGED_PAYLOAD_LIMIT / 2 - 2);
    expect(message.details?.['outputDetails']).toEqual({ truncated: true });
  });

  it('names one stream per execution by its state machine and the minute it started, without the ARN\'s colons', () => {
    // Act
    const stream = executionLogStream('m', `arn:aws:states:us-east-1:${ACCOUNT}:execution:m:e1`, Date.UTC(2026, 0, 2, 3, 4, 5));

    // Assert
    expect(stream).toMatch(/^states\/m\/2026-01-02-03-04\/[0-9a-f]{16}$/);
    expect(executionLogStream('m', `arn:aws:states:us-east-1:${ACCOUNT}:execution:m:e2`, Date.UTC(2026, 0, 2, 3, 4, 5))).not.toBe(stream);
  });
});

describe('executions logged to CloudWatch Logs, read through the SDK', () => {
  let cloud: LocalCloud;
  let sfn: SFNClient;
  let logs: CloudWatchLogsClient;
  let counter = 0;

  beforeAll(async () => {
    cloud = await LocalCloud.start({ iam: 'off', timeScale: 1000 });
    const client = { endpoint: cloud.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 };
    sfn = new SFNClient(client);
    logs = new CloudWatchLogsClient(client);
  });
  afterAll(async () => {
    sfn.destroy();
    logs.destroy();
    await cloud.stop();
  });

  /** A state machine logging to its own new group; runs it on `input` and returns the execution and what the group holds. */
  async function run(definition: unknown, logging: { level: 'ALL' | 'ERROR' | 'FATAL'; includeExecutionData: boolean }, input: unknown = {}) {
    const name = `logged-${++counter}`;
    const group = `/aws/vendedlogs/states/${name}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition), loggingConfiguration: { ...logging, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: groupArn(group) } }] } })
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
    await cloud.stepFunctions.awaitExecution(executionArn as string);
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: group }));
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: group }));
    const logged = (page.events ?? []).map((e) => JSON.parse(e.message as string) as LoggedEvent);
    return { executionArn: executionArn as string, logged, timestamps: (page.events ?? []).map((e) => e.timestamp), streams: (streams.logStreams ?? []).map((s) => s.logStreamName) };
  }

  it('at ALL, logs the whole history: the same ids, types, chaining and times GetExecutionHistory returns', async () => {
    // Prepare
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: true }, Next: 'W' }, W: { Type: 'Wait', Seconds: 1, End: true } } };

    // Act
    const { executionArn, logged, timestamps, streams } = await run(definition, { level: 'ALL', includeExecutionData: true }, { caseId: '7' });
    const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events as HistoryEvent[];

    // Assert
    expect(streams).toHaveLength(1);
    expect(logged.map((e) => [Number(e.id), e.type, Number(e.previous_event_id)])).toEqual(history.map((e) => [e.id, e.type, e.previousEventId]));
    expect(timestamps).toEqual(history.map((e) => (e.timestamp as Date).getTime()));
    expect(logged.every((e) => e.execution_arn === executionArn)).toBe(true);
    expect(logged[0]?.details).toMatchObject({ input: '{"caseId":"7"}', roleArn: ROLE });
    expect(logged.at(-1)).toMatchObject({ type: 'ExecutionSucceeded', details: { output: '{"ok":true}' } });
  });

  it('at ERROR, logs only the failures; without execution data, no input or output', async () => {
    // Prepare
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', Next: 'F' }, F: { Type: 'Fail', Error: 'CaseFailed', Cause: 'bad case' } } };

    // Act
    const { executionArn, logged } = await run(definition, { level: 'ERROR', includeExecutionData: false }, { secret: 's' });
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));

    // Assert
    expect(described.status).toBe('FAILED');
    expect(logged.map((e) => e.type)).toEqual(['FailStateEntered', 'ExecutionFailed']);
    expect(logged[0]?.details).toEqual({ name: 'F' });
    expect(logged[1]?.details).toEqual({ error: 'CaseFailed', cause: 'bad case' });
  });

  it('refuses a logging state machine whose log group does not exist, when it is created or updated', async () => {
    // Prepare
    const loggingConfiguration = { level: 'ALL' as const, includeExecutionData: false, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: groupArn('/aws/vendedlogs/states/nowhere') } }] };
    const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

    // Act
    const created = await sfn.send(new CreateStateMachineCommand({ name: 'unlogged', roleArn: ROLE, definition })).then(() => 'created');
    const refused = await sfn.send(new CreateStateMachineCommand({ name: 'nowhere', roleArn: ROLE, definition, loggingConfiguration })).catch((err: Error) => err);
    const refusedUpdate = await sfn
      .send(new UpdateStateMachineCommand({ stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:unlogged`, loggingConfiguration }))
      .catch((err: Error) => err);

    // Assert
    expect(created).toBe('created');
    for (const err of [refused, refusedUpdate]) {
      expect(err).toMatchObject({ name: 'InvalidLoggingConfiguration', message: expect.stringContaining("no log group named '/aws/vendedlogs/states/nowhere'") });
    }
  });

  it('logs a Distributed Map\'s Express children, which keep no history, to the parent\'s group, each in its own stream', async () => {
    // Prepare: three items, each child a Pass
    const definition = distributedMap({ ItemsPath: '$.items' }, 'EXPRESS', { StartAt: 'C', States: { C: { Type: 'Pass', End: true } } });

    // Act
    const { executionArn, logged, streams } = await run(definition, { level: 'ALL', includeExecutionData: true }, { items: [1, 2, 3] });

    // Assert
    const children = logged.filter((e) => e.execution_arn.includes(':express:'));
    const byChild = new Map<string, string[]>();
    for (const e of children) byChild.set(e.execution_arn, [...(byChild.get(e.execution_arn) ?? []), e.type]);
    expect(byChild.size).toBe(3);
    for (const events of byChild.values()) expect(events).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    // Chained as a Standard history is: the first state's event follows event 0.
    expect(children.filter((e) => e.type === 'PassStateExited').map((e) => e.previous_event_id)).toEqual(['2', '2', '2']);
    expect(children.filter((e) => e.type === 'PassStateEntered').map((e) => e.previous_event_id)).toEqual(['0', '0', '0']);
    expect(logged.filter((e) => e.execution_arn === executionArn).map((e) => e.type)).toContain('MapRunSucceeded');
    expect(streams).toHaveLength(4);
  });
});
