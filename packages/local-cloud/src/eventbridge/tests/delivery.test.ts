// Asynchronous delivery with every fault a target can show, on a clock 10,000× real time:
// retries over simulated minutes take milliseconds, and the timestamps asserted are simulated.
import { PutEventsCommand, PutRuleCommand, PutTargetsCommand, type Target } from '@aws-sdk/client-eventbridge';
import type { Caller } from '../../core/caller';
import type { DeliveryRecord } from '../delivery';
import { RETRY_BACKOFF } from '../limits';
import { failWith } from './fakes';
import { START_MS, startHarness, type Harness } from './harness';

const RULE_ARN = 'arn:aws:events:us-east-1:123456789012:rule/deliver';
const SERVICE_CALLER: Caller = { kind: 'service', service: 'events.amazonaws.com', sourceArn: RULE_ARN, sourceAccount: '123456789012' };
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.client.send(new PutRuleCommand({ Name: 'deliver', EventPattern: JSON.stringify({ source: ['orders'] }) }));
});
afterEach(() => h.close());

async function deliverOne(target: Target): Promise<string> {
  const put = await h.client.send(new PutTargetsCommand({ Rule: 'deliver', Targets: [target] }));
  expect(put.FailedEntryCount).toBe(0);
  const out = await h.client.send(new PutEventsCommand({ Entries: [{ Source: 'orders', DetailType: 'placed', Detail: '{"orderId":"o-1"}' }] }));
  await h.service.whenIdle();
  return out.Entries?.[0]?.EventId as string;
}

const attributes = (queueArn: string) => {
  const attrs = h.sqs.messages(queueArn)[0]?.request.messageAttributes ?? {};
  return Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, v.StringValue]));
};
const ofType = (type: DeliveryRecord['type']) => h.records.filter((r) => r.type === type);
const rule = () => h.service.metrics().rules[RULE_ARN];

describe('successful delivery', () => {
  it('PutEvents answers before any target is called; the Lambda gets the AWS envelope, invoked asynchronously as the service principal', async () => {
    // prepare
    const fn = h.lambda.add('handler');
    await h.client.send(new PutTargetsCommand({ Rule: 'deliver', Targets: [{ Id: 'fn', Arn: fn }] }));
    const stepFunctions: Caller = { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/sfn', sessionName: 's' };
    // act: through the EventsPort, as Step Functions' events:putEvents calls it
    const out = await h.service.putEvents([{ Source: 'orders', DetailType: 'placed', Detail: '{"a":[1]}', Time: new Date(START_MS + 5_678), Resources: ['arn:x'], TraceHeader: 'Root=1-a' }], stepFunctions);
    const callsWhenAnswered = h.lambda.calls.length;
    await h.service.whenIdle();
    // assert
    expect(callsWhenAnswered).toBe(0);
    const call = h.lambda.calls[0]?.request;
    expect(call).toMatchObject({ functionName: fn, invocationType: 'Event', caller: SERVICE_CALLER, traceHeader: 'Root=1-a' });
    expect(JSON.parse(call?.payload ?? '')).toEqual({
      version: '0',
      id: out.Entries[0]?.EventId,
      'detail-type': 'placed',
      source: 'orders',
      account: '123456789012',
      time: '2026-01-01T00:00:05Z',
      region: 'us-east-1',
      resources: ['arn:x'],
      detail: { a: [1] },
    });
    expect(rule()).toMatchObject({ MatchedEvents: 1, TriggeredRules: 1, InvocationsCreated: 1, InvocationAttempts: 1, SuccessfulInvocationAttempts: 1, Invocations: 1, FailedInvocations: 0 });
    expect(h.service.metrics().PendingInvocations).toBe(0);
  });

  it('an event without Time carries the simulated time of PutEvents, at second precision', async () => {
    await deliverOne({ Id: 'fn', Arn: h.lambda.add('handler') });
    const time = JSON.parse(h.lambda.calls[0]?.request.payload ?? '{}').time as string;
    expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(time)).toBeGreaterThanOrEqual(START_MS);
  });

  it('an SQS queue gets the event as the service principal; a state machine starts with the target role', async () => {
    // prepare
    const queue = h.sqs.add('work');
    const machine = h.states.add('flow');
    const role = 'arn:aws:iam::123456789012:role/events-sfn';
    await h.client.send(new PutTargetsCommand({ Rule: 'deliver', Targets: [{ Id: 'q', Arn: queue }, { Id: 'sm', Arn: machine, RoleArn: role, InputPath: '$.detail' }] }));
    // act
    const out = await h.client.send(new PutEventsCommand({ Entries: [{ Source: 'orders', DetailType: 'placed', Detail: '{"orderId":"o-1"}' }] }));
    await h.service.whenIdle();
    // assert
    const eventId = out.Entries?.[0]?.EventId;
    expect(h.sqs.messages(queue)[0]?.request).toMatchObject({ caller: SERVICE_CALLER });
    expect(JSON.parse(h.sqs.messages(queue)[0]?.request.body ?? '{}')).toMatchObject({ id: eventId, detail: { orderId: 'o-1' } });
    expect(h.states.calls[0]?.request).toEqual({ stateMachineArn: machine, input: '{"orderId":"o-1"}', caller: { kind: 'role', roleArn: role, sessionName: eventId } });
  });

  it('an InputTransformer renders the template the target receives', async () => {
    await deliverOne({
      Id: 'fn',
      Arn: h.lambda.add('handler'),
      InputTransformer: { InputPathsMap: { order: '$.detail.orderId' }, InputTemplate: '{"order": <order>, "text": "order \\"<order>\\" by <aws.events.rule-name>"}' },
    });
    expect(h.lambda.calls[0]?.request.payload).toBe('{"order":"o-1","text":"order \\"o-1\\" by deliver"}');
  });

  it('a disabled rule delivers nothing', async () => {
    const fn = h.lambda.add('handler');
    await h.client.send(new PutRuleCommand({ Name: 'deliver', EventPattern: JSON.stringify({ source: ['orders'] }), State: 'DISABLED' }));
    await deliverOne({ Id: 'fn', Arn: fn });
    expect([h.lambda.calls.length, rule()]).toEqual([0, undefined]);
  });
});

