// The baseline of the benchmark: what a first attempt looks like — the SFN client and the X-Ray
// SDK imported eagerly at the top, built with plain esbuild defaults (CommonJS builds of the SDK).
import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import * as AWSXRay from 'aws-xray-sdk-core';

const client = AWSXRay.captureAWSv3Client(new SFNClient({}));

export const handler = async (event: { detail: { taskToken: string; payload: unknown } }) => {
  await client.send(new SendTaskSuccessCommand({ taskToken: event.detail.taskToken, output: JSON.stringify(event.detail.payload) }));
  return { outcome: 'SUCCEEDED' };
};
