import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The only differences between the targets: an explicit endpoint and credentials for the local
 * cloud; for AWS neither, so the SDK's default chain and the AWS_ENDPOINT_URL* variables apply.
 */
export interface ClientSettings {
  region: string;
  endpoint?: string;
  credentials?: StaticCredentials;
}

export interface BenchClients {
  settings: ClientSettings;
  sfn: SFNClient;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  sqs: SQSClient;
  destroy(): void;
}

export function createClients(settings: ClientSettings): BenchClients {
  const config = {
    region: settings.region,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
  };
  const sfn = new SFNClient(config);
  const lambda = new LambdaClient(config);
  const logs = new CloudWatchLogsClient(config);
  const sqs = new SQSClient(config);
  return {
    settings,
    sfn,
    lambda,
    logs,
    sqs,
    destroy: () => [sfn, lambda, logs, sqs].forEach((client) => client.destroy()),
  };
}
