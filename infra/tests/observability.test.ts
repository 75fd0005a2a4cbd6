import { SUMMARY_METRICS } from '@fanout/shared-types';
import { type Props, type TerraformJson, fixtureBundleRoot, onlyResource, resolveReferences, resourceByName, resourcesOf, synthPattern } from './support/synth';

const P = 'fanout-map-in-parallel';
const C = 'fanout-map-eventbridge-callback';

/** Every alarm as `{metric, namespace, dimensions, …}` keyed by its name, references resolved. */
function alarmsOf(json: TerraformJson): Record<string, Props> {
  return Object.fromEntries(resourcesOf(json, 'aws_cloudwatch_metric_alarm').map(([, a]) => [String(a['alarm_name']), JSON.parse(resolveReferences(JSON.stringify(a), json)) as Props]));
}

describe('failures are visible: alarms, the alarm topic, dashboards', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  let parallel: TerraformJson;
  let callback: TerraformJson;

  beforeAll(() => {
    bundles = fixtureBundleRoot();
    parallel = synthPattern('map-in-parallel', { bundleRoot: bundles.root }).json;
    callback = synthPattern('map-eventbridge-callback', { bundleRoot: bundles.root, alarmEmail: 'ops@example.com' }).json;
  });
  afterAll(() => bundles.cleanup());

  it('alarms on the state machine: executions failed, timed out, aborted', () => {
    // act
    const alarms = alarmsOf(parallel);
    const machineArn = `arn:aws:states:us-east-1:123456789012:stateMachine:${P}`;

    // assert
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
      const found = Object.values(alarms).find((a) => a['metric_name'] === metric);
      expect([metric, found]).toEqual([metric, expect.objectContaining({ namespace: 'AWS/States', dimensions: { StateMachineArn: machineArn }, statistic: 'Sum', threshold: 0, comparison_operator: 'GreaterThanThreshold' })]);
    }
  });

  it.each([
    ['map-in-parallel', P, 'compute-direct', ['Errors', 'Throttles']],
    ['map-eventbridge-callback', C, 'compute-callback', ['Errors', 'Throttles', 'AsyncEventsDropped', 'DestinationDeliveryFailures']],
  ] as const)('%s: alarms on each Lambda (the async ones only where it is invoked asynchronously)', (pattern, base, compute, computeMetrics) => {
    // act
    const alarms = Object.values(alarmsOf(pattern === 'map-in-parallel' ? parallel : callback)).filter((a) => a['namespace'] === 'AWS/Lambda');
    const metricsOf = (fn: string) => alarms.filter((a) => (a['dimensions'] as Props)['FunctionName'] === fn).map((a) => String(a['metric_name'])).sort();

    // assert
    expect(metricsOf(`${base}-${compute}`)).toEqual([...computeMetrics].sort());
    expect(metricsOf(`${base}-summary`)).toEqual(['Errors', 'Throttles']);
  });

  it('alarms on the rule (with both dimensions of a custom bus) and on the depth of both queues', () => {
    // act
    const alarms = Object.values(alarmsOf(callback));
    const rule = alarms.filter((a) => a['namespace'] === 'AWS/Events');
    const queues = alarms.filter((a) => a['namespace'] === 'AWS/SQS');

    // assert
    expect(rule.map((a) => String(a['metric_name'])).sort()).toEqual(['FailedInvocations', 'InvocationsFailedToBeSentToDlq', 'InvocationsSentToDlq']);
    for (const a of rule) expect(a['dimensions']).toEqual({ EventBusName: C, RuleName: `${C}-compute` });
    expect(queues.map((a) => [a['metric_name'], a['dimensions'], a['statistic']]).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))).toEqual([
      ['ApproximateNumberOfMessagesVisible', { QueueName: `${C}-compute-dlq` }, 'Maximum'],
      ['ApproximateNumberOfMessagesVisible', { QueueName: `${C}-compute-failures` }, 'Maximum'],
    ]);
    expect(Object.keys(alarmsOf(parallel))).toHaveLength(3 + 2 + 2);
    expect(alarms).toHaveLength(3 + 4 + 2 + 3 + 2);
  });

  it('sends every alarm, firing and recovering, to the stack topic; nothing breaches without data', () => {
    for (const json of [parallel, callback]) {
      const [topicId] = onlyResource(json, 'aws_sns_topic');
      for (const [, alarm] of resourcesOf(json, 'aws_cloudwatch_metric_alarm')) {
        expect(alarm).toMatchObject({ alarm_actions: [`\${aws_sns_topic.${topicId}.arn}`], ok_actions: [`\${aws_sns_topic.${topicId}.arn}`], treat_missing_data: 'notBreaching', evaluation_periods: 1 });
        expect(String(alarm['alarm_name'])).toMatch(/^fanout-map-(in-parallel|eventbridge-callback)-[a-z-]+$/);
      }
    }
  });

  it('subscribes the configured email to the topic, and nothing without one', () => {
    // act
    const [topicId] = onlyResource(callback, 'aws_sns_topic');

    // assert
    expect(onlyResource(callback, 'aws_sns_topic_subscription')[1]).toEqual({ topic_arn: `\${aws_sns_topic.${topicId}.arn}`, protocol: 'email', endpoint: 'ops@example.com' });
    expect(resourcesOf(parallel, 'aws_sns_topic_subscription')).toEqual([]);
    expect(onlyResource(parallel, 'aws_sns_topic')[1]).toEqual({ name: `${P}-alarms` });
  });

  it('publishes the summary counts as embedded metrics named by the state machine', () => {
    const [, summary] = resourceByName(callback, 'aws_lambda_function', 'function_name', `${C}-summary`);
    expect(summary['environment']).toEqual({ variables: { [SUMMARY_METRICS.stateMachineEnv]: C } });
  });

  it.each([
    ['map-in-parallel', P, ['Executions', 'Execution time (ms, p50 / max)', 'Cases per summary', 'compute-direct: invocations, errors, throttles', 'compute-direct: concurrency and duration (ms, p99)', 'summary: invocations, errors, throttles', 'summary: concurrency and duration (ms, p99)', 'Alarms']],
    ['map-eventbridge-callback', C, ['Executions', 'Execution time (ms, p50 / max)', 'Cases per summary', 'compute-callback: invocations, errors, throttles', 'compute-callback: concurrency and duration (ms, p99)', 'summary: invocations, errors, throttles', 'summary: concurrency and duration (ms, p99)', 'Rule → compute-callback', 'Queue depth', 'Alarms']],
  ] as const)('%s has a dashboard of its own: executions, summary counts, functions, and every alarm', (pattern, base, titles) => {
    // prepare
    const json = pattern === 'map-in-parallel' ? parallel : callback;
    const [, dashboard] = onlyResource(json, 'aws_cloudwatch_dashboard');

    // act
    const body = JSON.parse(resolveReferences(String(dashboard['dashboard_body']), json)) as { widgets: { type: string; properties: { title?: string; metrics?: unknown[][]; alarms?: string[] } }[] };

    // assert
    expect(dashboard['dashboard_name']).toBe(base);
    expect(body.widgets.filter((w) => w.type !== 'text').map((w) => w.properties.title)).toEqual(titles);
    const cases = body.widgets.find((w) => w.properties.title === 'Cases per summary');
    expect(cases?.properties.metrics).toEqual(Object.values(SUMMARY_METRICS.names).map((name) => [SUMMARY_METRICS.namespace, name, SUMMARY_METRICS.dimension, base]));
    expect(body.widgets.find((w) => w.type === 'alarm')?.properties.alarms).toHaveLength(resourcesOf(json, 'aws_cloudwatch_metric_alarm').length);
  });
});
