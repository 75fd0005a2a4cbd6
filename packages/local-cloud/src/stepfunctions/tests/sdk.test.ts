// The real AWS SDK v3 client against the endpoint: every operation and every error code.
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidDefinition,
  InvalidExecutionInput,
  InvalidName,
  InvalidOutput,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  ValidateStateMachineDefinitionCommand,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { createMachine, makeEngine, serveForSdk } from './helpers';

const engine = makeEngine({ echo: (e) => e });
const client = serveForSdk(engine);
let sfn: SFNClient;
const tokens: string[] = [];

beforeAll(async () => {
  // The registry matches the resource without its .waitForTaskToken suffix; this integration
  // captures the token when the task is submitted.
  engine.integrations.register('arn:aws:states:::local:callback', (req) => {
    tokens.push(req.taskToken as string);
    return { submitted: true };
  });
  sfn = client();
});

const callbackDef = JSON.stringify({
  StartAt: 'Wait',
  States: { Wait: { Type: 'Task', Resource: 'arn:aws:states:::local:callback.waitForTaskToken', Parameters: { 'token.$': '$$.Task.Token' }, End: true } },
});
const echoDef = JSON.stringify({
  StartAt: 'Echo',
  States: { Echo: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:echo', End: true } },
});

async function nextToken(): Promise<string> {
  while (tokens.length === 0) await new Promise((r) => setTimeout(r, 2));
  return tokens.shift() as string;
}

async function waitClosed(executionArn: string) {
  for (;;) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') return d;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('state machines', () => {
  it('create, describe, list, validate, delete', async () => {
    const created = await sfn.send(new CreateStateMachineCommand({ name: 'echo', definition: echoDef, roleArn: 'arn:aws:iam::123456789012:role/r' }));
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:echo');
    expect(created.creationDate).toBeInstanceOf(Date);

    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(described).toMatchObject({ name: 'echo', definition: echoDef, status: 'ACTIVE', type: 'STANDARD' });

    const listed = await sfn.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((m) => m.name)).toContain('echo');

    const ok = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: echoDef }));
    expect(ok.result).toBe('OK');
    const bad = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify({ StartAt: 'X', States: { X: { Type: 'Pass' } } }) }));
    expect(bad.result).toBe('FAIL');
    expect(bad.diagnostics?.[0]?.message).toContain('X');

    const tmp = await sfn.send(new CreateStateMachineCommand({ name: 'tmp', definition: echoDef, roleArn: 'arn:aws:iam::123456789012:role/r' }));
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: tmp.stateMachineArn }));
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: tmp.stateMachineArn }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });

  it('InvalidDefinition and InvalidName come back as the SDK exception classes', async () => {
    await expect(
      sfn.send(
        new CreateStateMachineCommand({
          name: 'bad',
          definition: '{"StartAt":"A","States":{"A":{"Type":"Nope","End":true}}}',
          roleArn: 'arn:aws:iam::1:role/r',
        })
      )
    ).rejects.toBeInstanceOf(InvalidDefinition);
    await expect(sfn.send(new CreateStateMachineCommand({ name: 'bad name', definition: echoDef, roleArn: 'arn:aws:iam::1:role/r' }))).rejects.toBeInstanceOf(
      InvalidName
    );
  });
});

describe('executions', () => {
  let smArn: string;
  beforeAll(async () => {
    smArn = await createMachine(sfn, 'echo2', echoDef);
  });

  it('start, describe, list, history with paging, reverse order and without data', async () => {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: smArn, name: 'run-1', input: '{"hello":"world"}' }));
    const done = await waitClosed(started.executionArn as string);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"hello":"world"}', name: 'run-1' });
    expect(done.startDate).toBeInstanceOf(Date);

    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: smArn, statusFilter: 'SUCCEEDED' }));
    expect(listed.executions?.map((e) => e.name)).toContain('run-1');

    const page1 = await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, maxResults: 3 }));
    expect(page1.events?.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(page1.events?.[0]?.timestamp).toBeInstanceOf(Date);
    expect(page1.events?.[0]?.executionStartedEventDetails?.input).toBe('{"hello":"world"}');
    const page2 = await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, maxResults: 3, nextToken: page1.nextToken }));
    expect(page2.events?.[0]?.id).toBe(4);
    expect(page2.events?.[0]?.type).toBe('LambdaFunctionStarted');

    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn, reverseOrder: true, includeExecutionData: false }));
    expect(reversed.events?.[0]?.type).toBe('ExecutionSucceeded');
    expect(reversed.events?.[0]?.executionSucceededEventDetails?.output).toBeUndefined();
  });

  it('ExecutionAlreadyExists, InvalidExecutionInput, ExecutionDoesNotExist, StateMachineDoesNotExist', async () => {
    await sfn.send(new StartExecutionCommand({ stateMachineArn: smArn, name: 'dup', input: '{}' }));
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: smArn, name: 'dup', input: '{"x":1}' }))).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: smArn, input: '{nope' }))).rejects.toBeInstanceOf(InvalidExecutionInput);
    await expect(sfn.send(new DescribeExecutionCommand({ executionArn: `${smArn.replace('stateMachine', 'execution')}:missing` }))).rejects.toBeInstanceOf(
      ExecutionDoesNotExist
    );
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn: `${smArn}-missing` }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
  });
});

describe('task tokens and StopExecution', () => {
  let smArn: string;
  beforeAll(async () => {
    smArn = await createMachine(sfn, 'callback', callbackDef);
  });

  it('SendTaskHeartbeat, SendTaskSuccess, then TaskTimedOut on a second success', async () => {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: smArn, input: '{}' }));
    const token = await nextToken();
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok":1}' }));
    expect(await waitClosed(started.executionArn as string)).toMatchObject({ status: 'SUCCEEDED', output: '{"ok":1}' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('InvalidToken, TaskDoesNotExist, InvalidOutput, SendTaskFailure', async () => {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: smArn, input: '{}' }));
    const token = await nextToken();
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'garbage', output: '{}' }))).rejects.toBeInstanceOf(InvalidToken);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: 'B'.repeat(64), output: '{}' }))).rejects.toBeInstanceOf(TaskDoesNotExist);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: 'not json' }))).rejects.toBeInstanceOf(InvalidOutput);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify('x'.repeat(262_144)) }))).rejects.toBeInstanceOf(
      ValidationException
    );
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Compute.Failed', cause: 'boom' }));
    expect(await waitClosed(started.executionArn as string)).toMatchObject({ status: 'FAILED', error: 'Compute.Failed', cause: 'boom' });
  });

  it('StopExecution aborts and closes the token', async () => {
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: smArn, input: '{}' }));
    const token = await nextToken();
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn: started.executionArn, error: 'Stop', cause: 'test' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(await waitClosed(started.executionArn as string)).toMatchObject({ status: 'ABORTED' });
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
  });
});
