import { Testing } from 'cdktf';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { AsyncFailureQueue } from '../src/constructs/async-failure-queue';
import { EventRoute } from '../src/constructs/event-route';
import { TracedStateMachine } from '../src/constructs/state-machine';
import { TracedLambda } from '../src/constructs/traced-lambda';
import { type TerraformJson, fixtureBundleRoot, onlyResource, resourcesOf } from './support/synth';

describe('constructs', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  beforeAll(() => {
    bundles = fixtureBundleRoot();
  });
  afterAll(() => bundles.cleanup());

  const lambdaProps = () => ({ functionName: 'fn-a', roleName: 'fn-a-role', bundleDir: `${bundles.root}/compute-direct`, memoryMb: 512, timeoutSeconds: 20, logRetentionDays: 7 });

  describe('TracedLambda', () => {
    it('packages the bundle folder and wires role, log group (with retention) and active tracing', () => {
      // Act
      const text = Testing.synthScope((scope) => {
        new TracedLambda(scope, 'fn', { ...lambdaProps(), environment: { COMPUTE_MS: '100' }, reservedConcurrency: 120 });
      });
      const json = JSON.parse(text) as TerraformJson;
      const [roleId] = onlyResource(json, 'aws_iam_role');
      const [logId] = onlyResource(json, 'aws_cloudwatch_log_group');

      // Assert
      expect(text).toHaveResourceWithProperties(LambdaFunction, {
        function_name: 'fn-a',
        handler: 'index.handler',
        memory_size: 512,
        timeout: 20,
        role: `\${aws_iam_role.${roleId}.arn}`,
        environment: { variables: { COMPUTE_MS: '100' } },
        tracing_config: { mode: 'Active' },
        reserved_concurrent_executions: 120,
        logging_config: { log_format: 'JSON', log_group: `\${aws_cloudwatch_log_group.${logId}.name}` },
        depends_on: [`aws_cloudwatch_log_group.${logId}`],
      });
      expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/lambda/fn-a', retention_in_days: 7 });
      expect(JSON.parse(String(onlyResource(json, 'aws_iam_role')[1]['assume_role_policy']))).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: ['sts:AssumeRole'] }],
      });
      const [, fn] = onlyResource(json, 'aws_lambda_function');
      expect(fn['source_code_hash']).toMatch(/^[0-9A-F]+$/);
    });

    it('omits the environment block when there is none, and adds one role policy per addPolicy', () => {
      // Act
      const json = JSON.parse(
        Testing.synthScope((scope) => {
          const fn = new TracedLambda(scope, 'fn', lambdaProps());
          fn.addPolicy('extra', [{ Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: ['arn:aws:sqs:us-east-1:123456789012:q'] }]);
        }),
      ) as TerraformJson;

      // Assert
      expect(onlyResource(json, 'aws_lambda_function')[1]).not.toHaveProperty('environment');
      expect(onlyResource(json, 'aws_lambda_function')[1]).not.toHaveProperty('reserved_concurrent_executions');
      expect(resourcesOf(json, 'aws_iam_role_policy').map(([, p]) => p['name'])).toEqual(['base', 'extra']);
    });
  });

  describe('TracedStateMachine', () => {
    it('is Standard, traced, logs ALL with execution data to its own log group, and its role trusts Step Functions', () => {
      // Act
      const text = Testing.synthScope((scope) => {
        new TracedStateMachine(scope, 'sm', {
          name: 'sm-a',
          roleName: 'sm-a-role',
          arnContext: { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' },
          logRetentionDays: 30,
          definition: { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } },
          taskStatements: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ['arn:aws:lambda:us-east-1:123456789012:function:f'] }],
        });
      });
      const json = JSON.parse(text) as TerraformJson;
      const [logId] = onlyResource(json, 'aws_cloudwatch_log_group');
      const [policyId, policy] = onlyResource(json, 'aws_iam_role_policy');

      // Assert
      expect(text).toHaveResourceWithProperties(SfnStateMachine, {
        name: 'sm-a',
        type: 'STANDARD',
        definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } }),
        tracing_configuration: { enabled: true },
        logging_configuration: { level: 'ALL', include_execution_data: true, log_destination: `\${aws_cloudwatch_log_group.${logId}.arn}:*` },
        depends_on: [`aws_iam_role_policy.${policyId}`],
      });
      expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/vendedlogs/states/sm-a', retention_in_days: 30 });
      expect(text).toHaveResourceWithProperties(IamRole, { name: 'sm-a-role' });
      const arn = 'arn:aws:states:eu-west-1:123456789012:stateMachine:sm-a';
      expect(JSON.parse(String(onlyResource(json, 'aws_iam_role')[1]['assume_role_policy']))).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'states.amazonaws.com' },
            Action: ['sts:AssumeRole'],
            Condition: { ArnLike: { 'aws:SourceArn': [arn, `${arn}:*`] }, StringEquals: { 'aws:SourceAccount': '123456789012' } },
          },
        ],
      });
      const sids = (JSON.parse(String(policy['policy'])) as { Statement: { Sid?: string }[] }).Statement.map((s) => s.Sid);
      expect(sids).toEqual([undefined, 'LogDelivery', 'XRayWrite']);
    });
  });

  describe('EventRoute', () => {
    it('creates bus, rule with the pattern, target with retry policy and DLQ, queue policy and Lambda permission', () => {
      // Act
      const text = Testing.synthScope((scope) => {
        const fn = new TracedLambda(scope, 'fn', lambdaProps());
        new EventRoute(scope, 'route', { busName: 'bus-a', ruleName: 'rule-a', eventPattern: { source: ['s'] }, target: fn.function, maxRetryAttempts: 3, maxEventAgeSeconds: 120 });
      });
      const json = JSON.parse(text) as TerraformJson;
      const [ruleId] = onlyResource(json, 'aws_cloudwatch_event_rule');
      const [dlqId] = onlyResource(json, 'aws_sqs_queue');
      const [, target] = onlyResource(json, 'aws_cloudwatch_event_target');
      const queuePolicy = JSON.parse(String(onlyResource(json, 'aws_sqs_queue_policy')[1]['policy'])) as { Statement: Record<string, unknown>[] };

      // Assert
      expect(text).toHaveResourceWithProperties(CloudwatchEventRule, { name: 'rule-a', event_pattern: '{"source":["s"]}' });
      expect(text).toHaveResourceWithProperties(SqsQueue, { name: 'rule-a-dlq', sqs_managed_sse_enabled: true });
      expect(target).toMatchObject({ retry_policy: { maximum_retry_attempts: 3, maximum_event_age_in_seconds: 120 }, dead_letter_config: { arn: `\${aws_sqs_queue.${dlqId}.arn}` } });
      expect(queuePolicy.Statement).toEqual([
        expect.objectContaining({ Principal: { Service: 'events.amazonaws.com' }, Action: ['sqs:SendMessage'], Condition: { ArnEquals: { 'aws:SourceArn': `\${aws_cloudwatch_event_rule.${ruleId}.arn}` } } }),
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: ['sqs:*'], Resource: [`\${aws_sqs_queue.${dlqId}.arn}`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]);
      expect(resourcesOf(json, 'aws_cloudwatch_event_bus_policy')).toEqual([]);
      expect(onlyResource(json, 'aws_lambda_permission')[1]).toMatchObject({ principal: 'events.amazonaws.com', source_arn: `\${aws_cloudwatch_event_rule.${ruleId}.arn}` });
    });
  });

  describe('AsyncFailureQueue', () => {
    it("sets the function's async retries and on-failure destination, and lets its role send there", () => {
      // Act
      const text = Testing.synthScope((scope) => {
        const fn = new TracedLambda(scope, 'fn', lambdaProps());
        new AsyncFailureQueue(scope, 'failures', { lambda: fn, queueName: 'q-a', maxRetryAttempts: 1, maxEventAgeSeconds: 300 });
      });
      const json = JSON.parse(text) as TerraformJson;
      const [queueId] = onlyResource(json, 'aws_sqs_queue');

      // Assert
      expect(text).toHaveResourceWithProperties(LambdaFunctionEventInvokeConfig, {
        maximum_retry_attempts: 1,
        maximum_event_age_in_seconds: 300,
        destination_config: { on_failure: { destination: `\${aws_sqs_queue.${queueId}.arn}` } },
      });
      const destinationPolicy = resourcesOf(json, 'aws_iam_role_policy').find(([, p]) => p['name'] === 'on-failure-destination');
      expect(JSON.parse(String(destinationPolicy?.[1]['policy']))).toMatchObject({ Statement: [{ Action: ['sqs:SendMessage'], Resource: [`\${aws_sqs_queue.${queueId}.arn}`] }] });
      const [roleId] = onlyResource(json, 'aws_iam_role');
      const [, queuePolicy] = onlyResource(json, 'aws_sqs_queue_policy');
      expect(queuePolicy['queue_url']).toBe(`\${aws_sqs_queue.${queueId}.url}`);
      expect(JSON.parse(String(queuePolicy['policy']))).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: ['sqs:*'], Resource: [`\${aws_sqs_queue.${queueId}.arn}`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          { Sid: 'OnlyTheFunctionSends', Effect: 'Deny', Principal: '*', Action: ['sqs:SendMessage'], Resource: [`\${aws_sqs_queue.${queueId}.arn}`], Condition: { ArnNotEquals: { 'aws:PrincipalArn': `\${aws_iam_role.${roleId}.arn}` } } },
        ],
      });
    });
  });
});
