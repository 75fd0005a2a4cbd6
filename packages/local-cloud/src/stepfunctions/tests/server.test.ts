// Raw protocol checks the SDK cannot provoke: headers, bodies, unknown operations.
import { startSfnServer, StepFunctionsEngine, type RunningSfnServer } from '../../index';

let server: RunningSfnServer;
beforeAll(async () => {
  server = await startSfnServer({ engine: new StepFunctionsEngine(), port: 0 });
});
afterAll(() => server.close());

async function call(target: string | undefined, body: string) {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
  if (target) headers['x-amz-target'] = target;
  const res = await fetch(server.url, { method: 'POST', headers, body });
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as Record<string, unknown> };
}

describe('JSON 1.0 endpoint', () => {
  it('binds to loopback and answers in application/x-amz-json-1.0', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await call('AWSStepFunctions.ListStateMachines', '{}');
    expect(r).toEqual({ status: 200, type: 'application/x-amz-json-1.0', json: { stateMachines: [] } });
  });

  it('errors carry __type with the AWS namespace and a message', async () => {
    const r = await call('AWSStepFunctions.DescribeExecution', JSON.stringify({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:x:y' }));
    expect(r.status).toBe(400);
    expect(r.json).toEqual({ __type: 'com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist', message: expect.stringContaining('execution:x:y') });
  });

  it.each([
    ['AWSStepFunctions.CreateActivity', '{}', 'UnknownOperationException'],
    [undefined, '{}', 'UnknownOperationException'],
    ['AWSStepFunctions.ListStateMachines', '{nope', 'SerializationException'],
    ['AWSStepFunctions.StartExecution', '{}', 'ValidationException'],
  ])('%s with %s → %s', async (target, body, code) => {
    const r = await call(target, body);
    expect(r.status).toBe(400);
    expect(String(r.json['__type'])).toMatch(new RegExp(`#${code}$`));
  });
});
