/**
 * The resource policies and trust policies of the stacks, simulated with @cloud-copilot/iam-simulate
 * together with the callers' identity policies and request context (TLS, source ARN and account):
 * each new statement allows what it must and denies its neighbours.
 */
import { simulateRequest, simulateResourcePolicy } from './support/iam-sim';
import { resourcePolicy, rolePolicies } from './support/policies';
import { ACCOUNT, type TerraformJson, fixtureBundleRoot, synthPattern } from './support/synth';

const REGION = 'us-east-1';
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const P = 'fanout-map-in-parallel';
const C = 'fanout-map-eventbridge-callback';
const PR = 'fanout-us-east-1-parallel';
const CR = 'fanout-us-east-1-callback';

describe('resource and trust policies', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  let parallel: TerraformJson;
  let callback: TerraformJson;

  beforeAll(() => {
    bundles = fixtureBundleRoot();
    parallel = synthPattern('map-in-parallel', { bundleRoot: bundles.root }).json;
    callback = synthPattern('map-eventbridge-callback', { bundleRoot: bundles.root }).json;
  });
  afterAll(() => bundles.cleanup());

  const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
  const tls = { 'aws:SecureTransport': 'true' };
  const plain = { 'aws:SecureTransport': 'false' };
  const allowAll = (action: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [action], Resource: ['*'] }] });

  describe('state machine trust policies (confused deputy)', () => {
    it.each([
      ['map-in-parallel', P, PR],
      ['map-eventbridge-callback', C, CR],
    ] as const)('%s: Step Functions may assume the role only for its own state machine in its own account', async (pattern, machine, rolePrefix) => {
      // Arrange
      const json = pattern === 'map-in-parallel' ? parallel : callback;
      const trust = resourcePolicy(json, 'aws_iam_role', 'state-machine_role', 'assume_role_policy');
      const role = roleArn(`${rolePrefix}-sfn-role`);
      const assume = (sourceArn: string | undefined, sourceAccount: string | undefined) =>
        simulateRequest({
          principal: 'states.amazonaws.com',
          action: 'sts:AssumeRole',
          resource: role,
          resourcePolicy: trust,
          context: { ...(sourceArn === undefined ? {} : { 'aws:SourceArn': sourceArn }), ...(sourceAccount === undefined ? {} : { 'aws:SourceAccount': sourceAccount }) },
        });
      const own = arn('states', `stateMachine:${machine}`);

      // Act
      const result = {
        own: await assume(own, ACCOUNT),
        ownVersion: await assume(`${own}:3`, ACCOUNT),
        otherMachine: await assume(arn('states', `stateMachine:${machine}-2`), ACCOUNT),
        otherAccount: await assume(`arn:aws:states:${REGION}:210987654321:stateMachine:${machine}`, '210987654321'),
        noSource: await assume(undefined, undefined),
        accountOnly: await assume(undefined, ACCOUNT),
      };

      // Assert
      expect(result).toEqual({ own: 'Allowed', ownVersion: 'Allowed', otherMachine: 'ImplicitlyDenied', otherAccount: 'ImplicitlyDenied', noSource: 'ImplicitlyDenied', accountOnly: 'ImplicitlyDenied' });
    });
  });

  describe('queues over TLS only', () => {
    it('the DLQ refuses a request without TLS, even from its rule, and anything from anyone without TLS', async () => {
      // Arrange
      const policy = resourcePolicy(callback, 'aws_sqs_queue_policy', 'route_');
      const dlq = arn('sqs', `${C}-compute-dlq`);
      const rule = arn('events', `rule/${C}/${C}-compute`);

      // Act
      const fromRuleTls = await simulateResourcePolicy(policy, 'sqs:SendMessage', dlq, 'events.amazonaws.com', { 'aws:SourceArn': rule, ...tls });
      const fromRulePlain = await simulateResourcePolicy(policy, 'sqs:SendMessage', dlq, 'events.amazonaws.com', { 'aws:SourceArn': rule, ...plain });
      const adminPlain = await simulateRequest({ principal: roleArn('admin'), action: 'sqs:ReceiveMessage', resource: dlq, identityPolicies: [allowAll('sqs:*')], resourcePolicy: policy, context: plain });
      const adminTls = await simulateRequest({ principal: roleArn('admin'), action: 'sqs:ReceiveMessage', resource: dlq, identityPolicies: [allowAll('sqs:*')], resourcePolicy: policy, context: tls });

      // Assert
      expect({ fromRuleTls, fromRulePlain, adminPlain, adminTls }).toEqual({ fromRuleTls: 'Allowed', fromRulePlain: 'ExplicitlyDenied', adminPlain: 'ExplicitlyDenied', adminTls: 'Allowed' });
    });

    it("compute-callback's failure queue takes messages from its role only, over TLS only", async () => {
      // Arrange
      const policy = resourcePolicy(callback, 'aws_sqs_queue_policy', 'compute-callback-failures_');
      const queue = arn('sqs', `${C}-compute-failures`);
      const computeRole = roleArn(`${CR}-compute-callback-role`);
      const send = (principal: string, identityPolicies: unknown[], context: Record<string, string>) =>
        simulateRequest({ principal, action: 'sqs:SendMessage', resource: queue, identityPolicies, resourcePolicy: policy, context: { 'aws:PrincipalArn': principal, ...context } });

      // Act
      const result = {
        functionTls: await send(computeRole, rolePolicies(callback, `${CR}-compute-callback-role`), tls),
        functionPlain: await send(computeRole, rolePolicies(callback, `${CR}-compute-callback-role`), plain),
        otherRoleAllowedEverything: await send(roleArn(`${CR}-summary-role`), [allowAll('sqs:SendMessage')], tls),
        adminReadsTls: await simulateRequest({ principal: roleArn('admin'), action: 'sqs:ReceiveMessage', resource: queue, identityPolicies: [allowAll('sqs:*')], resourcePolicy: policy, context: tls }),
      };

      // Assert
      expect(result).toEqual({ functionTls: 'Allowed', functionPlain: 'ExplicitlyDenied', otherRoleAllowedEverything: 'ExplicitlyDenied', adminReadsTls: 'Allowed' });
    });
  });

  describe('the bus resource policy', () => {
    it('accepts PutEvents from the state machine role only, whatever another principal\'s identity policy grants', async () => {
      // Arrange
      const policy = resourcePolicy(callback, 'aws_cloudwatch_event_bus_policy', 'route_');
      const bus = arn('events', `event-bus/${C}`);
      const sfnRole = roleArn(`${CR}-sfn-role`);
      const put = (principal: string, identityPolicies: unknown[]) =>
        simulateRequest({ principal, action: 'events:PutEvents', resource: bus, identityPolicies, resourcePolicy: policy, context: { 'aws:PrincipalArn': principal } });

      // Act
      const result = {
        stateMachine: await put(sfnRole, rolePolicies(callback, `${CR}-sfn-role`)),
        stateMachineByResourcePolicyAlone: await put(sfnRole, []),
        computeCallback: await put(roleArn(`${CR}-compute-callback-role`), [allowAll('events:PutEvents')]),
        admin: await put(roleArn('admin'), [allowAll('events:*')]),
      };

      // Assert
      expect(result).toEqual({ stateMachine: 'Allowed', stateMachineByResourcePolicyAlone: 'Allowed', computeCallback: 'ExplicitlyDenied', admin: 'ExplicitlyDenied' });
    });
  });

  describe('the alarm topic policy', () => {
    it.each([
      ['map-in-parallel', P],
      ['map-eventbridge-callback', C],
    ] as const)('%s: CloudWatch may publish for this stack\'s alarms in this account, over TLS only', async (pattern, base) => {
      // Arrange
      const json = pattern === 'map-in-parallel' ? parallel : callback;
      const policy = resourcePolicy(json, 'aws_sns_topic_policy', 'alarms_');
      const topic = arn('sns', `${base}-alarms`);
      const publish = (sourceArn: string, sourceAccount: string, transport = tls) =>
        simulateResourcePolicy(policy, 'sns:Publish', topic, 'cloudwatch.amazonaws.com', { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount, ...transport });

      // Act
      const result = {
        ownAlarm: await publish(arn('cloudwatch', `alarm:${base}-executions-failed`), ACCOUNT),
        ownAlarmPlain: await publish(arn('cloudwatch', `alarm:${base}-executions-failed`), ACCOUNT, plain),
        otherStacksAlarm: await publish(arn('cloudwatch', 'alarm:other-executions-failed'), ACCOUNT),
        otherAccount: await publish(`arn:aws:cloudwatch:${REGION}:210987654321:alarm:${base}-executions-failed`, '210987654321'),
        anotherService: await simulateResourcePolicy(policy, 'sns:Publish', topic, 'events.amazonaws.com', { 'aws:SourceAccount': ACCOUNT, ...tls }),
      };

      // Assert
      expect(result).toEqual({ ownAlarm: 'Allowed', ownAlarmPlain: 'ExplicitlyDenied', otherStacksAlarm: 'ImplicitlyDenied', otherAccount: 'ImplicitlyDenied', anotherService: 'ImplicitlyDenied' });
    });
  });
});
