// Buses, rules, permissions and tags through the real SDK v3 client against the gateway.
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DeleteRuleCommand,
  DescribeEventBusCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  PutPermissionCommand,
  PutRuleCommand,
  RemovePermissionCommand,
  TagResourceCommand,
  TestEventPatternCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-eventbridge';
import { AccessDeniedError } from '../../core/aws-error';
import { rejection, startHarness, START_MS, type Harness } from './harness';

const ACCOUNT = '123456789012';
const pattern = JSON.stringify({ source: ['orders'] });
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('event buses', () => {
  it('the default bus exists from the start', async () => {
    const bus = await h.client.send(new DescribeEventBusCommand({}));
    expect(bus).toMatchObject({ Name: 'default', Arn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default` });
    // Created when the service was, in simulated time (the clock starts at START_MS).
    expect(bus.CreationTime?.getTime()).toBeGreaterThanOrEqual(START_MS);
    expect(bus.CreationTime?.getTime()).toBeLessThan(START_MS + 3_600_000);
  });

  it('create, describe, list with prefix and paging, delete', async () => {
    // act
    const created = await h.client.send(new CreateEventBusCommand({ Name: 'orders', Description: 'order events', Tags: [{ Key: 'team', Value: 'a' }] }));
    await h.client.send(new CreateEventBusCommand({ Name: 'orders-eu' }));
    const described = await h.client.send(new DescribeEventBusCommand({ Name: created.EventBusArn }));
    const first = await h.client.send(new ListEventBusesCommand({ NamePrefix: 'orders', Limit: 1 }));
    const second = await h.client.send(new ListEventBusesCommand({ NamePrefix: 'orders', Limit: 1, NextToken: first.NextToken }));
    // assert
    expect(created).toMatchObject({ EventBusArn: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`, Description: 'order events' });
    expect(described).toMatchObject({ Name: 'orders', Description: 'order events' });
    expect(first.EventBuses?.map((b) => b.Name)).toEqual(['orders']);
    expect(second.EventBuses?.map((b) => b.Name)).toEqual(['orders-eu']);
    expect(second.NextToken).toBeUndefined();
    await h.client.send(new DeleteEventBusCommand({ Name: 'orders-eu' }));
    await h.client.send(new DeleteEventBusCommand({ Name: 'orders-eu' })); // a missing bus deletes silently
    expect((await rejection(h.client.send(new DescribeEventBusCommand({ Name: 'orders-eu' })))).name).toBe('ResourceNotFoundException');
  });

  it('refuses a duplicate, a name with a slash, the default bus and a bus that still has rules', async () => {
    expect((await rejection(h.client.send(new CreateEventBusCommand({ Name: 'orders' })))).name).toBe('ResourceAlreadyExistsException');
    expect((await rejection(h.client.send(new CreateEventBusCommand({ Name: 'a/b' })))).message).toContain("must not contain '/'");
    expect((await rejection(h.client.send(new DeleteEventBusCommand({ Name: 'default' })))).message).toBe('Cannot delete event bus default.');
    await h.client.send(new PutRuleCommand({ Name: 'keeps-bus', EventBusName: 'orders', EventPattern: pattern }));
    const err = await rejection(h.client.send(new DeleteEventBusCommand({ Name: 'orders' })));
    expect([err.name, err.message]).toEqual(['ValidationException', "EventBus can't be deleted since it has rules."]);
    await h.client.send(new DeleteRuleCommand({ Name: 'keeps-bus', EventBusName: 'orders' }));
  });

  it('refuses an invalid NextToken', async () => {
    expect((await rejection(h.client.send(new ListEventBusesCommand({ NextToken: 'bogus' })))).name).toBe('ValidationException');
  });
});

