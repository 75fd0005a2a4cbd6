import { Construct } from 'constructs';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { DLQ_RETENTION_SECONDS } from '../constants';
import type { TracedLambda } from './traced-lambda';

export interface AsyncFailureQueueProps {
  readonly lambda: TracedLambda;
  readonly queueName: string;
  readonly maxRetryAttempts: number;
  readonly maxEventAgeSeconds: number;
}

/**
 * An asynchronously invoked function's own on-failure destination: EventBridge's DLQ only sees
 * delivery failures, not handler errors, which Lambda retries and then sends here.
 */
export class AsyncFailureQueue extends Construct {
  readonly queue: SqsQueue;

  constructor(scope: Construct, id: string, props: AsyncFailureQueueProps) {
    super(scope, id);
    this.queue = new SqsQueue(this, 'queue', { name: props.queueName, sqsManagedSseEnabled: true, messageRetentionSeconds: DLQ_RETENTION_SECONDS });
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
