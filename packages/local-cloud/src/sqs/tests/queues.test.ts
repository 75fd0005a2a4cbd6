// The queue control plane through the real SDK v3 client: every operation and its error codes.
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  InvalidAttributeName,
  InvalidAttributeValue,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  PurgeQueueInProgress,
  QueueDeletedRecently,
  QueueDoesNotExist,
  QueueNameExists,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UnsupportedOperation,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { ACCOUNT, rejection, startSqs, type SqsHarness } from './helpers';

let h: SqsHarness;
beforeAll(async () => {
  // 100×: the minute PurgeQueue and DeleteQueue make callers wait passes in 0.6 s, while a slow
  // request (tens of ms on a busy machine) stays well inside it.
  h = await startSqs({ timeScale: 100 });
});
afterAll(() => h.close());

const create = async (name: string, Attributes?: Record<string, string>): Promise<string> =>
  (await h.sqs.send(new CreateQueueCommand({ QueueName: name, ...(Attributes ? { Attributes } : {}) }))).QueueUrl as string;
const attributes = async (QueueUrl: string, names: string[] = ['All']): Promise<Record<string, string>> =>
  (await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: names as never }))).Attributes ?? {};

describe('CreateQueue', () => {
  it('answers the gateway URL <endpoint>/<account>/<name>, and the same URL for an identical repeat', async () => {
    const url = await create('orders', { VisibilityTimeout: '45' });
    expect(url).toBe(`${h.gateway.url}/${ACCOUNT}/orders`);
    expect(await create('orders', { VisibilityTimeout: '45' })).toBe(url);
    expect(await create('orders')).toBe(url);
  });

  it('refuses the name with different attributes: QueueNameExists (query code QueueAlreadyExists)', async () => {
    await create('differs', { DelaySeconds: '5' });
    const err = await rejection(create('differs', { DelaySeconds: '6' }));
    expect(err).toBeInstanceOf(QueueNameExists);
    expect(err.message).toBe('A queue already exists with the same name and a different value for attribute DelaySeconds');
    expect((err as unknown as { Code: string }).Code).toBe('QueueAlreadyExists');
  });

  it('rejects names outside 1–80 alphanumerics, hyphens and underscores', async () => {
    for (const name of ['has space', 'a'.repeat(81), 'dot.name']) {
      const err = await rejection(create(name));
      expect(err.name).toBe('InvalidParameterValue');
      expect(err.message).toContain(`Value ${name} for parameter QueueName is invalid`);
    }
  });

  it('answers FIFO queues with UnsupportedOperation, naming why', async () => {
    const err = await rejection(create('jobs.fifo', { FifoQueue: 'true' }));
    expect(err).toBeInstanceOf(UnsupportedOperation);
    expect(err.message).toContain('FIFO');
  });

  it('rejects unknown attributes (InvalidAttributeName) and values out of bounds (InvalidAttributeValue)', async () => {
    expect(await rejection(create('bad-name', { Colour: 'blue' }))).toBeInstanceOf(InvalidAttributeName);
    expect(await rejection(create('bad-name', { QueueArn: 'x' }))).toBeInstanceOf(InvalidAttributeName);
    const bounds: [string, string][] = [
      ['VisibilityTimeout', '43201'],
      ['VisibilityTimeout', '-1'],
      ['MessageRetentionPeriod', '59'],
      ['MessageRetentionPeriod', '1209601'],
      ['DelaySeconds', '901'],
      ['MaximumMessageSize', '1023'],
      ['MaximumMessageSize', '1048577'],
      ['ReceiveMessageWaitTimeSeconds', '21'],
      ['KmsDataKeyReusePeriodSeconds', '59'],
      ['SqsManagedSseEnabled', 'yes'],
      ['Policy', '{not json'],
    ];
    for (const [name, value] of bounds) {
      const err = await rejection(create('bad-value', { [name]: value }));
      expect(err).toBeInstanceOf(InvalidAttributeValue);
      expect(err.message).toContain(name);
    }
  });

  it('tags the queue on creation', async () => {
    const QueueUrl = (await h.sqs.send(new CreateQueueCommand({ QueueName: 'tagged-at-birth', tags: { team: 'fanout' } }))).QueueUrl;
    expect((await h.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ team: 'fanout' });
  });
});

