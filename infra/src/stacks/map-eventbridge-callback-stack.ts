import type { Construct } from 'constructs';
import { CALLBACK_DETAIL_TYPE, CALLBACK_EVENT_SOURCE } from '@fanout/shared-types';
import { mapEventBridgeCallbackDefinition } from '../asl/definitions';
import {
  CALLBACK_LAMBDA_ASYNC_RETRIES,
  EVENT_TARGET_MAX_RETRY_ATTEMPTS,
  LAMBDA_THROTTLE_RETRY,
  LAMBDA_TRANSIENT_RETRY,
  PUT_EVENTS_RETRY,
  PUT_EVENTS_THROTTLE_RETRY,
  callbackLambdaMaxEventAgeSeconds,
  eventTargetMaxEventAgeSeconds,
} from '../constants';
import { AsyncFailureQueue } from '../constructs/async-failure-queue';
import { EventRoute } from '../constructs/event-route';
import type { TracedStateMachine } from '../constructs/state-machine';
import { invokeFunctionsStatement } from '../iam';
import { queueDepthAlarm, ruleAlarms } from '../monitoring';
import { defaultExecutionTimeoutSeconds } from '../timing';
import { PatternStack, type PatternStackProps } from './pattern-stack';

/** Inline Map putting one callback event per case on a dedicated bus; compute-callback answers with the token; then the summary and the failure threshold. */
export class MapEventBridgeCallbackStack extends PatternStack {
  readonly route: EventRoute;
  readonly failureQueue: AsyncFailureQueue;
  readonly stateMachine: TracedStateMachine;

  constructor(scope: Construct, props: PatternStackProps) {
    super(scope, 'map-eventbridge-callback', props, 'compute-callback');
    const { config } = this;
    const failureQueueName = `${this.baseName}-compute-failures`;
    const ruleName = `${this.baseName}-compute`;
    this.failureQueue = new AsyncFailureQueue(this, 'compute-callback-failures', {
      lambda: this.compute,
      queueName: failureQueueName,
      maxRetryAttempts: CALLBACK_LAMBDA_ASYNC_RETRIES,
      maxEventAgeSeconds: callbackLambdaMaxEventAgeSeconds(config.callbackTimeoutSeconds),
    });
    this.route = new EventRoute(this, 'route', {
      busName: this.baseName,
      ruleName,
      eventPattern: { source: [CALLBACK_EVENT_SOURCE], 'detail-type': [CALLBACK_DETAIL_TYPE] },
      target: this.compute.function,
      maxRetryAttempts: EVENT_TARGET_MAX_RETRY_ATTEMPTS,
      maxEventAgeSeconds: eventTargetMaxEventAgeSeconds(config.callbackTimeoutSeconds),
    });
    this.stateMachine = this.defineStateMachine(
      mapEventBridgeCallbackDefinition({
        eventBusName: this.route.bus.name,
        summaryFunctionArn: this.summary.function.arn,
        callbackTimeoutSeconds: config.callbackTimeoutSeconds,
        summaryTimeoutSeconds: this.summaryTaskTimeoutSeconds,
        toleratedFailurePercentage: config.toleratedFailurePercentage,
        executionTimeoutSeconds:
          config.executionTimeoutSeconds ??
          defaultExecutionTimeoutSeconds({
            pattern: this.patternId,
            slots: config.slotCount,
            iterationTimeoutSeconds: config.callbackTimeoutSeconds,
            iterationRetriers: [PUT_EVENTS_RETRY, PUT_EVENTS_THROTTLE_RETRY],
            summaryTimeoutSeconds: this.summaryTaskTimeoutSeconds,
            summaryRetriers: [LAMBDA_TRANSIENT_RETRY, LAMBDA_THROTTLE_RETRY],
          }),
      }),
      [invokeFunctionsStatement([this.summary.function.arn]), { Sid: 'PutOnOwnBus', Effect: 'Allow', Action: ['events:PutEvents'], Resource: [this.route.bus.arn] }],
    );
    this.route.allowPutEventsOnlyFrom(this.stateMachine.role.arn);
    // SendTaskSuccess/Failure have no resource-level permissions (the task token is the
    // capability): IAM only accepts `*` for them. No SendTaskHeartbeat: compute-callback sends
    // none. Everything else on states stays denied. See README "IAM".
    this.compute.addPolicy('task-response', [{ Sid: 'AnswerTaskTokens', Effect: 'Allow', Action: ['states:SendTaskSuccess', 'states:SendTaskFailure'], Resource: ['*'] }]);
    const dlqName = `${ruleName}-dlq`;
    this.monitor(this.stateMachine, {
      alarms: [
        ...ruleAlarms(this.baseName, ruleName),
        queueDepthAlarm('dlq', dlqName, "compute requests the rule could not deliver; their cases time out"),
        queueDepthAlarm('compute-failures', failureQueueName, 'compute-callback invocations that failed after their asynchronous retries'),
      ],
      rule: { busName: this.baseName, ruleName },
      queues: [
        { label: 'rule DLQ', name: dlqName },
        { label: 'compute-callback failures', name: failureQueueName },
      ],
    });
    this.output('eventBusName', this.route.bus.name, "The pattern's own EventBridge bus");
    this.output('deadLetterQueueUrl', this.route.deadLetterQueue.url, 'DLQ of the rule target (undeliverable compute requests)');
    this.output('computeFailureQueueUrl', this.failureQueue.queue.url, 'On-failure destination of compute-callback (handler errors after async retries)');
  }
}
