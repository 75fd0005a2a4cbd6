// Error codes of the JSON 1.0 protocol for malformed ARNs and mistyped members.
import { DescribeExecutionCommand, InvalidArn, SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsEngine, startSfnServer, type RunningSfnServer } from '../../index';

describe('wire protocol', () => {
  let server: RunningSfnServer;
  beforeAll(async () => {
    server = await startSfnServer({ engine: new StepFunctionsEngine(), port: 0 });
  });
  afterAll(() => server.close());

  async function call(target: string, body: unknown) {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${target}` },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { __type: string; message: string };
    return { status: res.status, code: json.__type.split('#')[1], message: json.message };
  }

  it.each([
    ['DescribeExecution', { executionArn: 'garbage' }, 'InvalidArn', 'garbage'],
    ['StopExecution', { executionArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m' }, 'InvalidArn', 'execution ARN'],
    ['DescribeStateMachine', { stateMachineArn: 'nope' }, 'InvalidArn', 'nope'],
    ['StartExecution', { stateMachineArn: 5 }, 'SerializationException', "'stateMachineArn' must be a string"],
    ['StartExecution', { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', name: 7 }, 'SerializationException', "'name'"],
  ])('%s %j → %s', async (target, body, code, text) => {
    const r = await call(target, body);
    expect(r).toMatchObject({ status: 400, code, message: expect.stringContaining(text) });
  });

  it.each([
    ['DescribeStateMachine', { stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m:1' }, 'StateMachineDoesNotExist'],
    ['DescribeExecution', { executionArn: 'arn:aws:states:us-east-1:123456789012:express:m:e:0a1b' }, 'ExecutionDoesNotExist'],
  ])('a well-formed %s ARN (qualified / Express) is looked up, not InvalidArn', async (target, body, code) => {
    expect(await call(target, body)).toMatchObject({ status: 400, code });
  });

  it('the SDK raises its InvalidArn class for a malformed ARN', async () => {
    const sfn = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' }, maxAttempts: 1 });
    try {
      await expect(sfn.send(new DescribeExecutionCommand({ executionArn: 'not-an-arn' }))).rejects.toBeInstanceOf(InvalidArn);
    } finally {
      sfn.destroy();
    }
  });
});