describe('rules', () => {
  it('ARNs: rule/<name> on the default bus, rule/<bus>/<name> on a custom one', async () => {
    const onDefault = await h.client.send(new PutRuleCommand({ Name: 'r-default', EventPattern: pattern }));
    const onCustom = await h.client.send(new PutRuleCommand({ Name: 'r-custom', EventBusName: 'orders', EventPattern: pattern, State: 'DISABLED' }));
    expect(onDefault.RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/r-default`);
    expect(onCustom.RuleArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:rule/orders/r-custom`);
  });

  it('describe, disable, enable, and list with prefix and paging', async () => {
    await h.client.send(new PutRuleCommand({ Name: 'r-desc', EventBusName: 'orders', EventPattern: pattern, Description: 'd', RoleArn: 'arn:aws:iam::123456789012:role/x' }));
    await h.client.send(new DisableRuleCommand({ Name: 'r-desc', EventBusName: 'orders' }));
    const disabled = await h.client.send(new DescribeRuleCommand({ Name: 'r-desc', EventBusName: 'orders' }));
    await h.client.send(new EnableRuleCommand({ Name: 'r-desc', EventBusName: 'orders' }));
    const enabled = await h.client.send(new DescribeRuleCommand({ Name: 'r-desc', EventBusName: 'orders' }));
    const page1 = await h.client.send(new ListRulesCommand({ EventBusName: 'orders', NamePrefix: 'r-', Limit: 1 }));
    const page2 = await h.client.send(new ListRulesCommand({ EventBusName: 'orders', NamePrefix: 'r-', Limit: 1, NextToken: page1.NextToken }));
    expect(disabled).toMatchObject({ Name: 'r-desc', State: 'DISABLED', EventPattern: pattern, Description: 'd', EventBusName: 'orders', CreatedBy: ACCOUNT });
    expect(enabled.State).toBe('ENABLED');
    expect([...(page1.Rules ?? []), ...(page2.Rules ?? [])].map((r) => r.Name)).toEqual(['r-custom', 'r-desc']);
  });

  it('refuses an invalid pattern with InvalidEventPatternException naming the field', async () => {
    const err = await rejection(h.client.send(new PutRuleCommand({ Name: 'bad', EventPattern: JSON.stringify({ detail: { n: [{ numeric: ['>', 'x'] }] } }) })));
    expect(err.name).toBe('InvalidEventPatternException');
    expect(err.message).toBe('Event pattern is not valid. Reason: Value of > must be numeric at detail.n[0].numeric[1]');
  });

  it('refuses a schedule, a rule with neither pattern nor schedule, a bad state and a missing bus', async () => {
    const scheduled = await rejection(h.client.send(new PutRuleCommand({ Name: 's', ScheduleExpression: 'rate(5 minutes)' })));
    expect([scheduled.name, scheduled.message]).toEqual(['ValidationException', expect.stringContaining('runs no scheduler')]);
    expect((await rejection(h.client.send(new PutRuleCommand({ Name: 's', EventBusName: 'orders', ScheduleExpression: 'rate(5 minutes)' })))).message).toBe(
      'ScheduleExpression is supported only on the default event bus.',
    );
    expect((await rejection(h.client.send(new PutRuleCommand({ Name: 's' })))).message).toBe('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    expect((await rejection(h.client.send(new PutRuleCommand({ Name: 's', EventPattern: pattern, State: 'ON' as 'ENABLED' })))).message).toContain('enum value set');
    expect((await rejection(h.client.send(new PutRuleCommand({ Name: 's', EventBusName: 'nope', EventPattern: pattern })))).message).toBe('Event bus nope does not exist.');
  });

  it('in-process calls (the stack loader\'s) run the same operation the HTTP API serves', async () => {
    const out = h.service.call('PutRule', { Name: 'loaded', EventPattern: pattern });
    expect(out).toEqual({ RuleArn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/loaded` });
    expect((await h.client.send(new DescribeRuleCommand({ Name: 'loaded' }))).EventPattern).toBe(pattern);
    expect(() => h.service.call('PutRule', { Name: 'loaded' })).toThrow('Parameter(s) EventPattern or ScheduleExpression must be specified.');
  });

  it('answers ResourceNotFoundException for a missing rule, and deletes a missing rule silently', async () => {
    const err = await rejection(h.client.send(new DescribeRuleCommand({ Name: 'ghost' })));
    expect([err.name, err.message]).toEqual(['ResourceNotFoundException', 'Rule ghost does not exist on EventBus default.']);
    expect((await rejection(h.client.send(new EnableRuleCommand({ Name: 'ghost' })))).name).toBe('ResourceNotFoundException');
    await expect(h.client.send(new DeleteRuleCommand({ Name: 'ghost' }))).resolves.toBeDefined();
  });
});

describe('TestEventPattern', () => {
  const event = JSON.stringify({ id: '1', account: ACCOUNT, source: 'orders', time: '2026-01-01T00:00:00Z', region: 'us-east-1', resources: [], 'detail-type': 'x', detail: { n: 5 } });
  it('answers whether the event matches', async () => {
    expect((await h.client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { n: [{ numeric: ['>', 4] }] } }), Event: event }))).Result).toBe(true);
    expect((await h.client.send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ source: ['other'] }), Event: event }))).Result).toBe(false);
  });
  it('refuses a bad pattern and an event without the mandatory fields', async () => {
    expect((await rejection(h.client.send(new TestEventPatternCommand({ EventPattern: '{}', Event: event })))).name).toBe('InvalidEventPatternException');
    const err = await rejection(h.client.send(new TestEventPatternCommand({ EventPattern: pattern, Event: '{"source":"orders"}' })));
    expect([err.name, err.message]).toEqual(['ValidationException', expect.stringContaining('id, account, time, region, resources, detail-type')]);
  });
});

describe('permissions', () => {
  it('Policy replaces the whole bus policy, as Terraform sends it; RemoveAllPermissions clears it', async () => {
    const policy = { Version: '2012-10-17', Statement: [{ Sid: 'all', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'events:PutEvents', Resource: '*' }] };
    await h.client.send(new PutPermissionCommand({ EventBusName: 'orders', Policy: JSON.stringify(policy) }));
    expect(JSON.parse((await h.client.send(new DescribeEventBusCommand({ Name: 'orders' }))).Policy ?? '')).toEqual(policy);
    await h.client.send(new RemovePermissionCommand({ EventBusName: 'orders', RemoveAllPermissions: true }));
    expect((await h.client.send(new DescribeEventBusCommand({ Name: 'orders' }))).Policy).toBeUndefined();
  });

  it('a statement by parts, removed by its id', async () => {
    await h.client.send(new PutPermissionCommand({ EventBusName: 'orders', Action: 'events:PutEvents', Principal: '111122223333', StatementId: 'acct' }));
    const policy = JSON.parse((await h.client.send(new DescribeEventBusCommand({ Name: 'orders' }))).Policy ?? '');
    expect(policy.Statement).toEqual([
      { Sid: 'acct', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'events:PutEvents', Resource: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders` },
    ]);
    const missing = await rejection(h.client.send(new RemovePermissionCommand({ EventBusName: 'orders', StatementId: 'other' })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'Statement with the provided id does not exist.']);
    await h.client.send(new RemovePermissionCommand({ EventBusName: 'orders', StatementId: 'acct' }));
    const none = await rejection(h.client.send(new RemovePermissionCommand({ EventBusName: 'orders', StatementId: 'acct' })));
    expect(none.message).toBe('EventBus does not have a policy.');
  });

  it('refuses invalid JSON, an oversized policy and an unsupported action', async () => {
    expect((await rejection(h.client.send(new PutPermissionCommand({ EventBusName: 'orders', Policy: '{' })))).message).toBe('This policy contains invalid Json');
    const big = JSON.stringify({ Statement: [{ Sid: 'x'.repeat(11_000) }] });
    expect((await rejection(h.client.send(new PutPermissionCommand({ EventBusName: 'orders', Policy: big })))).name).toBe('PolicyLengthExceededException');
    const action = await rejection(h.client.send(new PutPermissionCommand({ EventBusName: 'orders', Action: 'events:PutRule', Principal: '*', StatementId: 's' })));
    expect(action.message).toBe("Provided value in parameter 'action' is not supported.");
  });
});

