import { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { SEND_TASK_RETRY } from '@fanout/shared-types';

/**
 * Imported lazily by the handler (see task-reporter.ts). Region and endpoint come from the
 * standard SDK environment (AWS_REGION, AWS_ENDPOINT_URL_SFN / AWS_ENDPOINT_URL), so the same
 * bundle talks to AWS or to the local cloud. The answer is retried here, adaptively and a bounded
 * number of times (SEND_TASK_RETRY): a throttled SendTaskSuccess (ThrottlingException, 5xx)
 * must not fail the invocation, or Lambda's asynchronous retry would redo the whole computation.
 */
export function createSfnClient(): SFNClient {
  return new SFNClient({ retryMode: SEND_TASK_RETRY.retryMode, maxAttempts: SEND_TASK_RETRY.maxAttempts });
}

export { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand };
