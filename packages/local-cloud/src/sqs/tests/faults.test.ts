// What happens to messages over AWS time: visibility expiry, redrive to the dead-letter queue,
// retention. A 100× clock keeps the waits short; every assertion is on simulated time.
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ACCOUNT, startSqs, type SqsHarness } from './helpers';

let h: SqsHarness;
beforeAll(async () => {
  h = await startSqs({ timeScale: 100 });
});
afterAll(() => h.close());

const create = async (QueueName: string, Attributes: Record<string, string> = {}): Promise<string> =>
  (await h.sqs.send(new CreateQueueCommand({ QueueName, Attributes }))).QueueUrl as string;
const receiveOne = async (QueueUrl: string, VisibilityTimeout?: number) =>
  (await h.sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['All'], ...(VisibilityTimeout === undefined ? {} : { VisibilityTimeout }) }))).Messages?.[0];

it('makes a message visible again when its visibility timeout passes, with ApproximateReceiveCount incremented', async () => {
  // prepare
  const QueueUrl = await create('visibility', { VisibilityTimeout: '10' });
  const sent = await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'retry me' }));
  const first = await receiveOne(QueueUrl);
  const firstReceivedAt = Number(first?.Attributes?.['ApproximateFirstReceiveTimestamp']);

  // act
  await h.sleep(4_000);
  const tooEarly = await receiveOne(QueueUrl);
  await h.sleep(7_000);
  const second = await receiveOne(QueueUrl);

  // assert
  expect(tooEarly).toBeUndefined();
  expect(second?.MessageId).toBe(sent.MessageId);
  expect(second?.ReceiptHandle).not.toBe(first?.ReceiptHandle);
  expect(second?.Attributes).toMatchObject({ ApproximateReceiveCount: '2', ApproximateFirstReceiveTimestamp: String(firstReceivedAt) });
  expect(h.clock.now() - firstReceivedAt).toBeGreaterThanOrEqual(10_000);
});

it(`moves a message received maxReceiveCount times to the dead-letter queue, counted on both sides`, async () => {
  // prepare
  const dlq = await create('work-dlq');
  const dlqArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:work-dlq`;
  const work = await create('work', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }), VisibilityTimeout: '0' });
  const sent = await h.sqs.send(new SendMessageCommand({ QueueUrl: work, MessageBody: 'poison', MessageAttributes: { kind: { DataType: 'String', StringValue: 'poison' } } }));

  // act: two receives that never delete, then the receive that finds it over the limit
  const receives = [await receiveOne(work), await receiveOne(work), await receiveOne(work)];
  const dead = (await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }))).Messages?.[0];

  // assert
  expect(receives.map((m) => m?.Attributes?.['ApproximateReceiveCount'])).toEqual(['1', '2', undefined]);
  expect(dead).toMatchObject({ MessageId: sent.MessageId, Body: 'poison', MD5OfMessageAttributes: sent.MD5OfMessageAttributes });
  expect(dead?.Attributes).toMatchObject({ DeadLetterQueueSourceArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:work`, ApproximateReceiveCount: '3' });
  const counters = h.model.counters().queues;
  expect(counters['work']).toMatchObject({ sent: 1, received: 2, movedToDlq: 1, stored: 0 });
  expect(counters['work-dlq']).toMatchObject({ movedIn: 1, received: 1, stored: 1 });
});

it('keeps delivering from the source queue (and counts it) when the dead-letter queue has been deleted', async () => {
  const dlq = await create('gone-dlq');
  const work = await create('orphaned', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:gone-dlq`, maxReceiveCount: 1 }), VisibilityTimeout: '0' });
  await h.sqs.send(new SendMessageCommand({ QueueUrl: work, MessageBody: 'stays' }));
  await receiveOne(work);
  h.model.queues.deleteQueue({ kind: 'external' }, { QueueUrl: dlq });
  expect((await receiveOne(work))?.Body).toBe('stays');
  expect(h.model.counters().queues['orphaned']).toMatchObject({ redriveTargetMissing: 1, movedToDlq: 0, stored: 1 });
});

it('drops messages older than MessageRetentionPeriod, counted as expired, in flight or not', async () => {
  // prepare
  const QueueUrl = await create('short-retention', { MessageRetentionPeriod: '60' });
  await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'waiting' }));
  await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'in flight', DelaySeconds: 0 }));
  const inFlight = (await h.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, VisibilityTimeout: 3600 }))).Messages?.[0];

  // act
  await h.sleep(61_000);

  // assert
  const attrs = await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  expect(attrs.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  expect(await receiveOne(QueueUrl)).toBeUndefined();
  await h.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: inFlight?.ReceiptHandle }));
  expect(h.model.counters().queues['short-retention']).toMatchObject({ sent: 2, expired: 2, deleted: 0, stored: 0 });
});

it('applies a shortened retention period to messages already in the queue', async () => {
  const QueueUrl = await create('retention-change');
  await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'old' }));
  await h.sleep(2_000);
  await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { MessageRetentionPeriod: '60' } }));
  await h.sleep(59_000);
  expect(await receiveOne(QueueUrl)).toBeUndefined();
  expect(h.model.counters().queues['retention-change']?.expired).toBe(1);
});

it('accounts for every message: sent and moved in equal stored plus every outcome', () => {
  const { totals } = h.model.counters();
  const outcomes = totals.deleted + totals.movedToDlq + totals.expired + totals.purged + totals.droppedWithQueue + totals.stored;
  expect(totals.sent + totals.movedIn).toBe(outcomes);
  expect(totals.sent).toBeGreaterThan(0);
});