describe('GetQueueAttributes / SetQueueAttributes', () => {
  it('reports All with AWS defaults for a new queue', async () => {
    const url = await create('defaults');
    const all = await attributes(url);
    expect(all).toEqual({
      QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:defaults`,
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      CreatedTimestamp: expect.stringMatching(/^\d{10}$/),
      LastModifiedTimestamp: expect.stringMatching(/^\d{10}$/),
      VisibilityTimeout: '30',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
    });
    expect(Number(all['CreatedTimestamp']) * 1000).toBeLessThanOrEqual(h.clock.now());
  });

  it('returns only the names asked for, nothing when none are', async () => {
    const url = await create('some-names');
    expect(await attributes(url, ['VisibilityTimeout', 'QueueArn'])).toEqual({ VisibilityTimeout: '30', QueueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:some-names` });
    expect((await h.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url }))).Attributes).toBeUndefined();
    expect(await rejection(attributes(url, ['Nope']))).toBeInstanceOf(InvalidAttributeName);
  });

  it('sets attributes, moves LastModifiedTimestamp on AWS time, and switches SSE-SQS off for a KMS key', async () => {
    const url = await create('settable');
    const before = await attributes(url, ['LastModifiedTimestamp']);
    await h.sleep(2000);
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: '120', KmsMasterKeyId: 'alias/aws/sqs', Policy: '{"Version":"2012-10-17","Statement":[]}' } }));
    const after = await attributes(url);
    expect(after).toMatchObject({ VisibilityTimeout: '120', KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: '300', SqsManagedSseEnabled: 'false' });
    expect(JSON.parse(after['Policy'] as string)).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(Number(after['LastModifiedTimestamp'])).toBeGreaterThan(Number(before['LastModifiedTimestamp']));
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { Policy: '', KmsMasterKeyId: '' } }));
    expect(await attributes(url)).not.toHaveProperty('Policy');
    expect(await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { FifoQueue: 'false' } })))).toBeInstanceOf(InvalidAttributeName);
  });

  it('takes a RedrivePolicy naming an existing queue, and reports it normalized', async () => {
    const dlq = await create('rp-dlq');
    const source = await create('rp-source');
    const dlqArn = `arn:aws:sqs:us-east-1:${ACCOUNT}:rp-dlq`;
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: source, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: '3' }) } }));
    expect(JSON.parse((await attributes(source, ['RedrivePolicy']))['RedrivePolicy'] as string)).toEqual({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 });
    expect((await h.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }))).queueUrls).toEqual([source]);
    // The same policy with the count as a number is the same attribute value: CreateQueue repeats.
    expect(await create('rp-source', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) })).toBe(source);
  });

  it('rejects redrive policies AWS rejects, naming the reason', async () => {
    const source = await create('rp-bad');
    const dlq = await create('rp-strict', { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }) });
    const cases: [object | string, string][] = [
      [{ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:missing`, maxReceiveCount: 3 }, 'Dead letter target does not exist'],
      [{ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:rp-bad`, maxReceiveCount: 3 }, 'its own dead-letter queue'],
      [{ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:rp-strict`, maxReceiveCount: 3 }, 'RedriveAllowPolicy'],
      [{ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:rp-strict`, maxReceiveCount: 0 }, 'maxReceiveCount: 0'],
      [{ maxReceiveCount: 3 }, 'mandatory attribute: deadLetterTargetArn'],
      ['[1]', 'not a valid JSON map'],
    ];
    for (const [policy, reason] of cases) {
      const err = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: source, Attributes: { RedrivePolicy: typeof policy === 'string' ? policy : JSON.stringify(policy) } })));
      expect(err.name).toBe('InvalidParameterValue');
      expect(err.message).toContain(reason);
    }
    expect(dlq).toContain('rp-strict');
  });
});

