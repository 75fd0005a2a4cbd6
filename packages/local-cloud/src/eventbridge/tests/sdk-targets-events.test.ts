// Targets and PutEvents through the real SDK v3 client against the gateway.
import {
  DeleteRuleCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { AccessDeniedError } from '../../core/aws-error';
import { rejection, startHarness, type Harness } from './harness';

const pattern = JSON.stringify({ source: ['orders'] });
const entry = (over: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry => ({ Source: 'orders', DetailType: 'placed', Detail: '{"n":1}', ...over });
let h: Harness;
let fn: string;
beforeAll(async () => {
  h = await startHarness();
  fn = h.lambda.add('handler');
  await h.client.send(new PutRuleCommand({ Name: 'r', EventPattern: pattern }));
});
afterAll(() => h.close());

describe('PutTargets, ListTargetsByRule, RemoveTargets', () => {
  it('puts targets, lists them as given, replaces by Id and removes them', async () => {
    // prepare
    const target = { Id: 't1', Arn: fn, RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 120 }, DeadLetterConfig: { Arn: h.sqs.add('dlq') } };
    // act
    const put = await h.client.send(new PutTargetsCommand({ Rule: 'r', Targets: [target, { Id: 't2', Arn: fn, Input: '{"fixed":true}' }] }));
    await h.client.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 't2', Arn: fn, InputPath: '$.detail' }] }));
    const listed = await h.client.send(new ListTargetsByRuleCommand({ Rule: 'r' }));
    const paged = await h.client.send(new ListTargetsByRuleCommand({ Rule: 'r', Limit: 1 }));
    await h.client.send(new RemoveTargetsCommand({ Rule: 'r', Ids: ['t2', 'never-there'] }));
    // assert
    expect(put).toMatchObject({ FailedEntryCount: 0, FailedEntries: [] });
    expect(listed.Targets).toEqual([target, { Id: 't2', Arn: fn, InputPath: '$.detail' }]);
    expect([paged.Targets?.length, typeof paged.NextToken]).toEqual([1, 'string']);
    expect((await h.client.send(new ListTargetsByRuleCommand({ Rule: 'r' }))).Targets?.map((t) => t.Id)).toEqual(['t1']);
  });

  it('reports targets it cannot deliver to in FailedEntries and puts the others', async () => {
    const put = await h.client.send(
      new PutTargetsCommand({
        Rule: 'r',
        Targets: [
          { Id: 'sns', Arn: 'arn:aws:sns:us-east-1:123456789012:topic' },
          { Id: 'sfn-no-role', Arn: h.states.add('flow') },
          { Id: 'fifo-dlq', Arn: fn, DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq.fifo' } },
          { Id: 'ok', Arn: h.sqs.add('queue') },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(3);
    expect(put.FailedEntries?.map((e) => [e.TargetId, e.ErrorCode])).toEqual([
      ['sns', 'ValidationException'],
      ['sfn-no-role', 'ValidationException'],
      ['fifo-dlq', 'ValidationException'],
    ]);
    expect(put.FailedEntries?.[0]?.ErrorMessage).toContain('is none of these');
    expect((await h.client.send(new ListTargetsByRuleCommand({ Rule: 'r' }))).Targets?.map((t) => t.Id)).toEqual(['t1', 'ok']);
  });

  it('validates the retry policy bounds and the input members', async () => {
    const retry = await rejection(h.client.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'x', Arn: fn, RetryPolicy: { MaximumRetryAttempts: 186 } }] })));
    expect(retry.message).toBe(
      "1 validation error detected: Value '186' at 'targets.1.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185",
    );
    const age = await rejection(h.client.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'x', Arn: fn, RetryPolicy: { MaximumEventAgeInSeconds: 59 } }] })));
    expect(age.message).toContain('Member must have value greater than or equal to 60');
    const both = await rejection(h.client.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'x', Arn: fn, Input: '{}', InputPath: '$' }] })));
    expect(both.message).toBe('Only one of Input, InputPath, or InputTransformer can be specified for target x.');
    const key = await rejection(
      h.client.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'x', Arn: fn, InputTransformer: { InputPathsMap: { v: '$.detail' }, InputTemplate: '{<v>: 1}' } }] })),
    );
    expect(key.message).toContain('Invalid InputTemplate for target x');
    expect((await rejection(h.client.send(new PutTargetsCommand({ Rule: 'r', Targets: [{ Id: 'x', Arn: fn, Input: 'not json' }] })))).name).toBe('ValidationException');
  });

  it('refuses a sixth target with LimitExceededException, and targets of a missing rule', async () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((Id) => ({ Id, Arn: fn }));
    await h.client.send(new PutRuleCommand({ Name: 'full', EventPattern: pattern }));
    await h.client.send(new PutTargetsCommand({ Rule: 'full', Targets: five }));
    expect((await rejection(h.client.send(new PutTargetsCommand({ Rule: 'full', Targets: [{ Id: 'f', Arn: fn }] })))).name).toBe('LimitExceededException');
    expect((await rejection(h.client.send(new PutTargetsCommand({ Rule: 'ghost', Targets: [{ Id: 'f', Arn: fn }] })))).name).toBe('ResourceNotFoundException');
  });

  it("DeleteRule refuses while targets remain, as AWS does, and succeeds once they're removed", async () => {
    const err = await rejection(h.client.send(new DeleteRuleCommand({ Name: 'full' })));
    expect([err.name, err.message]).toEqual(['ValidationException', "Rule can't be deleted since it has targets."]);
    await h.client.send(new RemoveTargetsCommand({ Rule: 'full', Ids: ['a', 'b', 'c', 'd', 'e'] }));
    await h.client.send(new DeleteRuleCommand({ Name: 'full' }));
  });
});

