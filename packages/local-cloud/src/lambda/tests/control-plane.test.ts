import {
  AddPermissionCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  DeleteFunctionEventInvokeConfigCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetFunctionEventInvokeConfigCommand,
  GetPolicyCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ListFunctionEventInvokeConfigsCommand,
  ListFunctionsCommand,
  ListTagsCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  RemovePermissionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  UpdateFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { resolve } from 'node:path';
import { LOCAL_CODE_BUCKET } from '../lambda-service';
import { functionInput, HANDLERS, json, ROLE, startLambda, zipOf, type LambdaHarness } from './fixtures';

let h: LambdaHarness;
beforeEach(async () => {
  h = await startLambda();
});
afterEach(() => h.close());

const REPO = resolve(__dirname, '../../../../..');

describe('functions', () => {
  it('creates a function from zip bytes and describes it as Lambda does', async () => {
    // act
    const created = await h.client.send(new CreateFunctionCommand(functionInput('f1', HANDLERS.echo, { MemorySize: 512, Timeout: 10, Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, LoggingConfig: { LogFormat: 'JSON' }, Tags: { team: 'x' } })));
    const got = await h.client.send(new GetFunctionCommand({ FunctionName: 'f1' }));
    // assert
    expect(created).toMatchObject({
      FunctionName: 'f1',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f1',
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 10,
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: '/aws/lambda/f1' },
      State: 'Active',
      Version: '$LATEST',
      PackageType: 'Zip',
      CodeSha256: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      LastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
    });
    expect(got.Configuration?.FunctionName).toBe('f1');
    expect(got.Tags).toEqual({ team: 'x' });
  });

  it('creates a function from a folder holding a built bundle (S3Bucket "__local__") and runs it', async () => {
    await h.client.send(
      new CreateFunctionCommand({ FunctionName: 'summary', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { S3Bucket: LOCAL_CODE_BUCKET, S3Key: resolve(REPO, 'dist/apps/summary') } }),
    );
    const r = await h.client.send(new InvokeCommand({ FunctionName: 'summary', Payload: JSON.stringify({ requestId: 'r', expectedCaseIds: ['0'], results: [] }) }));
    expect(r.FunctionError).toBeUndefined();
    expect(json(r.Payload)).toMatchObject({ requestId: 'r', cases: 0, missing: ['0'] });
  });

  it('updates code and configuration; the next invocation runs the new code in a new environment', async () => {
    await h.client.send(new CreateFunctionCommand(functionInput('f2', HANDLERS.counter)));
    await h.client.send(new InvokeCommand({ FunctionName: 'f2', Payload: '{}' }));
    const code = await h.client.send(new UpdateFunctionCodeCommand({ FunctionName: 'f2', ZipFile: zipOf(`exports.handler = async () => 'v2';`) }));
    const config = await h.client.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'f2', Timeout: 42, Environment: { Variables: { A: '1' } } }));
    const r = await h.client.send(new InvokeCommand({ FunctionName: 'f2', Payload: '{}' }));
    expect(json(r.Payload)).toBe('v2');
    expect(config).toMatchObject({ Timeout: 42, Environment: { Variables: { A: '1' } }, CodeSha256: code.CodeSha256 });
    expect(config.RevisionId).not.toBe(code.RevisionId);
    expect(h.service.metrics('f2').EnvironmentsCreated).toBe(2);
  });

  it('lists functions with paging and deletes them', async () => {
    for (const name of ['a', 'b', 'c']) await h.client.send(new CreateFunctionCommand(functionInput(name, HANDLERS.echo)));
    const first = await h.client.send(new ListFunctionsCommand({ MaxItems: 2 }));
    const second = await h.client.send(new ListFunctionsCommand({ MaxItems: 2, Marker: first.NextMarker }));
    await h.client.send(new DeleteFunctionCommand({ FunctionName: 'b' }));
    const after = await h.client.send(new ListFunctionsCommand({}));
    expect(first.Functions?.map((f) => f.FunctionName)).toEqual(['a', 'b']);
    expect(second.Functions?.map((f) => f.FunctionName)).toEqual(['c']);
    expect(after.Functions?.map((f) => f.FunctionName)).toEqual(['a', 'c']);
    await expect(h.client.send(new GetFunctionConfigurationCommand({ FunctionName: 'b' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it.each([
    ['a name Lambda refuses', { FunctionName: 'bad name!' }, InvalidParameterValueException],
    ['a timeout over 900 s', { Timeout: 901 }, InvalidParameterValueException],
    ['memory under 128 MB', { MemorySize: 64 }, InvalidParameterValueException],
    ['a runtime that is not Node.js', { Runtime: 'python3.12' }, InvalidParameterValueException],
    ['a role that is not a role ARN', { Role: 'admin' }, InvalidParameterValueException],
    ['a zip that is not a zip', { Code: { ZipFile: Buffer.from('not a zip') } }, InvalidParameterValueException],
  ])('refuses %s', async (_what, overrides, type) => {
    await expect(h.client.send(new CreateFunctionCommand({ ...functionInput('x', HANDLERS.echo), ...overrides } as never))).rejects.toBeInstanceOf(type);
  });

  it('refuses a second function of the same name with ResourceConflictException', async () => {
    await h.client.send(new CreateFunctionCommand(functionInput('dup', HANDLERS.echo)));
    await expect(h.client.send(new CreateFunctionCommand(functionInput('dup', HANDLERS.echo)))).rejects.toBeInstanceOf(ResourceConflictException);
  });

  it('tags a function and lists and removes its tags', async () => {
    const { FunctionArn } = await h.client.send(new CreateFunctionCommand(functionInput('t', HANDLERS.echo)));
    await h.client.send(new TagResourceCommand({ Resource: FunctionArn, Tags: { a: '1', b: '2' } }));
    await h.client.send(new UntagResourceCommand({ Resource: FunctionArn, TagKeys: ['a'] }));
    expect((await h.client.send(new ListTagsCommand({ Resource: FunctionArn }))).Tags).toEqual({ b: '2' });
  });
});

describe('concurrency', () => {
  it('puts, gets and deletes reserved concurrency, and keeps 100 unreserved', async () => {
    await h.client.send(new CreateFunctionCommand(functionInput('c', HANDLERS.echo)));
    await h.client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'c', ReservedConcurrentExecutions: 40 }));
    expect((await h.client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'c' }))).ReservedConcurrentExecutions).toBe(40);
    expect((await h.client.send(new GetAccountSettingsCommand({}))).AccountLimit).toMatchObject({ ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 960 });
    await expect(h.client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'c', ReservedConcurrentExecutions: 901 }))).rejects.toThrow(/below its minimum value of \[100\]/);
    await h.client.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'c' }));
    expect((await h.client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'c' }))).ReservedConcurrentExecutions).toBeUndefined();
  });
});