describe('GetQueueUrl / ListQueues / DeleteQueue', () => {
  it('finds a queue by name and answers QueueDoesNotExist otherwise', async () => {
    const url = await create('findable');
    expect((await h.sqs.send(new GetQueueUrlCommand({ QueueName: 'findable' }))).QueueUrl).toBe(url);
    expect(await rejection(h.sqs.send(new GetQueueUrlCommand({ QueueName: 'findable', QueueOwnerAWSAccountId: '999999999999' })))).toBeInstanceOf(QueueDoesNotExist);
    const err = await rejection(h.sqs.send(new GetQueueUrlCommand({ QueueName: 'nowhere' })));
    expect(err).toBeInstanceOf(QueueDoesNotExist);
    expect((err as unknown as { Code: string }).Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
  });

  it('lists by prefix, in pages with NextToken when MaxResults is given', async () => {
    for (const n of ['page-a', 'page-b', 'page-c']) await create(n);
    const all = await h.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-' }));
    expect(all.QueueUrls).toEqual(['page-a', 'page-b', 'page-c'].map((n) => `${h.gateway.url}/${ACCOUNT}/${n}`));
    expect(all.NextToken).toBeUndefined();
    const first = await h.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2 }));
    expect(first.QueueUrls).toHaveLength(2);
    const second = await h.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'page-', MaxResults: 2, NextToken: first.NextToken }));
    expect(second.QueueUrls).toEqual([`${h.gateway.url}/${ACCOUNT}/page-c`]);
    expect(second.NextToken).toBeUndefined();
    expect((await h.sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'none-such' }))).QueueUrls).toBeUndefined();
    expect((await rejection(h.sqs.send(new ListQueuesCommand({ MaxResults: 1001 })))).name).toBe('InvalidParameterValue');
  });

  it('deletes a queue with its messages (counted) and keeps the name for a minute of AWS time', async () => {
    const url = await create('short-lived');
    await h.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'lost with the queue' }));
    await h.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    expect(await rejection(h.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' })))).toBeInstanceOf(QueueDoesNotExist);
    expect(await rejection(h.sqs.send(new DeleteQueueCommand({ QueueUrl: url })))).toBeInstanceOf(QueueDoesNotExist);
    expect(await rejection(create('short-lived'))).toBeInstanceOf(QueueDeletedRecently);
    expect(h.model.counters().totals.droppedWithQueue).toBeGreaterThanOrEqual(1);
    await h.sleep(61_000);
    expect(await create('short-lived')).toBe(url);
  });
});

describe('TagQueue / UntagQueue / ListQueueTags', () => {
  it('adds, overwrites and removes tags', async () => {
    const QueueUrl = await create('tags');
    expect((await h.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toBeUndefined();
    await h.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { env: 'local', owner: 'a' } }));
    await h.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { owner: 'b' } }));
    expect((await h.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ env: 'local', owner: 'b' });
    await h.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: ['env', 'absent'] }));
    expect((await h.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({ owner: 'b' });
    expect((await rejection(h.sqs.send(new TagQueueCommand({ QueueUrl, Tags: { ['k'.repeat(129)]: 'v' } })))).name).toBe('InvalidParameterValue');
  });
});

describe('PurgeQueue', () => {
  it('deletes every message (counted) and refuses a second purge within 60 s of AWS time', async () => {
    const QueueUrl = await create('purged');
    for (let i = 0; i < 3; i++) await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `m${i}` }));
    await h.sqs.send(new PurgeQueueCommand({ QueueUrl }));
    expect((await attributes(QueueUrl, ['ApproximateNumberOfMessages']))['ApproximateNumberOfMessages']).toBe('0');
    expect(h.model.counters().queues['purged']).toMatchObject({ sent: 3, purged: 3, stored: 0 });
    const err = await rejection(h.sqs.send(new PurgeQueueCommand({ QueueUrl })));
    expect(err).toBeInstanceOf(PurgeQueueInProgress);
    expect(err.$metadata?.httpStatusCode).toBe(403);
    await h.sleep(61_000);
    await h.sqs.send(new PurgeQueueCommand({ QueueUrl }));
  });
});
