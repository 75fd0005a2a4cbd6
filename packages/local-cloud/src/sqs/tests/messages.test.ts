// SendMessage, ReceiveMessage, DeleteMessage and ChangeMessageVisibility through the real SDK v3 client.
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  InvalidAttributeName,
  InvalidMessageContents,
  MessageNotInflight,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { ACCOUNT, rejection, startSqs, type SqsHarness } from './helpers';

let h: SqsHarness;
let n = 0;
beforeAll(async () => {
  h = await startSqs({ timeScale: 100 });
});
afterAll(() => h.close());

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
async function queue(Attributes?: Record<string, string>): Promise<string> {
  return (await h.sqs.send(new CreateQueueCommand({ QueueName: `messages-${++n}`, ...(Attributes ? { Attributes } : {}) }))).QueueUrl as string;
}
const receive = (QueueUrl: string, extra: Partial<ConstructorParameters<typeof ReceiveMessageCommand>[0]> = {}) =>
  h.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, ...extra }));

describe('SendMessage and ReceiveMessage', () => {
  it('round-trips a message with its MD5, id and system attributes in AWS time', async () => {
    const QueueUrl = await queue();
    const before = h.clock.now();
    const sent = await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello ✓' }));
    expect(sent.MD5OfMessageBody).toBe(md5('hello ✓'));
    expect(sent.MD5OfMessageAttributes).toBeUndefined();
    const { Messages } = await receive(QueueUrl, { MessageSystemAttributeNames: ['All'] });
    expect(Messages).toHaveLength(1);
    const [m] = Messages ?? [];
    expect(m).toMatchObject({ MessageId: sent.MessageId, Body: 'hello ✓', MD5OfBody: md5('hello ✓') });
    expect(m?.Attributes).toEqual({
      SenderId: ACCOUNT,
      SentTimestamp: expect.stringMatching(/^\d+$/),
      ApproximateReceiveCount: '1',
      ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
    });
    const sentAt = Number(m?.Attributes?.['SentTimestamp']);
    expect(sentAt).toBeGreaterThanOrEqual(Math.floor(before));
    expect(sentAt).toBeLessThanOrEqual(h.clock.now());
    expect(Number(m?.Attributes?.['ApproximateFirstReceiveTimestamp'])).toBeGreaterThanOrEqual(sentAt);
  });

  it('computes MD5OfMessageAttributes as AWS does, and over only the attributes a receive asks for', async () => {
    const QueueUrl = await queue();
    const MessageAttributes: Record<string, MessageAttributeValue> = {
      attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
      customNumberTypeAttrib: { DataType: 'Number.float', StringValue: '4563442423554324324264524243.32543234' },
      binaryAttribute: { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') },
    };
    const sent = await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'with attributes', MessageAttributes }));
    // The digest published with the aws-md5-of-message-attributes package for these three attributes.
    expect(sent.MD5OfMessageAttributes).toBe('c932db14a896c663f83c260297d594ff');
    const all = (await receive(QueueUrl, { MessageAttributeNames: ['All'], VisibilityTimeout: 0 })).Messages?.[0];
    expect(all?.MD5OfMessageAttributes).toBe('c932db14a896c663f83c260297d594ff');
    expect(Buffer.from(all?.MessageAttributes?.['binaryAttribute']?.BinaryValue ?? []).toString()).toBe('Hello binary world!');
    const one = (await receive(QueueUrl, { MessageAttributeNames: ['attrib*', 'attribName1'], VisibilityTimeout: 0 })).Messages?.[0];
    expect(Object.keys(one?.MessageAttributes ?? {})).toEqual(['attribName1']);
    expect(one?.MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
    const none = (await receive(QueueUrl)).Messages?.[0];
    expect(none?.MessageAttributes).toBeUndefined();
    expect(none?.MD5OfMessageAttributes).toBeUndefined();
  });

  it('selects attributes by prefix (name.*)', async () => {
    const QueueUrl = await queue();
    const s = (v: string): MessageAttributeValue => ({ DataType: 'String', StringValue: v });
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', MessageAttributes: { 'trace.id': s('1'), 'trace.span': s('2'), other: s('3') } }));
    const m = (await receive(QueueUrl, { MessageAttributeNames: ['trace.*'] })).Messages?.[0];
    expect(Object.keys(m?.MessageAttributes ?? {}).sort()).toEqual(['trace.id', 'trace.span']);
  });

  it('holds a delayed message back (ApproximateNumberOfMessagesDelayed) until its delay has passed', async () => {
    const QueueUrl = await queue();
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 5 }));
    const counts = await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed'] }));
    expect(counts.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesDelayed: '1' });
    expect((await receive(QueueUrl)).Messages).toBeUndefined();
    await h.sleep(5_500);
    expect((await receive(QueueUrl)).Messages?.[0]?.Body).toBe('later');
  });

  it("applies the queue's DelaySeconds when the message gives none", async () => {
    const QueueUrl = await queue({ DelaySeconds: '600' });
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'queue delay' }));
    expect((await receive(QueueUrl)).Messages).toBeUndefined();
  });

  it('enforces the 1 MiB message size, or the smaller MaximumMessageSize of the queue', async () => {
    const big = await queue();
    await h.sqs.send(new SendMessageCommand({ QueueUrl: big, MessageBody: 'a'.repeat(1_048_576) }));
    const over = await rejection(h.sqs.send(new SendMessageCommand({ QueueUrl: big, MessageBody: 'a'.repeat(1_048_577) })));
    expect(over.name).toBe('InvalidParameterValue');
    expect(over.message).toContain('Message must be shorter than 1048576 bytes');
    const small = await queue({ MaximumMessageSize: '1024' });
    // Attributes count toward the size: 1000 + name (1) + type (6) + value (20) > 1024.
    const err = await rejection(
      h.sqs.send(new SendMessageCommand({ QueueUrl: small, MessageBody: 'a'.repeat(1000), MessageAttributes: { k: { DataType: 'String', StringValue: 'v'.repeat(20) } } })),
    );
    expect(err.message).toContain('shorter than 1024 bytes');
  });

  it('rejects characters outside the XML set (InvalidMessageContents) and bad parameters (InvalidParameterValue)', async () => {
    const QueueUrl = await queue();
    expect(await rejection(h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'bell \u0007' })))).toBeInstanceOf(InvalidMessageContents);
    const cases: [Partial<ConstructorParameters<typeof SendMessageCommand>[0]>, string][] = [
      [{ DelaySeconds: 901 }, 'DelaySeconds'],
      [{ MessageDeduplicationId: 'd' }, 'MessageDeduplicationId'],
      [{ MessageAttributes: { k: { DataType: 'Text', StringValue: 'v' } } }, 'supported type prefixes'],
      [{ MessageAttributes: { 'AWS.reserved': { DataType: 'String', StringValue: 'v' } } }, 'AWS.reserved'],
      [{ MessageAttributes: { k: { DataType: 'Number', StringValue: 'twelve' } } }, 'to a number'],
      [{ MessageAttributes: { k: { DataType: 'String', StringValue: '' } } }, 'non-empty value'],
      [{ MessageAttributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }])) }, 'exceeds the allowed maximum [10]'],
      [{ MessageSystemAttributes: { Other: { DataType: 'String', StringValue: 'v' } } as never }, 'AWSTraceHeader'],
    ];
    for (const [extra, fragment] of cases) {
      const err = await rejection(h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x', ...extra })));
      expect(err.name).toBe('InvalidParameterValue');
      expect(err.message).toContain(fragment);
    }
    expect((await rejection(h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '' })))).name).toBe('MissingParameter');
  });

  it('carries AWSTraceHeader as a system attribute with its own MD5', async () => {
    const QueueUrl = await queue();
    const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    const sent = await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'traced', MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: trace } } }));
    expect(sent.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect((await receive(QueueUrl, { MessageSystemAttributeNames: ['AWSTraceHeader'] })).Messages?.[0]?.Attributes).toEqual({ AWSTraceHeader: trace });
  });

  it('validates ReceiveMessage parameters', async () => {
    const QueueUrl = await queue();
    for (const [extra, name] of [
      [{ MaxNumberOfMessages: 11 }, 'MaxNumberOfMessages'],
      [{ MaxNumberOfMessages: 0 }, 'MaxNumberOfMessages'],
      [{ WaitTimeSeconds: 21 }, 'WaitTimeSeconds'],
      [{ VisibilityTimeout: 43_201 }, 'VisibilityTimeout'],
    ] as const) {
      const err = await rejection(receive(QueueUrl, extra));
      expect(err.name).toBe('InvalidParameterValue');
      expect(err.message).toContain(`parameter ${name} is invalid`);
    }
    expect(await rejection(receive(QueueUrl, { MessageSystemAttributeNames: ['Colour' as never] }))).toBeInstanceOf(InvalidAttributeName);
    expect(await rejection(receive(`${h.gateway.url}/${ACCOUNT}/no-such-queue`))).toBeInstanceOf(QueueDoesNotExist);
  });

  it('returns at most MaxNumberOfMessages, and each message to one receiver while it is in flight', async () => {
    const QueueUrl = await queue();
    for (let i = 0; i < 15; i++) await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` }));
    const first = (await receive(QueueUrl)).Messages ?? [];
    const second = (await receive(QueueUrl)).Messages ?? [];
    expect(first).toHaveLength(10);
    expect(second).toHaveLength(5);
    expect(new Set([...first, ...second].map((m) => m.Body)).size).toBe(15);
    const counts = await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(counts.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '15' });
  });
});

describe('DeleteMessage', () => {
  it('deletes with the latest receipt handle, and again without error', async () => {
    const QueueUrl = await queue();
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'done' }));
    const handle = (await receive(QueueUrl)).Messages?.[0]?.ReceiptHandle;
    await h.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handle }));
    await h.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handle }));
    expect(h.model.counters().queues[QueueUrl.split('/').at(-1) as string]).toMatchObject({ sent: 1, received: 1, deleted: 1, stored: 0 });
  });

  it('answers ReceiptHandleIsInvalid for a handle it did not issue or from another queue', async () => {
    const a = await queue();
    const b = await queue();
    await h.sqs.send(new SendMessageCommand({ QueueUrl: a, MessageBody: 'a' }));
    const handle = (await receive(a)).Messages?.[0]?.ReceiptHandle;
    for (const [QueueUrl, ReceiptHandle] of [
      [a, 'not-a-handle'],
      [b, handle],
    ]) {
      const err = await rejection(h.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle })));
      expect(err).toBeInstanceOf(ReceiptHandleIsInvalid);
      expect(err.$metadata?.httpStatusCode).toBe(404);
    }
  });

  it('refuses a handle whose visibility timeout has passed: the receipt handle has expired', async () => {
    const QueueUrl = await queue();
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'slow consumer' }));
    const handle = (await receive(QueueUrl, { VisibilityTimeout: 1 })).Messages?.[0]?.ReceiptHandle;
    await h.sleep(1_500);
    const err = await rejection(h.sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handle })));
    expect(err.name).toBe('InvalidParameterValue');
    expect(err.message).toContain('The receipt handle has expired.');
    expect((await receive(QueueUrl)).Messages?.[0]?.Body).toBe('slow consumer');
  });
});

describe('ChangeMessageVisibility', () => {
  it('extends, or with 0 releases the message at once', async () => {
    const QueueUrl = await queue();
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'released' }));
    const handle = (await receive(QueueUrl, { VisibilityTimeout: 2 })).Messages?.[0]?.ReceiptHandle;
    await h.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 600 }));
    await h.sleep(3_000);
    expect((await receive(QueueUrl)).Messages).toBeUndefined();
    await h.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 }));
    const again = (await receive(QueueUrl, { MessageSystemAttributeNames: ['ApproximateReceiveCount'] })).Messages?.[0];
    expect(again?.Attributes?.['ApproximateReceiveCount']).toBe('2');
  });

  it('answers MessageNotInflight, a stale handle, the 12-hour cap and bad values as AWS does', async () => {
    const QueueUrl = await queue();
    await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'v' }));
    const first = (await receive(QueueUrl, { VisibilityTimeout: 1 })).Messages?.[0]?.ReceiptHandle;
    await h.sleep(1_500);
    expect(await rejection(h.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: first, VisibilityTimeout: 10 })))).toBeInstanceOf(MessageNotInflight);
    const second = (await receive(QueueUrl, { VisibilityTimeout: 600 })).Messages?.[0]?.ReceiptHandle;
    const stale = await rejection(h.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: first, VisibilityTimeout: 10 })));
    expect(stale.message).toContain('Message does not exist or is not available for visibility timeout change.');
    await h.sleep(1_000);
    const cap = await rejection(h.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: second, VisibilityTimeout: 43_200 })));
    expect(cap.message).toContain('Total VisibilityTimeout for the message is beyond the limit [43200 seconds]');
    expect((await rejection(h.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: second, VisibilityTimeout: 43_201 })))).name).toBe('InvalidParameterValue');
  });
});
