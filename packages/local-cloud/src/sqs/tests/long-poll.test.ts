// ReceiveMessage long polling on the shared clock.
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { startSqs, type SqsHarness } from './helpers';

let h: SqsHarness;
let QueueUrl: string;
beforeEach(async () => {
  // 10×: a 20 s wait lasts 2 s at most if the poll failed to return early.
  h = await startSqs({ timeScale: 10 });
  QueueUrl = (await h.sqs.send(new CreateQueueCommand({ QueueName: 'polled' }))).QueueUrl as string;
});
afterEach(() => h.close());

it('returns as soon as a message arrives, well before WaitTimeSeconds', async () => {
  // prepare
  const start = h.clock.now();
  const polling = h.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
  await h.sleep(1_000);

  // act
  await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'arrived' }));
  const { Messages } = await polling;

  // assert
  expect(Messages?.map((m) => m.Body)).toEqual(['arrived']);
  expect(h.clock.now() - start).toBeLessThan(20_000);
});

it('waits the whole WaitTimeSeconds when nothing comes, then answers no messages', async () => {
  const start = h.clock.now();
  const { Messages } = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
  expect(Messages).toBeUndefined();
  expect(h.clock.now() - start).toBeGreaterThanOrEqual(2_000);
});

it("uses the queue's ReceiveMessageWaitTimeSeconds when the call gives none", async () => {
  await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { ReceiveMessageWaitTimeSeconds: '3' } }));
  const start = h.clock.now();
  await h.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
  expect(h.clock.now() - start).toBeGreaterThanOrEqual(3_000);
});

it('wakes when a delayed message becomes visible during the wait', async () => {
  await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'delayed', DelaySeconds: 5 }));
  const start = h.clock.now();
  const { Messages } = await h.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
  expect(Messages?.[0]?.Body).toBe('delayed');
  const waited = h.clock.now() - start;
  expect(waited).toBeGreaterThanOrEqual(4_500);
  expect(waited).toBeLessThan(20_000);
});

it('hands one message to one of two waiting receivers', async () => {
  const polls = [1, 2].map(() => h.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 })));
  await h.sleep(500);
  await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'only one' }));
  const results = await Promise.all(polls);
  expect(results.flatMap((r) => r.Messages ?? []).map((m) => m.Body)).toEqual(['only one']);
});

it('ends waiting polls with no messages when the model closes', async () => {
  const polling = h.model.receiver.receiveMessage({ kind: 'external' }, { QueueUrl, WaitTimeSeconds: 20 });
  h.model.close();
  expect(await polling).toEqual({});
});