describe('tags', () => {
  it('tag, list and untag buses and rules', async () => {
    const bus = `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/orders`;
    const rule = `arn:aws:events:us-east-1:${ACCOUNT}:rule/orders/r-desc`;
    await h.client.send(new TagResourceCommand({ ResourceARN: bus, Tags: [{ Key: 'env', Value: 'dev' }] }));
    await h.client.send(new TagResourceCommand({ ResourceARN: rule, Tags: [{ Key: 'k', Value: 'v' }] }));
    await h.client.send(new UntagResourceCommand({ ResourceARN: bus, TagKeys: ['team'] }));
    expect((await h.client.send(new ListTagsForResourceCommand({ ResourceARN: bus }))).Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
    expect((await h.client.send(new ListTagsForResourceCommand({ ResourceARN: rule }))).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
  });
  it('answers ResourceNotFoundException for an unknown resource', async () => {
    const err = await rejection(h.client.send(new ListTagsForResourceCommand({ ResourceARN: `arn:aws:events:us-east-1:${ACCOUNT}:rule/ghost` })));
    expect(err.name).toBe('ResourceNotFoundException');
  });
});

describe('authorization', () => {
  it('a denied control-plane call answers AccessDeniedException, asked for its action on its resource', async () => {
    // prepare
    const asked: string[] = [];
    const denying = await startHarness({
      authorizer: {
        authorize: ({ action, resource }) => {
          asked.push(`${action} ${resource}`);
          if (action === 'events:PutRule') throw new AccessDeniedError(`not allowed to ${action} on ${resource}`);
        },
      },
    });
    try {
      // act
      const err = await rejection(denying.client.send(new PutRuleCommand({ Name: 'r', EventPattern: pattern })));
      await denying.client.send(new DescribeEventBusCommand({}));
      // assert
      expect([err.name, err.$metadata?.httpStatusCode]).toEqual(['AccessDeniedException', 403]);
      expect(asked).toEqual([`events:PutRule arn:aws:events:us-east-1:${ACCOUNT}:rule/r`, `events:DescribeEventBus arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`]);
    } finally {
      await denying.close();
    }
  });
});
