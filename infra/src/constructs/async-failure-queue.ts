import { Construct } from 'constructs';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { DLQ_RETENTION_SECONDS } from '../constants';
import { denyAllButRole, denyInsecureTransport, policyDocument } from '../iam';
import type { TracedLambda } from './traced-lambda';

export interface AsyncFailureQueueProps {
  readonly lambda: TracedLambda;
  readonly queueName: string;
  readonly maxRetryAttempts: number;
  readonly maxEventAgeSeconds: number;
}

/**
 * An asynchronously invoked function's own on-failure destination: EventBridge's DLQ only sees
 * delivery failures, not handler errors, which Lambda retries and then sends here. Its policy
 * takes requests over TLS only, and messages from the function's role only (Lambda sends a
 * destination record with that role).
 */
export class AsyncFailureQueue extends Construct {
  readonly queue: SqsQueue;

  constructor(scope: Construct, id: string, props: AsyncFailureQueueProps) {
    super(scope, id);
    this.queue = new SqsQueue(this, 'queue', { name: props.queueName, sqsManagedSseEnabled: true, messageRetentionSeconds: DLQ_RETENTION_SECONDS });
    new SqsQueuePolicy(this, 'queue-policy', {
      queueUrl: this.queue.url,
      policy: policyDocument([
        denyInsecureTransport(['sqs:*'], this.queue.arn),
        denyAllButRole('OnlyTheFunctionSends', ['sqs:SendMessage'], this.queue.arn, props.lambda.role.arn),
      ]),
    });
    // Destinations are sent with the function's own role.
    const policy = props.lambda.addPolicy('on-failure-destination', [
      { Sid: 'OnFailureDestination', Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [this.queue.arn] },
    ]);
    new LambdaFunctionEventInvokeConfig(this, 'invoke-config', {
      functionName: props.lambda.function.functionName,
      maximumRetryAttempts: props.maxRetryAttempts,
      maximumEventAgeInSeconds: props.maxEventAgeSeconds,
      destinationConfig: { onFailure: { destination: this.queue.arn } },
      dependsOn: [policy],
    });
  }
}
