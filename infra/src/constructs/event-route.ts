import { Construct } from 'constructs';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { DLQ_RETENTION_SECONDS } from '../constants';
import { denyAllButRole, denyInsecureTransport, policyDocument } from '../iam';

/** The subset of EventBridge patterns the project uses: exact values, an array meaning "any of". */
export type EventPattern = { [field: string]: string[] | EventPattern };

export interface EventRouteProps {
  readonly busName: string;
  readonly ruleName: string;
  readonly eventPattern: EventPattern;
  readonly target: LambdaFunction;
  readonly maxRetryAttempts: number;
  readonly maxEventAgeSeconds: number;
}

/**
 * A dedicated EventBridge bus whose rule sends matching events to a Lambda, with a retry policy
 * and an encrypted SQS dead-letter queue that only this rule may write to, over TLS only.
 * `allowPutEventsOnlyFrom` then gives the bus a resource policy naming its one producer.
 */
export class EventRoute extends Construct {
  readonly bus: CloudwatchEventBus;
  readonly rule: CloudwatchEventRule;
  readonly target: CloudwatchEventTarget;
  readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: EventRouteProps) {
    super(scope, id);
    this.bus = new CloudwatchEventBus(this, 'bus', { name: props.busName });
    this.rule = new CloudwatchEventRule(this, 'rule', { name: props.ruleName, eventBusName: this.bus.name, eventPattern: JSON.stringify(props.eventPattern) });
    this.deadLetterQueue = new SqsQueue(this, 'dlq', { name: `${props.ruleName}-dlq`, sqsManagedSseEnabled: true, messageRetentionSeconds: DLQ_RETENTION_SECONDS });
    new SqsQueuePolicy(this, 'dlq-policy', {
      queueUrl: this.deadLetterQueue.url,
      policy: policyDocument([
        {
          Sid: 'OnlyThisRule',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['sqs:SendMessage'],
          Resource: [this.deadLetterQueue.arn],
          Condition: { ArnEquals: { 'aws:SourceArn': this.rule.arn } },
        },
        denyInsecureTransport(['sqs:*'], this.deadLetterQueue.arn),
      ]),
    });
    const permission = new LambdaPermission(this, 'invoke-permission', {
      statementId: 'AllowThisRule',
      action: 'lambda:InvokeFunction',
      functionName: props.target.functionName,
      principal: 'events.amazonaws.com',
      sourceArn: this.rule.arn,
    });
    this.target = new CloudwatchEventTarget(this, 'target', {
      rule: this.rule.name,
      eventBusName: this.bus.name,
      targetId: 'compute',
      arn: props.target.arn,
      retryPolicy: { maximumRetryAttempts: props.maxRetryAttempts, maximumEventAgeInSeconds: props.maxEventAgeSeconds },
      deadLetterConfig: { arn: this.deadLetterQueue.arn },
      dependsOn: [permission],
    });
  }

  /**
   * The bus accepts PutEvents from `roleArn` only: an Allow for it, and a Deny for every other
   * principal, which an identity policy granting events:PutEvents on `*` cannot override.
   */
  allowPutEventsOnlyFrom(roleArn: string): CloudwatchEventBusPolicy {
    return new CloudwatchEventBusPolicy(this, 'bus-policy', {
      eventBusName: this.bus.name,
      policy: policyDocument([
        { Sid: 'PutEventsFromStateMachine', Effect: 'Allow', Principal: { AWS: roleArn }, Action: ['events:PutEvents'], Resource: [this.bus.arn] },
        denyAllButRole('OnlyTheStateMachinePuts', ['events:PutEvents'], this.bus.arn, roleArn),
      ]),
    });
  }
}