describe('PutEvents', () => {
  it('answers an EventId per accepted entry and an error code per refused one', async () => {
    const out = await h.client.send(
      new PutEventsCommand({
        Entries: [
          entry(),
          entry({ Source: undefined }),
          entry({ Detail: '{not json' }),
          entry({ Detail: '[1,2]' }),
          entry({ Source: 'aws.ec2' }),
          entry({ EventBusName: 'nope' }),
          entry({ DetailType: 'x'.repeat(129) }),
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(6);
    expect(out.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.Entries?.slice(1).map((e) => e.ErrorCode)).toEqual([
      'InvalidArgument',
      'MalformedDetail',
      'MalformedDetail',
      'NotAuthorizedForSourceException',
      'ResourceNotFoundException',
      'InvalidArgument',
    ]);
    expect(out.Entries?.[1]?.ErrorMessage).toBe('Parameter Source is not valid. Reason: Source is a required argument.');
    expect(h.service.metrics()).toMatchObject({ PutEventsEntriesCount: 7, PutEventsFailedEntriesCount: 6 });
  });

  it('refuses more than ten entries, more than 1 MB, and a request without one complete entry', async () => {
    const eleven = await rejection(h.client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry()) })));
    expect(eleven.message).toContain("at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10");
    const big = await rejection(h.client.send(new PutEventsCommand({ Entries: [entry({ Detail: JSON.stringify({ s: 'x'.repeat(1_048_576) }) })] })));
    expect(big.message).toContain('Total size of the entries in the request is over the limit');
    const none = await rejection(h.client.send(new PutEventsCommand({ Entries: [entry({ Detail: undefined })] })));
    expect(none.name).toBe('ValidationException');
  });

  it('a caller denied events:PutEvents on the bus gets AccessDeniedException, with the bus policy passed along', async () => {
    // prepare
    const seen: unknown[] = [];
    const denying = await startHarness({
      authorizer: {
        authorize: (req) => {
          if (req.action !== 'events:PutEvents') return;
          seen.push(req.resourcePolicy);
          throw new AccessDeniedError(`not authorized to perform: events:PutEvents on resource: ${req.resource}`);
        },
      },
    });
    try {
      // act
      const err = await rejection(denying.client.send(new PutEventsCommand({ Entries: [entry()] })));
      // assert
      expect([err.name, err.$metadata?.httpStatusCode]).toEqual(['AccessDeniedException', 403]);
      expect(seen).toEqual([undefined]);
    } finally {
      await denying.close();
    }
  });
});
