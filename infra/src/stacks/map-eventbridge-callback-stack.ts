import type { Construct } from 'constructs';
import { CALLBACK_DETAIL_TYPE, CALLBACK_EVENT_SOURCE } from '@fanout/shared-types';
import { mapEventBridgeCallbackDefinition } from '../asl/definitions';
import {
  CALLBACK_LAMBDA_ASYNC_RETRIES,
  CALLBACK_LAMBDA_MAX_EVENT_AGE_SECONDS,
  EVENT_TARGET_MAX_EVENT_AGE_SECONDS,
  EVENT_TARGET_MAX_RETRY_ATTEMPTS,
  SUMMARY_MEMORY_MB,
  SUMMARY_TIMEOUT_SECONDS,
  TASK_TIMEOUT_MARGIN_SECONDS,
} from '../constants';
import { AsyncFailureQueue } from '../constructs/async-failure-queue';
import { EventRoute } from '../constructs/event-route';
import { TracedLambda } from '../constructs/traced-lambda';
import { TracedStateMachine } from '../constructs/state-machine';
import { invokeFunctionsStatement } from '../iam';
import { PatternStack, type PatternStackProps } from './pattern-stack';

/** Inline Map putting one callback event per case on a dedicated bus; compute-callback answers with the token; then the summary. */
export class MapEventBridgeCallbackStack extends PatternStack {
  readonly computeCallback: TracedLambda;
  readonly summary: TracedLambda;
  readonly route: EventRoute;
  readonly failureQueue: AsyncFailureQueue;
  readonly stateMachine: TracedStateMachine;

  constructor(scope: Construct, props: PatternStackProps) {
    super(scope, 'map-eventbridge-callback', props);
    const { config } = this;
    this.computeCallback = new TracedLambda(this, 'compute-callback', {
      functionName: `${this.baseName}-compute-callback`,
      bundleDir: this.bundleDir('compute-callback'),
      memoryMb: config.lambdaMemoryMb,
      timeoutSeconds: config.lambdaTimeoutSeconds,
      logRetentionDays: config.logRetentionDays,
      environment: { COMPUTE_MS: String(config.computeMs) },
    });
    this.failureQueue = new AsyncFailureQueue(this, 'compute-callback-failures', {
      lambda: this.computeCallback,
      queueName: `${this.baseName}-compute-failures`,
      maxRetryAttempts: CALLBACK_LAMBDA_ASYNC_RETRIES,
      maxEventAgeSeconds: CALLBACK_LAMBDA_MAX_EVENT_AGE_SECONDS,
    });
    this.route = new EventRoute(this, 'route', {
      busName: this.baseName,
      ruleName: `${this.baseName}-compute`,
      eventPattern: { source: [CALLBACK_EVENT_SOURCE], 'detail-type': [CALLBACK_DETAIL_TYPE] },
      target: this.computeCallback.function,
      maxRetryAttempts: EVENT_TARGET_MAX_RETRY_ATTEMPTS,
      maxEventAgeSeconds: EVENT_TARGET_MAX_EVENT_AGE_SECONDS,
    });
    this.summary = new TracedLambda(this, 'summary', {
      functionName: `${this.baseName}-summary`,
      bundleDir: this.bundleDir('summary'),
      memoryMb: SUMMARY_MEMORY_MB,
      timeoutSeconds: SUMMARY_TIMEOUT_SECONDS,
      logRetentionDays: config.logRetentionDays,
    });
    this.stateMachine = new TracedStateMachine(this, 'state-machine', {
      name: this.baseName,
      logRetentionDays: config.logRetentionDays,
      definition: mapEventBridgeCallbackDefinition({
        eventBusName: this.route.bus.name,
        summaryFunctionArn: this.summary.function.arn,
        callbackTimeoutSeconds: config.callbackTimeoutSeconds,
        ...(config.callbackHeartbeatSeconds === undefined ? {} : { callbackHeartbeatSeconds: config.callbackHeartbeatSeconds }),
        summaryTimeoutSeconds: SUMMARY_TIMEOUT_SECONDS + TASK_TIMEOUT_MARGIN_SECONDS,
      }),
      taskStatements: [
        invokeFunctionsStatement([this.summary.function.arn]),
        { Sid: 'PutOnOwnBus', Effect: 'Allow', Action: ['events:PutEvents'], Resource: [this.route.bus.arn] },
      ],
    });
    // SendTask* have no resource-level permissions (the task token is the capability): IAM only
    // accepts `*` for them. Everything else on states stays denied. See README "IAM".
    this.computeCallback.addPolicy('task-response', [
      { Sid: 'AnswerTaskTokens', Effect: 'Allow', Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], Resource: ['*'] },
    ]);
    this.output('stateMachineArn', this.stateMachine.stateMachine.arn, 'ARN of the map-eventbridge-callback state machine');
    this.output('stateMachineName', this.stateMachine.stateMachine.name, 'Name of the map-eventbridge-callback state machine');
    this.output('eventBusName', this.route.bus.name, 'The pattern\'s own EventBridge bus');
    this.output('deadLetterQueueUrl', this.route.deadLetterQueue.url, 'DLQ of the rule target (undeliverable compute requests)');
    this.output('computeFailureQueueUrl', this.failureQueue.queue.url, 'On-failure destination of compute-callback (handler errors after async retries)');
    this.output('computeFunctionName', this.computeCallback.function.functionName, 'compute-callback function name');
    this.output('summaryFunctionName', this.summary.function.functionName, 'summary function name');
  }
}
