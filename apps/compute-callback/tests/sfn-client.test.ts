import { SEND_TASK_RETRY } from '@fanout/shared-types';
import { createSfnClient } from '../src/sfn-client';

describe('the SFN client compute-callback answers with', () => {
  it('retries adaptively and a bounded number of times (SEND_TASK_RETRY)', async () => {
    // prepare
    Object.assign(process.env, { AWS_REGION: 'us-east-1' });

    // act
    const client = createSfnClient();

    // assert
    expect(await client.config.maxAttempts()).toBe(SEND_TASK_RETRY.maxAttempts);
    expect(client.config.retryMode).toBe('adaptive');
    expect((await client.config.retryStrategy()) as { mode?: string }).toMatchObject({ mode: 'adaptive' });
    client.destroy();
  });
});
