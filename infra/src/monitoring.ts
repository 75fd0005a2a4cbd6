/**
 * What each stack alarms on, as data: the metric, its dimensions and why. Every alarm fires on
 * the first occurrence (more than 0 in one period): each of these events is a case, an event or
 * an execution that did not go as designed, and none is expected in normal operation.
 */
export interface AlarmRule {
  /** Suffix of the alarm name (`<namePrefix>-<pattern>-<name>`) and its construct id. */
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  readonly statistic: 'Sum' | 'Maximum';
  readonly threshold?: number;
  readonly periodSeconds?: number;
}

/** One-minute periods (the granularity Step Functions, Lambda and EventBridge publish at), one period to fire. */
export const ALARM_EVALUATION = { periodSeconds: 60, evaluationPeriods: 1 } as const;
/** SQS publishes queue depth every 5 minutes. */
const QUEUE_PERIOD_SECONDS = 300;

export function stateMachineAlarms(stateMachineArn: string): AlarmRule[] {
  const rule = (name: string, metricName: string, description: string): AlarmRule => ({ name, description, namespace: 'AWS/States', metricName, dimensions: { StateMachineArn: stateMachineArn }, statistic: 'Sum' });
  return [
    rule('executions-failed', 'ExecutionsFailed', 'An execution failed: too many failed or missing cases (FailureThresholdExceeded), a request split for another slot count, the summary failing, or an uncaught error.'),
    rule('executions-timed-out', 'ExecutionsTimedOut', "An execution ran past the state machine's TimeoutSeconds."),
    rule('executions-aborted', 'ExecutionsAborted', 'An execution was stopped (StopExecution) before it finished.'),
  ];
}

/**
 * Errors and Throttles for every function; AsyncEventsDropped and DestinationDeliveryFailures
 * for one invoked asynchronously (compute-callback), the only kind that has them.
 */
export function lambdaAlarms(id: string, functionName: string, invokedAsynchronously: boolean): AlarmRule[] {
  const rule = (metric: string, name: string, description: string): AlarmRule => ({ name: `${id}-${name}`, description, namespace: 'AWS/Lambda', metricName: metric, dimensions: { FunctionName: functionName }, statistic: 'Sum' });
  const rules = [
    rule('Errors', 'errors', `${functionName} raised an error (for compute-direct this includes a case's own failure).`),
    rule('Throttles', 'throttles', `${functionName} was throttled: its reserved concurrency or the account's was exhausted.`),
  ];
  if (invokedAsynchronously) {
    rules.push(
      rule('AsyncEventsDropped', 'async-events-dropped', `${functionName} dropped an event without running it (too old, or out of retries) and had no destination that took it.`),
      rule('DestinationDeliveryFailures', 'destination-delivery-failures', `${functionName} could not deliver a failed event to its on-failure queue: the event is lost.`),
    );
  }
  return rules;
}

export function ruleAlarms(busName: string, ruleName: string): AlarmRule[] {
  const rule = (metric: string, name: string, description: string): AlarmRule => ({
    name: `rule-${name}`,
    description,
    namespace: 'AWS/Events',
    metricName: metric,
    // A rule on a custom bus publishes with both dimensions.
    dimensions: { EventBusName: busName, RuleName: ruleName },
    statistic: 'Sum',
  });
  return [
    rule('FailedInvocations', 'failed-invocations', 'The rule could not invoke compute-callback after its retries.'),
    rule('InvocationsSentToDlq', 'invocations-sent-to-dlq', "A compute request went to the rule's dead-letter queue: its case will time out."),
    rule('InvocationsFailedToBeSentToDlq', 'invocations-failed-to-be-sent-to-dlq', 'A compute request could not even reach the dead-letter queue: it is lost.'),
  ];
}

export function queueDepthAlarm(id: string, queueName: string, what: string): AlarmRule {
  return {
    name: `${id}-depth`,
    description: `${queueName} holds messages: ${what}. Inspect them, then redrive or purge.`,
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: queueName },
    statistic: 'Maximum',
    periodSeconds: QUEUE_PERIOD_SECONDS,
  };
}
