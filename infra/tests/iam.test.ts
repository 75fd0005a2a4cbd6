/**
 * Least privilege, proven with @cloud-copilot/iam-simulate over the synthesized policies (their
 * Terraform references resolved to the ARNs AWS would assign): each principal may do what it
 * needs, and representative neighbours are denied.
 */
import { type Decision, allowedPatterns, simulate, simulateResourcePolicy } from './support/iam-sim';
import { rolePolicies } from './support/policies';
import { ACCOUNT, type TerraformJson, fixtureBundleRoot, resolveReferences, resourcesOf, synthPattern } from './support/synth';

const REGION = 'us-east-1';
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const fn = (name: string) => arn('lambda', `function:${name}`);
const P = 'fanout-map-in-parallel';
const C = 'fanout-map-eventbridge-callback';
/** IAM role names carry the prefix and the region: `<prefix>-<region>-<pattern>-<role>-role`. */
const PR = 'fanout-us-east-1-parallel';
const CR = 'fanout-us-east-1-callback';

describe('IAM least privilege', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  let parallel: TerraformJson;
  let callback: TerraformJson;

  beforeAll(() => {
    bundles = fixtureBundleRoot();
    parallel = synthPattern('map-in-parallel', { bundleRoot: bundles.root }).json;
    callback = synthPattern('map-eventbridge-callback', { bundleRoot: bundles.root }).json;
  });
  afterAll(() => bundles.cleanup());

  async function decisions(policies: unknown[], cases: [string, string][]): Promise<Record<string, Decision>> {
    const out: Record<string, Decision> = {};
    for (const [action, resource] of cases) out[`${action} ${resource}`] = await simulate(policies, action, resource);
    return out;
  }

  describe('map-in-parallel state machine role', () => {
    it('may invoke exactly compute-direct and summary (and their versions/aliases)', async () => {
      // Arrange
      const policies = rolePolicies(parallel, `${PR}-sfn-role`);

      // Act
      const result = await decisions(policies, [
        ['lambda:InvokeFunction', fn(`${P}-compute-direct`)],
        ['lambda:InvokeFunction', fn(`${P}-summary`)],
        ['lambda:InvokeFunction', `${fn(`${P}-compute-direct`)}:live`],
        ['lambda:InvokeFunction', fn(`${P}-compute-direct-2`)],
        ['lambda:InvokeFunction', fn(`${C}-summary`)],
        ['lambda:InvokeFunction', arn('lambda', 'function:other')],
        ['lambda:UpdateFunctionCode', fn(`${P}-compute-direct`)],
        ['events:PutEvents', arn('events', `event-bus/${C}`)],
        ['states:StartExecution', arn('states', `stateMachine:${P}`)],
      ]);

      // Assert
      expect(result).toEqual({
        [`lambda:InvokeFunction ${fn(`${P}-compute-direct`)}`]: 'Allowed',
        [`lambda:InvokeFunction ${fn(`${P}-summary`)}`]: 'Allowed',
        [`lambda:InvokeFunction ${fn(`${P}-compute-direct`)}:live`]: 'Allowed',
        [`lambda:InvokeFunction ${fn(`${P}-compute-direct-2`)}`]: 'ImplicitlyDenied',
        [`lambda:InvokeFunction ${fn(`${C}-summary`)}`]: 'ImplicitlyDenied',
        [`lambda:InvokeFunction ${arn('lambda', 'function:other')}`]: 'ImplicitlyDenied',
        [`lambda:UpdateFunctionCode ${fn(`${P}-compute-direct`)}`]: 'ImplicitlyDenied',
        [`events:PutEvents ${arn('events', `event-bus/${C}`)}`]: 'ImplicitlyDenied',
        [`states:StartExecution ${arn('states', `stateMachine:${P}`)}`]: 'ImplicitlyDenied',
      });
      expect(await allowedPatterns(policies, 'lambda:InvokeFunction')).not.toContain('*');
    });

    it('has the log-delivery and X-Ray permissions AWS requires, on * because they have no resource-level permissions', async () => {
      // Arrange
      const policies = rolePolicies(parallel, `${PR}-sfn-role`);

      // Act / Assert
      for (const action of ['logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeLogGroups', 'xray:PutTraceSegments', 'xray:GetSamplingTargets']) {
        expect([action, await simulate(policies, action, '*')]).toEqual([action, 'Allowed']);
      }
      expect(await simulate(policies, 'logs:PutLogEvents', arn('logs', 'log-group:/aws/lambda/other:log-stream:s'))).toBe('ImplicitlyDenied');
      expect(await simulate(policies, 'logs:DeleteLogGroup', arn('logs', `log-group:/aws/vendedlogs/states/${P}`))).toBe('ImplicitlyDenied');
    });
  });

  describe('map-eventbridge-callback state machine role', () => {
    it('may put events on exactly its own bus and invoke only the summary', async () => {
      // Arrange
      const policies = rolePolicies(callback, `${CR}-sfn-role`);

      // Act
      const own = await simulate(policies, 'events:PutEvents', arn('events', `event-bus/${C}`));
      const defaultBus = await simulate(policies, 'events:PutEvents', arn('events', 'event-bus/default'));
      const otherBus = await simulate(policies, 'events:PutEvents', arn('events', `event-bus/${C}-2`));
      const summary = await simulate(policies, 'lambda:InvokeFunction', fn(`${C}-summary`));
      const computeCallback = await simulate(policies, 'lambda:InvokeFunction', fn(`${C}-compute-callback`));

      // Assert
      expect({ own, defaultBus, otherBus, summary, computeCallback }).toEqual({
        own: 'Allowed',
        defaultBus: 'ImplicitlyDenied',
        otherBus: 'ImplicitlyDenied',
        summary: 'Allowed',
        computeCallback: 'ImplicitlyDenied',
      });
      expect(await allowedPatterns(policies, 'events:PutEvents')).toEqual([arn('events', `event-bus/${C}`)]);
    });
  });

  describe('compute-callback role', () => {
    const role = `${CR}-compute-callback-role`;

    it('may answer task tokens with success or failure, and nothing else on Step Functions (no heartbeats: it sends none)', async () => {
      // Arrange
      const policies = rolePolicies(callback, role);
      const ownMachine = arn('states', `stateMachine:${C}`);

      // Act
      const answers = await Promise.all(['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'].map((a) => simulate(policies, a, '*')));
      const others = await decisions(policies, [
        ['states:StartExecution', ownMachine],
        ['states:StopExecution', arn('states', `execution:${C}:run-1`)],
        ['states:DescribeExecution', arn('states', `execution:${C}:run-1`)],
        ['states:StartExecution', arn('states', `stateMachine:${P}`)],
      ]);

      // Assert
      expect(answers).toEqual(['Allowed', 'Allowed', 'ImplicitlyDenied']);
      expect(Object.values(others)).toEqual(['ImplicitlyDenied', 'ImplicitlyDenied', 'ImplicitlyDenied', 'ImplicitlyDenied']);
    });

    it('SendTask* cannot be scoped to a state machine ARN: IAM treats them as resource-less (why the grant is *)', async () => {
      // Arrange
      const scoped = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['states:SendTaskSuccess'], Resource: [arn('states', `stateMachine:${C}`)] }] };

      // Act
      const onMachine = await simulate([scoped], 'states:SendTaskSuccess', arn('states', `stateMachine:${C}`));
      const asCalled = await simulate([scoped], 'states:SendTaskSuccess', '*');

      // Assert
      expect(onMachine).toMatch(/^error: must\.use\.wildcard/);
      expect(asCalled).toBe('ImplicitlyDenied');
    });

    it('writes logs only to its own log group and sends only to its own failure queue', async () => {
      // Arrange
      const policies = rolePolicies(callback, role);
      const ownStream = arn('logs', `log-group:/aws/lambda/${C}-compute-callback:log-stream:2026/01/01/[$LATEST]abc`);
      const otherStream = arn('logs', `log-group:/aws/lambda/${C}-summary:log-stream:2026/01/01/[$LATEST]abc`);

      // Act
      const result = await decisions(policies, [
        ['logs:PutLogEvents', ownStream],
        ['logs:CreateLogStream', ownStream],
        ['logs:PutLogEvents', otherStream],
        ['logs:CreateLogGroup', arn('logs', 'log-group:/aws/lambda/anything')],
        ['sqs:SendMessage', arn('sqs', `${C}-compute-failures`)],
        ['sqs:SendMessage', arn('sqs', `${C}-compute-dlq`)],
        ['xray:PutTraceSegments', '*'],
        ['lambda:InvokeFunction', fn(`${C}-summary`)],
        ['events:PutEvents', arn('events', `event-bus/${C}`)],
      ]);

      // Assert
      expect(Object.values(result)).toEqual(['Allowed', 'Allowed', 'ImplicitlyDenied', 'ImplicitlyDenied', 'Allowed', 'ImplicitlyDenied', 'Allowed', 'ImplicitlyDenied', 'ImplicitlyDenied']);
      expect(await allowedPatterns(policies, 'logs:PutLogEvents')).toEqual([`${arn('logs', `log-group:/aws/lambda/${C}-compute-callback`)}:*`]);
    });
  });

  describe('compute-direct and summary roles', () => {
    it('may only write their own logs and traces', async () => {
      for (const [json, name, role] of [
        [parallel, `${P}-compute-direct`, `${PR}-compute-direct-role`],
        [parallel, `${P}-summary`, `${PR}-summary-role`],
        [callback, `${C}-summary`, `${CR}-summary-role`],
      ] as const) {
        // Arrange
        const policies = rolePolicies(json, role);

        // Act
        const result = await decisions(policies, [
          ['logs:PutLogEvents', arn('logs', `log-group:/aws/lambda/${name}:log-stream:s`)],
          ['xray:PutTraceSegments', '*'],
          ['logs:PutLogEvents', arn('logs', `log-group:/aws/lambda/${name}-x:log-stream:s`)],
          ['states:SendTaskSuccess', '*'],
          ['lambda:InvokeFunction', fn(name)],
          ['sqs:SendMessage', arn('sqs', `${C}-compute-failures`)],
        ]);

        // Assert
        expect([name, Object.values(result)]).toEqual([name, ['Allowed', 'Allowed', 'ImplicitlyDenied', 'ImplicitlyDenied', 'ImplicitlyDenied', 'ImplicitlyDenied']]);
      }
    });
  });

  describe('dead-letter queue policy', () => {
    it('lets only the rule (via events.amazonaws.com) send to the DLQ', async () => {
      // Arrange
      const [, queuePolicy] = resourcesOf(callback, 'aws_sqs_queue_policy').find(([id]) => id.startsWith('route_')) ?? [];
      const policy = JSON.parse(resolveReferences(String(queuePolicy?.['policy']), callback)) as unknown;
      const dlq = arn('sqs', `${C}-compute-dlq`);
      const rule = arn('events', `rule/${C}/${C}-compute`);

      // Act
      const fromRule = await simulateResourcePolicy(policy, 'sqs:SendMessage', dlq, 'events.amazonaws.com', { 'aws:SourceArn': rule });
      const fromOtherRule = await simulateResourcePolicy(policy, 'sqs:SendMessage', dlq, 'events.amazonaws.com', { 'aws:SourceArn': arn('events', `rule/${C}/other`) });
      const fromNoRule = await simulateResourcePolicy(policy, 'sqs:SendMessage', dlq, 'events.amazonaws.com', {});
      const otherQueue = await simulateResourcePolicy(policy, 'sqs:SendMessage', arn('sqs', `${C}-compute-failures`), 'events.amazonaws.com', { 'aws:SourceArn': rule });

      // Assert
      expect({ fromRule, fromOtherRule, fromNoRule, otherQueue }).toEqual({ fromRule: 'Allowed', fromOtherRule: 'ImplicitlyDenied', fromNoRule: 'ImplicitlyDenied', otherQueue: 'ImplicitlyDenied' });
    });
  });
});
