import { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';

/**
 * Imported lazily by the handler (see task-reporter.ts). Region and endpoint come from the
 * standard SDK environment (AWS_REGION, AWS_ENDPOINT_URL_SFN / AWS_ENDPOINT_URL), so the same
 * bundle talks to AWS or to the local cloud.
 */
export function createSfnClient(): SFNClient {
  return new SFNClient({});
}

export { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand };
