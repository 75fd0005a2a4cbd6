// CreateStateMachine's configuration members, UpdateStateMachine, DescribeStateMachineForExecution
// and tagging, through the real SDK client, as Terraform's aws_sfn_state_machine calls them.
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  InvalidArn,
  InvalidLoggingConfiguration,
  InvalidTracingConfiguration,
  ListTagsForResourceCommand,
  MissingRequiredParameter,
  ResourceNotFound,
  SFNClient,
  StartExecutionCommand,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  TagResourceCommand,
  TooManyTags,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  ValidationException,
} from '@aws-sdk/client-sfn';
import type { TaskRequest } from '../../index';
import { makeEngine, serveForSdk } from './helpers';

const engine = makeEngine();
const client = serveForSdk(engine);
const seen: TaskRequest[] = [];
let sfn: SFNClient;
const role = 'arn:aws:iam::123456789012:role/sfn';
const logGroupArn = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/m:*';
const taskDef = (result: string) =>
  JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::probe:run', Parameters: { result }, End: true } } });

beforeAll(async () => {
  engine.integrations.register('arn:aws:states:::probe:run', (req) => {
    seen.push(req);
    return (req.input as { result: string }).result;
  });
  sfn = client();
});

async function runToEnd(stateMachineArn: string) {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
  await engine.awaitExecution(executionArn as string);
  return sfn.send(new DescribeExecutionCommand({ executionArn }));
}

describe('CreateStateMachine and DescribeStateMachine', () => {
  it('store and return logging, tracing and tags; publish returns version 1', async () => {
    // act
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'configured',
        definition: taskDef('a'),
        roleArn: role,
        loggingConfiguration: { level: 'ERROR', includeExecutionData: true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }] },
        tracingConfiguration: { enabled: true },
        tags: [{ key: 'team', value: 'fan-out' }],
        publish: true,
        versionDescription: 'first',
      })
    );
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    const version = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineVersionArn }));
    const tags = await sfn.send(new ListTagsForResourceCommand({ resourceArn: created.stateMachineArn }));
    // assert
    expect(created.stateMachineVersionArn).toBe(`${created.stateMachineArn}:1`);
    expect(described).toMatchObject({
      loggingConfiguration: { level: 'ERROR', includeExecutionData: true, destinations: [{ cloudWatchLogsLogGroup: { logGroupArn } }] },
      tracingConfiguration: { enabled: true },
      revisionId: expect.any(String),
    });
    expect(version).toMatchObject({ stateMachineArn: created.stateMachineVersionArn, description: 'first', definition: taskDef('a') });
    expect(tags.tags).toEqual([{ key: 'team', value: 'fan-out' }]);
  });

  it('defaults to logging OFF and tracing off', async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'plain', definition: taskDef('a'), roleArn: role }));
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described).toMatchObject({ loggingConfiguration: { level: 'OFF', includeExecutionData: false }, tracingConfiguration: { enabled: false } });
  });

  it('is idempotent whatever roleArn and tags say; a different definition is StateMachineAlreadyExists', async () => {
    const first = await sfn.send(new CreateStateMachineCommand({ name: 'idem', definition: taskDef('a'), roleArn: role }));
    const again = await sfn.send(new CreateStateMachineCommand({ name: 'idem', definition: taskDef('a'), roleArn: `${role}-other`, tags: [{ key: 'k', value: 'v' }] }));
    expect(again.stateMachineArn).toBe(first.stateMachineArn);
    expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: first.stateMachineArn }))).roleArn).toBe(role);
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn: first.stateMachineArn }))).tags).toEqual([]);
    await expect(sfn.send(new CreateStateMachineCommand({ name: 'idem', definition: taskDef('b'), roleArn: role }))).rejects.toBeInstanceOf(StateMachineAlreadyExists);
  });

  it('refuses a logging level without a log group, a bad log group ARN and a non-boolean tracing flag', async () => {
    const send = (extra: Record<string, unknown>) => sfn.send(new CreateStateMachineCommand({ name: 'bad-config', definition: taskDef('a'), roleArn: role, ...extra }));
    await expect(send({ loggingConfiguration: { level: 'ALL' } })).rejects.toBeInstanceOf(InvalidLoggingConfiguration);
    await expect(send({ loggingConfiguration: { level: 'ALL', destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: 'nope' } }] } })).rejects.toBeInstanceOf(
      InvalidLoggingConfiguration
    );
    await expect(send({ tracingConfiguration: { enabled: 'yes' } })).rejects.toBeInstanceOf(InvalidTracingConfiguration);
  });
});