describe('event invoke config', () => {
  it('puts, updates, gets, lists and deletes it, validating its bounds', async () => {
    await h.client.send(new CreateFunctionCommand(functionInput('e', HANDLERS.echo)));
    const queue = 'arn:aws:sqs:us-east-1:123456789012:q';
    await h.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'e', MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: queue } } }));
    const updated = await h.client.send(new UpdateFunctionEventInvokeConfigCommand({ FunctionName: 'e', MaximumEventAgeInSeconds: 300 }));
    expect(updated).toMatchObject({ MaximumRetryAttempts: 1, MaximumEventAgeInSeconds: 300, DestinationConfig: { OnFailure: { Destination: queue } }, FunctionArn: expect.stringMatching(/:e:\$LATEST$/) });
    expect(updated.LastModified).toBeInstanceOf(Date);
    expect((await h.client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'e' }))).MaximumEventAgeInSeconds).toBe(300);
    expect((await h.client.send(new ListFunctionEventInvokeConfigsCommand({ FunctionName: 'e' }))).FunctionEventInvokeConfigs).toHaveLength(1);
    await expect(h.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'e', MaximumRetryAttempts: 3 }))).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(h.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'e', MaximumEventAgeInSeconds: 30 }))).rejects.toBeInstanceOf(InvalidParameterValueException);
    await h.client.send(new DeleteFunctionEventInvokeConfigCommand({ FunctionName: 'e' }));
    await expect(h.client.send(new GetFunctionEventInvokeConfigCommand({ FunctionName: 'e' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('resource policy', () => {
  it('adds, reads and removes permissions, refusing a repeated statement id', async () => {
    await h.client.send(new CreateFunctionCommand(functionInput('p', HANDLERS.echo)));
    const rule = 'arn:aws:events:us-east-1:123456789012:rule/bus/compute';
    const added = await h.client.send(new AddPermissionCommand({ FunctionName: 'p', StatementId: 'AllowRule', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: rule, SourceAccount: '123456789012' }));
    expect(JSON.parse(added.Statement ?? '')).toEqual({
      Sid: 'AllowRule',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:p',
      Condition: { ArnLike: { 'AWS:SourceArn': rule }, StringEquals: { 'AWS:SourceAccount': '123456789012' } },
    });
    await expect(h.client.send(new AddPermissionCommand({ FunctionName: 'p', StatementId: 'AllowRule', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' }))).rejects.toBeInstanceOf(ResourceConflictException);
    const policy = JSON.parse((await h.client.send(new GetPolicyCommand({ FunctionName: 'p' }))).Policy ?? '') as { Statement: unknown[] };
    expect(policy.Statement).toHaveLength(1);
    await h.client.send(new RemovePermissionCommand({ FunctionName: 'p', StatementId: 'AllowRule' }));
    await expect(h.client.send(new GetPolicyCommand({ FunctionName: 'p' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(h.client.send(new RemovePermissionCommand({ FunctionName: 'p', StatementId: 'AllowRule' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