describe('faults', () => {
  it('a target function that does not exist goes to the DLQ at once with NO_RESOURCE, never retried', async () => {
    // prepare
    const dlq = h.sqs.add('dlq');
    const missing = 'arn:aws:lambda:us-east-1:123456789012:function:missing';
    // act
    const eventId = await deliverOne({ Id: 'fn', Arn: missing, DeadLetterConfig: { Arn: dlq } });
    // assert
    expect(attributes(dlq)).toEqual({ RULE_ARN: RULE_ARN, TARGET_ARN: missing, ERROR_CODE: 'NO_RESOURCE', ERROR_MESSAGE: expect.stringContaining('Function not found'), RETRY_ATTEMPTS: '0' });
    expect(h.sqs.messages(dlq)[0]?.request.caller).toEqual(SERVICE_CALLER);
    expect(JSON.parse(h.sqs.messages(dlq)[0]?.request.body ?? '{}')).toMatchObject({ id: eventId, source: 'orders' });
    expect(rule()).toMatchObject({ InvocationAttempts: 1, RetryInvocationAttempts: 0, FailedInvocations: 1, InvocationsSentToDlq: 1, EventsDropped: 0 });
    const [failed, sent] = [ofType('attempt-failed')[0], ofType('sent-to-dlq')[0]];
    expect(sent?.at).toBe(failed?.at);
  });

  it('a target throttled until the event is too old goes to the DLQ at the age limit (MaximumEventAgeInSeconds)', async () => {
    // prepare
    const dlq = h.sqs.add('dlq');
    const fn = h.lambda.add('throttled', failWith('TooManyRequestsException', 429));
    // act
    await deliverOne({ Id: 'fn', Arn: fn, RetryPolicy: { MaximumEventAgeInSeconds: 60 }, DeadLetterConfig: { Arn: dlq } });
    // assert
    const attempts = ofType('attempt-failed');
    const ingestedAt = attempts[0]?.at as number;
    const sent = ofType('sent-to-dlq')[0];
    expect(sent?.at).toBe(ingestedAt + 60_000);
    attempts.slice(1).forEach((a, n) => {
      const gap = a.at - (attempts[n]?.at as number);
      const raw = RETRY_BACKOFF.baseMs * RETRY_BACKOFF.factor ** n;
      expect(gap).toBeGreaterThanOrEqual(raw * (1 - RETRY_BACKOFF.jitter));
      expect(gap).toBeLessThanOrEqual(raw);
    });
    expect(attempts.every((a) => a.type === 'attempt-failed' && a.errorCode === 'THROTTLING')).toBe(true);
    expect(attributes(dlq)).toMatchObject({ ERROR_CODE: 'THROTTLING', EXHAUSTED_RETRY_CONDITION: 'MaximumEventAgeInSeconds', RETRY_ATTEMPTS: String(attempts.length - 1) });
    expect(rule()).toMatchObject({ InvocationAttempts: attempts.length, ThrottledRules: attempts.length, RetryInvocationAttempts: attempts.length - 1, InvocationsSentToDlq: 1 });
    expect(h.lambda.attempts.length).toBe(attempts.length);
  });

  it('retries a transient error until MaximumRetryAttempts is spent, then dead-letters it', async () => {
    const dlq = h.sqs.add('dlq');
    const fn = h.lambda.add('broken', failWith('ServiceException', 500));
    await deliverOne({ Id: 'fn', Arn: fn, RetryPolicy: { MaximumRetryAttempts: 2 }, DeadLetterConfig: { Arn: dlq } });
    expect(h.lambda.attempts).toHaveLength(3);
    expect(attributes(dlq)).toMatchObject({ ERROR_CODE: 'INTERNAL_ERROR', EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts', RETRY_ATTEMPTS: '2' });
    expect(rule()).toMatchObject({ InvocationAttempts: 3, RetryInvocationAttempts: 2, Invocations: 1, FailedInvocations: 1, InvocationsSentToDlq: 1 });
  });

  it('a target that refuses the service principal goes to the DLQ with NO_PERMISSIONS, never retried', async () => {
    const dlq = h.sqs.add('dlq');
    const fn = h.lambda.add('private', failWith('AccessDeniedException', 403));
    await deliverOne({ Id: 'fn', Arn: fn, DeadLetterConfig: { Arn: dlq } });
    expect(h.lambda.attempts).toHaveLength(1);
    expect(attributes(dlq)).toMatchObject({ ERROR_CODE: 'NO_PERMISSIONS', RETRY_ATTEMPTS: '0' });
    expect(attributes(dlq)['EXHAUSTED_RETRY_CONDITION']).toBeUndefined();
  });

  it('recovers when throttling ends before the policy runs out', async () => {
    const fn = h.lambda.add('busy', (attempt) => {
      if (attempt < 2) failWith('TooManyRequestsException', 429)(attempt);
    });
    await deliverOne({ Id: 'fn', Arn: fn });
    expect(h.lambda.calls).toHaveLength(1);
    expect(rule()).toMatchObject({ InvocationAttempts: 3, RetryInvocationAttempts: 2, ThrottledRules: 2, SuccessfulInvocationAttempts: 1, Invocations: 1, FailedInvocations: 0 });
  });

  it('without a DLQ the event is dropped, and counted', async () => {
    await deliverOne({ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:123456789012:function:missing' });
    expect(rule()).toMatchObject({ FailedInvocations: 1, EventsDropped: 1, InvocationsSentToDlq: 0 });
    expect(ofType('dropped')).toHaveLength(1);
  });

  it('a DLQ that itself fails is counted as InvocationsFailedToBeSentToDlq and the event as dropped', async () => {
    const gone = 'arn:aws:sqs:us-east-1:123456789012:deleted-dlq';
    await deliverOne({ Id: 'fn', Arn: 'arn:aws:lambda:us-east-1:123456789012:function:missing', DeadLetterConfig: { Arn: gone } });
    expect(rule()).toMatchObject({ FailedInvocations: 1, InvocationsSentToDlq: 0, InvocationsFailedToBeSentToDlq: 1, EventsDropped: 1 });
    expect(ofType('dlq-send-failed')).toHaveLength(1);
  });
});

describe('at-least-once', () => {
  async function duplicatesWith(seed: number): Promise<{ calls: number; duplicates: number; repeatedIds: number }> {
    const run = await startHarness({ duplicateFraction: 0.5, seed });
    try {
      await run.client.send(new PutRuleCommand({ Name: 'deliver', EventPattern: JSON.stringify({ source: ['orders'] }) }));
      await run.client.send(new PutTargetsCommand({ Rule: 'deliver', Targets: [{ Id: 'fn', Arn: run.lambda.add('handler') }] }));
      const entries = Array.from({ length: 10 }, (_, i) => ({ Source: 'orders', DetailType: 'placed', Detail: JSON.stringify({ i }) }));
      await run.client.send(new PutEventsCommand({ Entries: entries }));
      await run.client.send(new PutEventsCommand({ Entries: entries }));
      await run.service.whenIdle();
      const ids = run.lambda.calls.map((c) => JSON.parse(c.request.payload).id as string);
      return { calls: ids.length, duplicates: run.service.metrics().totals.DuplicateInvocations, repeatedIds: ids.length - new Set(ids).size };
    } finally {
      await run.close();
    }
  }

  it('delivers the chosen share of events twice, with the same event id, reproducibly for a seed', async () => {
    const first = await duplicatesWith(42);
    const again = await duplicatesWith(42);
    expect(first.duplicates).toBeGreaterThan(0);
    expect(first.duplicates).toBeLessThan(20);
    expect(first.calls).toBe(20 + first.duplicates);
    expect(first.repeatedIds).toBe(first.duplicates);
    expect(again).toEqual(first);
  });

  it('is off by default', async () => {
    await deliverOne({ Id: 'fn', Arn: h.lambda.add('handler') });
    expect(h.lambda.calls).toHaveLength(1);
    expect(rule()?.DuplicateInvocations).toBe(0);
  });
});
