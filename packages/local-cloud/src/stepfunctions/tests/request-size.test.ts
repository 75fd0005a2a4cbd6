// The 1 MB request quota.
import { StepFunctionsEngine, startSfnServer } from '../../index';

describe('request size', () => {
  it('a body over the 1 MB request quota gets a readable ValidationException, not a connection reset', async () => {
    // prepare
    const server = await startSfnServer({ engine: new StepFunctionsEngine(), port: 0 });
    try {
      // act
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartExecution' },
        body: JSON.stringify({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', input: 'a'.repeat(1_100_000) }),
      });
      // assert
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        __type: 'com.amazonaws.swf.service.v2.model#ValidationException',
        message: expect.stringContaining('1048576-byte request limit'),
      });
    } finally {
      await server.close();
    }
  });
});
