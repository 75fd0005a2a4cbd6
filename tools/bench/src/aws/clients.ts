import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
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
  /** distributed-map: uploads the items objects, reads the Map Run's results back. */
  s3: S3Client;
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
  // A local endpoint serves S3 path-style (one host for every bucket); AWS's own endpoints take virtual-hosted names.
  const s3 = new S3Client({ ...config, forcePathStyle: settings.endpoint !== undefined });
  return {
    settings,
    sfn,
    lambda,
    logs,
    sqs,
    s3,
    destroy: () => [sfn, lambda, logs, sqs, s3].forEach((client) => client.destroy()),
  };
}