describe('UpdateStateMachine and DescribeStateMachineForExecution', () => {
  it('new executions run the update; an execution keeps the revision it started with', async () => {
    // prepare
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'updated', definition: taskDef('old'), roleArn: role }));
    const before = await runToEnd(stateMachineArn as string);
    // act
    const update = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: taskDef('new'), roleArn: `${role}-2`, tracingConfiguration: { enabled: true } })
    );
    const after = await runToEnd(stateMachineArn as string);
    const forBefore = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: before.executionArn }));
    const forAfter = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: after.executionArn }));
    // assert
    expect(update.updateDate).toBeInstanceOf(Date);
    expect([before.output, after.output]).toEqual(['"old"', '"new"']);
    expect(forBefore).toMatchObject({ stateMachineArn, definition: taskDef('old'), roleArn: role, tracingConfiguration: { enabled: false } });
    expect(forAfter).toMatchObject({ definition: taskDef('new'), roleArn: `${role}-2`, tracingConfiguration: { enabled: true }, revisionId: update.revisionId });
    expect(forAfter.updateDate?.getTime()).toBe(update.updateDate?.getTime());
    expect(forBefore.updateDate?.getTime()).toBeLessThanOrEqual(update.updateDate?.getTime() ?? 0);
  });

  it('answers MissingRequiredParameter with nothing to update, StateMachineDoesNotExist for an unknown machine', async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'nothing', definition: taskDef('a'), roleArn: role }));
    await expect(sfn.send(new UpdateStateMachineCommand({ stateMachineArn }))).rejects.toBeInstanceOf(MissingRequiredParameter);
    await expect(sfn.send(new UpdateStateMachineCommand({ stateMachineArn: `${stateMachineArn}-gone`, roleArn: role }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist
    );
  });
});

describe('tracing', () => {
  it('a traced machine hands each task one trace header per execution; DescribeExecution shows it', async () => {
    // prepare
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'traced', definition: taskDef('t'), roleArn: role, tracingConfiguration: { enabled: true } })
    );
    seen.length = 0;
    // act
    const described = await runToEnd(stateMachineArn as string);
    // assert
    const header = seen[0]?.traceHeader ?? '';
    expect(header).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$/);
    expect(described.traceHeader).toBe(`${header.split(';')[0] as string};Sampled=1`);
    expect(seen[0]).toMatchObject({ roleArn: role, region: 'us-east-1', accountId: '123456789012' });
  });

  it('an untraced machine hands no trace header', async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: 'untraced', definition: taskDef('u'), roleArn: role }));
    seen.length = 0;
    await runToEnd(stateMachineArn as string);
    expect(seen[0]).not.toHaveProperty('traceHeader');
  });
});

describe('TagResource, UntagResource, ListTagsForResource', () => {
  it('adds, overwrites and removes tags', async () => {
    const { stateMachineArn: resourceArn } = await sfn.send(new CreateStateMachineCommand({ name: 'tagged', definition: taskDef('a'), roleArn: role }));
    await sfn.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }));
    await sfn.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'a', value: '3' }] }));
    await sfn.send(new UntagResourceCommand({ resourceArn, tagKeys: ['b', 'never-set'] }));
    expect((await sfn.send(new ListTagsForResourceCommand({ resourceArn }))).tags).toEqual([{ key: 'a', value: '3' }]);
  });

  it('answers ResourceNotFound, InvalidArn, TooManyTags and ValidationException as AWS does', async () => {
    const { stateMachineArn: resourceArn } = await sfn.send(new CreateStateMachineCommand({ name: 'limits', definition: taskDef('a'), roleArn: role }));
    const many = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await expect(sfn.send(new ListTagsForResourceCommand({ resourceArn: `${resourceArn}-gone` }))).rejects.toBeInstanceOf(ResourceNotFound);
    await expect(sfn.send(new TagResourceCommand({ resourceArn: 'not-an-arn', tags: [] }))).rejects.toBeInstanceOf(InvalidArn);
    await expect(sfn.send(new TagResourceCommand({ resourceArn, tags: many }))).rejects.toBeInstanceOf(TooManyTags);
    await expect(sfn.send(new TagResourceCommand({ resourceArn, tags: [{ key: '', value: 'v' }] }))).rejects.toBeInstanceOf(ValidationException);
  });
});
