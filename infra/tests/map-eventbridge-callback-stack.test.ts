import aslValidator from 'asl-validator';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { CALLBACK_DETAIL_TYPE, CALLBACK_EVENT_SOURCE, CallbackEventSchema, parseWith } from '@fanout/shared-types';
import type { MapState, StateMachineDefinition, TaskState } from '@fanout/asl-types';
import { EVENT_TARGET_MAX_RETRY_ATTEMPTS } from '../src/constants';
import { type Pattern, type RuleOnBus, matchesPattern, rulesMatching } from './support/event-pattern';
import { type TerraformJson, fixtureBundleRoot, onlyResource, referencesIn, resolveReferences, resourceByName, resourcesOf, synthPattern } from './support/synth';

describe('map-eventbridge-callback stack', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  let text: string;
  let json: TerraformJson;
  let definitionText: string;
  let ids: { bus: string; rule: string; dlq: string; failures: string; computeCallback: string; summary: string };

  beforeAll(() => {
    bundles = fixtureBundleRoot();
    ({ text, json } = synthPattern('map-eventbridge-callback', { bundleRoot: bundles.root }));
    definitionText = String(onlyResource(json, 'aws_sfn_state_machine')[1]['definition']);
    ids = {
      bus: onlyResource(json, 'aws_cloudwatch_event_bus')[0],
      rule: onlyResource(json, 'aws_cloudwatch_event_rule')[0],
      dlq: resourceByName(json, 'aws_sqs_queue', 'name', 'fanout-map-eventbridge-callback-compute-dlq')[0],
      failures: resourceByName(json, 'aws_sqs_queue', 'name', 'fanout-map-eventbridge-callback-compute-failures')[0],
      computeCallback: resourceByName(json, 'aws_lambda_function', 'function_name', 'fanout-map-eventbridge-callback-compute-callback')[0],
      summary: resourceByName(json, 'aws_lambda_function', 'function_name', 'fanout-map-eventbridge-callback-summary')[0],
    };
  });
  afterAll(() => bundles.cleanup());

  function putEventsEntry(): Record<string, unknown> {
    const definition = JSON.parse(definitionText) as StateMachineDefinition;
    const compute = (definition.States['ComputeCases'] as MapState).ItemProcessor.States['RequestCompute'] as TaskState;
    const entries = compute.Parameters?.['Entries'] as Record<string, unknown>[];
    expect(entries).toHaveLength(1);
    return entries[0] ?? {};
  }

  /** The event EventBridge would deliver for one case, built from what the state machine puts. */
  function deliveredEvent(entry: Record<string, unknown>): Record<string, unknown> {
    return {
      version: '0',
      id: 'e-1',
      source: entry['Source'],
      'detail-type': entry['DetailType'],
      account: '123456789012',
      region: 'us-east-1',
      time: '2026-01-01T00:00:00Z',
      resources: ['arn:aws:states:us-east-1:123456789012:execution:fanout-map-eventbridge-callback:run-1'],
      detail: { payload: { requestId: '123456', request: { caseId: '0' } }, taskToken: 'token-1' },
    };
  }

  it('defines compute-callback and summary as traced Lambdas; compute-callback gets COMPUTE_MS', () => {
    expect(text).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'fanout-map-eventbridge-callback-compute-callback',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      environment: { variables: { COMPUTE_MS: '5000' } },
      tracing_config: { mode: 'Active' },
    });
    expect(resourcesOf(json, 'aws_lambda_function')).toHaveLength(2);
  });

  it('routes the rule to compute-callback with a retry policy and the encrypted DLQ', () => {
    expect(text).toHaveResourceWithProperties(CloudwatchEventTarget, {
      arn: `\${aws_lambda_function.${ids.computeCallback}.arn}`,
      event_bus_name: `\${aws_cloudwatch_event_bus.${ids.bus}.name}`,
      rule: `\${aws_cloudwatch_event_rule.${ids.rule}.name}`,
      // Default callbackTimeoutSeconds (264 s, derived): the event is kept exactly as long as its token is valid.
      retry_policy: { maximum_retry_attempts: EVENT_TARGET_MAX_RETRY_ATTEMPTS, maximum_event_age_in_seconds: 264 },
      dead_letter_config: { arn: `\${aws_sqs_queue.${ids.dlq}.arn}` },
    });
    expect(json.resource['aws_sqs_queue']?.[ids.dlq]).toMatchObject({ sqs_managed_sse_enabled: true });
    expect(json.resource['aws_cloudwatch_event_rule']?.[ids.rule]).toMatchObject({ event_bus_name: `\${aws_cloudwatch_event_bus.${ids.bus}.name}` });
  });

  it('lets EventBridge invoke compute-callback only from this rule', () => {
    const [, permission] = onlyResource(json, 'aws_lambda_permission');
    expect(permission).toMatchObject({
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
      function_name: `\${aws_lambda_function.${ids.computeCallback}.function_name}`,
      source_arn: `\${aws_cloudwatch_event_rule.${ids.rule}.arn}`,
    });
  });

  it("gives compute-callback its own on-failure queue for handler errors after Lambda's async retries", () => {
    const [, invokeConfig] = onlyResource(json, 'aws_lambda_function_event_invoke_config');
    expect(invokeConfig).toMatchObject({
      function_name: `\${aws_lambda_function.${ids.computeCallback}.function_name}`,
      maximum_retry_attempts: 2,
      maximum_event_age_in_seconds: 264,
      destination_config: { on_failure: { destination: `\${aws_sqs_queue.${ids.failures}.arn}` } },
    });
    expect(json.resource['aws_sqs_queue']?.[ids.failures]).toMatchObject({ sqs_managed_sse_enabled: true });
  });

  it('has a definition whose references point at this stack (its bus and summary) and that passes asl-validator', () => {
    // Act
    const refs = new Set(referencesIn(definitionText).map((r) => `${r.type}.${r.name}.${r.attr}`));
    const resolved = JSON.parse(resolveReferences(definitionText, json)) as StateMachineDefinition;

    // Assert
    expect(refs).toEqual(new Set([`aws_cloudwatch_event_bus.${ids.bus}.name`, `aws_lambda_function.${ids.summary}.arn`]));
    expect(aslValidator(resolved)).toMatchObject({ isValid: true, errors: [] });
    const compute = (resolved.States['ComputeCases'] as MapState).ItemProcessor.States['RequestCompute'] as TaskState;
    expect(compute.TimeoutSeconds).toBe(264);
  });

  it("puts exactly the source and detail-type its rule's pattern asks for", () => {
    // Arrange
    const entry = putEventsEntry();

    // Act
    const pattern = JSON.parse(String(json.resource['aws_cloudwatch_event_rule']?.[ids.rule]?.['event_pattern'])) as Pattern;

    // Assert
    expect(entry['Source']).toBe(CALLBACK_EVENT_SOURCE);
    expect(entry['DetailType']).toBe(CALLBACK_DETAIL_TYPE);
    expect(pattern).toEqual({ source: [entry['Source']], 'detail-type': [entry['DetailType']] });
  });

  it('puts an event that reaches its rule on its bus, and no rule with another bus, source or detail-type', () => {
    // Arrange
    const entry = putEventsEntry();
    const event = deliveredEvent(entry);
    const [ruleId, rule] = onlyResource(json, 'aws_cloudwatch_event_rule');
    const pattern = JSON.parse(String(rule['event_pattern'])) as Pattern;
    const ownBus = resolveReferences(String(rule['event_bus_name']), json);
    const rules: RuleOnBus[] = [
      { id: ruleId, bus: ownBus, pattern },
      { id: 'same pattern on the default bus', bus: 'default', pattern },
      { id: 'same pattern on another bus', bus: `${ownBus}-2`, pattern },
      { id: 'another source', bus: ownBus, pattern: { ...pattern, source: ['com.computing.other'] } },
      { id: 'another detail-type', bus: ownBus, pattern: { ...pattern, 'detail-type': ['ComputeFinished'] } },
      { id: 'detail-type differing in case', bus: ownBus, pattern: { ...pattern, 'detail-type': [CALLBACK_DETAIL_TYPE.toLowerCase()] } },
    ];

    // Act
    const delivered = rulesMatching(event, resolveReferences(String(entry['EventBusName']), json), rules);

    // Assert
    expect(ownBus).toBe('fanout-map-eventbridge-callback');
    expect(delivered).toEqual([ruleId]);
    // compute-callback's contract accepts the delivered event.
    expect(() => parseWith(CallbackEventSchema, event, 'event', 'callback event')).not.toThrow();
  });

  it('does not route an event with another source or detail-type', () => {
    // Arrange
    const pattern = JSON.parse(String(json.resource['aws_cloudwatch_event_rule']?.[ids.rule]?.['event_pattern'])) as Pattern;
    const event = deliveredEvent(putEventsEntry());

    // Act / Assert
    expect(matchesPattern(event, pattern)).toBe(true);
    expect(matchesPattern({ ...event, source: 'com.computing.other' }, pattern)).toBe(false);
    expect(matchesPattern({ ...event, 'detail-type': 'computerequested' }, pattern)).toBe(false);
  });

  it.each([
    // callbackTimeoutSeconds → rule target max age (60–86,400), compute-callback async max age (60–21,600)
    [45, 60, 60],
    [3600, 3600, 3600],
    [43_200, 43_200, 21_600],
  ])('keeps callback events as long as their token is valid: timeout %i s → target %i s, async invoke %i s', (callbackTimeoutSeconds, targetAge, asyncAge) => {
    // Act
    const other = synthPattern('map-eventbridge-callback', { bundleRoot: bundles.root, callbackTimeoutSeconds }).json;
    const definition = JSON.parse(String(onlyResource(other, 'aws_sfn_state_machine')[1]['definition'])) as StateMachineDefinition;
    const task = (definition.States['ComputeCases'] as MapState).ItemProcessor.States['RequestCompute'] as TaskState;

    // Assert
    expect(task.TimeoutSeconds).toBe(callbackTimeoutSeconds);
    expect(onlyResource(other, 'aws_cloudwatch_event_target')[1]['retry_policy']).toEqual({ maximum_retry_attempts: EVENT_TARGET_MAX_RETRY_ATTEMPTS, maximum_event_age_in_seconds: targetAge });
    expect(onlyResource(other, 'aws_lambda_function_event_invoke_config')[1]['maximum_event_age_in_seconds']).toBe(asyncAge);
  });

  it('outputs the state machine ARN, bus name and queue URLs', () => {
    expect(json.output?.['stateMachineArn']?.value).toMatch(/^\$\{aws_sfn_state_machine\.[^.]+\.arn\}$/);
    expect(json.output?.['eventBusName']?.value).toBe(`\${aws_cloudwatch_event_bus.${ids.bus}.name}`);
    expect(json.output?.['deadLetterQueueUrl']?.value).toBe(`\${aws_sqs_queue.${ids.dlq}.url}`);
    expect(json.output?.['computeFailureQueueUrl']?.value).toBe(`\${aws_sqs_queue.${ids.failures}.url}`);
  });
});
