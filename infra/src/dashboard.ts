/**
 * One CloudWatch dashboard per pattern: executions, the summaries' case counts (the Summary
 * Lambda's embedded metrics), each function, the rule (callback pattern), the queues and the
 * alarms, as the `dashboard_body` JSON CloudWatch expects.
 */
import { SUMMARY_METRICS } from '@fanout/shared-types';

export interface DashboardProps {
  readonly region: string;
  readonly title: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly functions: readonly { readonly label: string; readonly name: string }[];
  readonly rule?: { readonly busName: string; readonly ruleName: string };
  readonly queues: readonly { readonly label: string; readonly name: string }[];
  readonly alarmArns: readonly string[];
}

type Metric = (string | { stat?: string; label?: string })[];

interface Widget {
  type: 'metric' | 'alarm' | 'text';
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

const WIDTH = 12;
const HEIGHT = 6;

function metricWidget(title: string, region: string, metrics: Metric[], stat = 'Sum'): Widget {
  return { type: 'metric', width: WIDTH, height: HEIGHT, properties: { title, region, view: 'timeSeries', stacked: false, period: 60, stat, metrics } };
}

export function dashboardBody(props: DashboardProps): string {
  const { region } = props;
  const sm = (metric: string): Metric => ['AWS/States', metric, 'StateMachineArn', props.stateMachineArn];
  const summary = (metric: string): Metric => [SUMMARY_METRICS.namespace, metric, SUMMARY_METRICS.dimension, props.stateMachineName];
  const widgets: Widget[] = [
    { type: 'text', width: 24, height: 2, properties: { markdown: `# ${props.title}\nExecutions of \`${props.stateMachineName}\`, the cases their summaries counted, and what alarms.` } },
    metricWidget('Executions', region, ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'].map(sm)),
    metricWidget('Execution time (ms, p50 / max)', region, [[...sm('ExecutionTime'), { stat: 'p50', label: 'p50' }], [...sm('ExecutionTime'), { stat: 'Maximum', label: 'max' }]], 'Average'),
    metricWidget('Cases per summary', region, Object.values(SUMMARY_METRICS.names).map(summary)),
  ];
  for (const fn of props.functions) {
    const lambda = (metric: string): Metric => ['AWS/Lambda', metric, 'FunctionName', fn.name];
    widgets.push(
      metricWidget(`${fn.label}: invocations, errors, throttles`, region, ['Invocations', 'Errors', 'Throttles'].map(lambda)),
      metricWidget(`${fn.label}: concurrency and duration (ms, p99)`, region, [[...lambda('ConcurrentExecutions'), { stat: 'Maximum' }], [...lambda('Duration'), { stat: 'p99' }]], 'Maximum'),
    );
  }
  if (props.rule !== undefined) {
    const { busName, ruleName } = props.rule;
    const events = (metric: string): Metric => ['AWS/Events', metric, 'EventBusName', busName, 'RuleName', ruleName];
    widgets.push(metricWidget('Rule → compute-callback', region, ['Invocations', 'FailedInvocations', 'InvocationsSentToDlq', 'InvocationsFailedToBeSentToDlq'].map(events)));
  }
  if (props.queues.length > 0) {
    widgets.push(metricWidget('Queue depth', region, props.queues.map((q) => ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', q.name, { label: q.label }]), 'Maximum'));
  }
  widgets.push({ type: 'alarm', width: 24, height: HEIGHT, properties: { title: 'Alarms', alarms: props.alarmArns } });
  return JSON.stringify({ widgets });
}
