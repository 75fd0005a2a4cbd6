// The batch operations through the real SDK v3 client: per-entry failures and whole-request errors.
import {
  BatchEntryIdsNotDistinct,
  BatchRequestTooLong,
  ChangeMessageVisibilityBatchCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  EmptyBatchRequest,
  InvalidBatchEntryId,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { rejection, startSqs, type SqsHarness } from './helpers';

let h: SqsHarness;
let QueueUrl: string;
beforeAll(async () => {
  h = await startSqs();
  QueueUrl = (await h.sqs.send(new CreateQueueCommand({ QueueName: 'batches' }))).QueueUrl as string;
});
afterAll(() => h.close());

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

describe('SendMessageBatch', () => {
  it('sends the valid entries and reports each invalid one under its Id', async () => {
    const out = await h.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'ok-1', MessageBody: 'one', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } },
          { Id: 'bad-delay', MessageBody: 'two', DelaySeconds: 1000 },
          { Id: 'bad-chars', MessageBody: 'nul \u0000' },
          { Id: 'ok_2', MessageBody: 'three' },
        ],
      }),
    );
    expect(out.Successful?.map((e) => [e.Id, e.MD5OfMessageBody])).toEqual([
      ['ok-1', md5('one')],
      ['ok_2', md5('three')],
    ]);
    expect(out.Successful?.[0]?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(out.Failed).toEqual([
      { Id: 'bad-delay', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.stringContaining('DelaySeconds') },
      { Id: 'bad-chars', SenderFault: true, Code: 'InvalidMessageContents', Message: expect.stringContaining('#x0') },
    ]);
  });

  it('rejects the whole request for no entries, more than 10, repeated or malformed ids, or over 1 MiB in all', async () => {
    const entries = (count: number) => Array.from({ length: count }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' }));
    expect(await rejection(h.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [] })))).toBeInstanceOf(EmptyBatchRequest);
    const many = await rejection(h.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries(11) })));
    expect(many).toBeInstanceOf(TooManyEntriesInBatchRequest);
    expect(many.message).toBe('Maximum number of entries per request are 10. You have sent 11.');
    const twice = await rejection(h.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'same', MessageBody: 'a' }, { Id: 'same', MessageBody: 'b' }] })));
    expect(twice).toBeInstanceOf(BatchEntryIdsNotDistinct);
    expect(await rejection(h.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'has space', MessageBody: 'a' }] })))).toBeInstanceOf(InvalidBatchEntryId);
    expect(await rejection(h.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'x'.repeat(81), MessageBody: 'a' }] })))).toBeInstanceOf(InvalidBatchEntryId);
    const half = 'h'.repeat(600_000);
    const long = await rejection(h.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: half }, { Id: 'b', MessageBody: half }] })));
    expect(long).toBeInstanceOf(BatchRequestTooLong);
  });
});

describe('DeleteMessageBatch and ChangeMessageVisibilityBatch', () => {
  it('act on each valid handle and report the others', async () => {
    const q = (await h.sqs.send(new CreateQueueCommand({ QueueName: 'batch-receipts' }))).QueueUrl as string;
    await h.sqs.send(new SendMessageBatchCommand({ QueueUrl: q, Entries: [0, 1, 2].map((i) => ({ Id: `m${i}`, MessageBody: `body ${i}` })) }));
    const messages = (await h.sqs.send(new ReceiveMessageCommand({ QueueUrl: q, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }))).Messages ?? [];
    expect(messages).toHaveLength(3);
    const [a, b, c] = messages.map((m) => m.ReceiptHandle as string);

    const changed = await h.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: q,
        Entries: [
          { Id: 'release', ReceiptHandle: a, VisibilityTimeout: 0 },
          { Id: 'garbage', ReceiptHandle: 'garbage', VisibilityTimeout: 0 },
          { Id: 'too-long', ReceiptHandle: b, VisibilityTimeout: 50_000 },
        ],
      }),
    );
    expect(changed.Successful).toEqual([{ Id: 'release' }]);
    expect(changed.Failed?.map((f) => [f.Id, f.Code])).toEqual([
      ['garbage', 'ReceiptHandleIsInvalid'],
      ['too-long', 'InvalidParameterValue'],
    ]);

    const deleted = await h.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: q,
        Entries: [
          { Id: 'b', ReceiptHandle: b },
          { Id: 'c', ReceiptHandle: c },
          { Id: 'expired', ReceiptHandle: a },
        ],
      }),
    );
    expect(deleted.Successful?.map((e) => e.Id)).toEqual(['b', 'c']);
    expect(deleted.Failed).toEqual([{ Id: 'expired', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.stringContaining('The receipt handle has expired.') }]);
    expect(h.model.counters().queues['batch-receipts']).toMatchObject({ sent: 3, deleted: 2, stored: 1 });
  });
});
