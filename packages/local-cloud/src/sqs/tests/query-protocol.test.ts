// The query protocol as older CLIs send it: form-encoded Action=…&Version=2012-11-05, XML answers.
import { XMLParser } from 'fast-xml-parser';
import { createHash } from 'node:crypto';
import { ACCOUNT, startSqs, type SqsHarness } from './helpers';

let h: SqsHarness;
beforeAll(async () => {
  h = await startSqs();
});
afterAll(() => h.close());

const NS = 'http://queue.amazonaws.com/doc/2012-11-05/';
const LISTS = ['Attribute', 'MessageAttribute', 'QueueUrl', 'Tag', 'SendMessageBatchResultEntry', 'BatchResultErrorEntry'];
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name, jpath) => LISTS.includes(name) || String(jpath).endsWith('Result.Message') });
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

interface QueryAnswer {
  status: number;
  contentType: string | null;
  xml: string;
  doc: Record<string, Record<string, unknown>>;
}

async function query(params: Record<string, string>, path = '/', method: 'POST' | 'GET' = 'POST'): Promise<QueryAnswer> {
  const form = new URLSearchParams({ Version: '2012-11-05', ...params });
  const res =
    method === 'POST'
      ? await fetch(`${h.gateway.url}${path}`, { method, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: form.toString() })
      : await fetch(`${h.gateway.url}${path}?${form.toString()}`);
  const xml = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), xml, doc: parser.parse(xml) as QueryAnswer['doc'] };
}

const result = (a: QueryAnswer, action: string): Record<string, unknown> => {
  const response = a.doc[`${action}Response`] as Record<string, unknown>;
  expect(response['@_xmlns']).toBe(NS);
  expect((response['ResponseMetadata'] as Record<string, string>)['RequestId']).toMatch(/^[0-9a-f-]{36}$/);
  return (response[`${action}Result`] ?? {}) as Record<string, unknown>;
};

it('creates a queue from Attribute.N and Tag.N members and answers CreateQueueResponse XML', async () => {
  const a = await query({ Action: 'CreateQueue', QueueName: 'q-xml', 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '40', 'Tag.1.Key': 'team', 'Tag.1.Value': 'fanout' });
  expect(a.status).toBe(200);
  expect(a.contentType).toBe('text/xml');
  expect(a.xml.startsWith('<?xml version="1.0"?>')).toBe(true);
  expect(result(a, 'CreateQueue')['QueueUrl']).toEqual([`${h.gateway.url}/${ACCOUNT}/q-xml`]);
  const attrs = result(await query({ Action: 'GetQueueAttributes', QueueUrl: `${h.gateway.url}/${ACCOUNT}/q-xml`, 'AttributeName.1': 'VisibilityTimeout', 'AttributeName.2': 'QueueArn' }), 'GetQueueAttributes');
  expect(attrs['Attribute']).toEqual([
    { Name: 'VisibilityTimeout', Value: 40 },
    { Name: 'QueueArn', Value: `arn:aws:sqs:us-east-1:${ACCOUNT}:q-xml` },
  ]);
  const tags = result(await query({ Action: 'ListQueueTags', QueueUrl: `${h.gateway.url}/${ACCOUNT}/q-xml` }), 'ListQueueTags');
  expect(tags['Tag']).toEqual([{ Key: 'team', Value: 'fanout' }]);
});

it('sends with MessageAttribute.N members and receives them back as XML, MD5s as on the JSON protocol', async () => {
  const QueueUrl = `${h.gateway.url}/${ACCOUNT}/q-xml`;
  const sent = result(
    await query({
      Action: 'SendMessage',
      QueueUrl,
      MessageBody: 'a <b> & c',
      'MessageAttribute.1.Name': 'attribName1',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'attribValue 1',
      'MessageAttribute.2.Name': 'bin',
      'MessageAttribute.2.Value.DataType': 'Binary',
      'MessageAttribute.2.Value.BinaryValue': Buffer.from([0, 1, 2]).toString('base64'),
    }),
    'SendMessage',
  );
  expect(sent['MD5OfMessageBody']).toBe(md5('a <b> & c'));
  expect(sent['MD5OfMessageAttributes']).toMatch(/^[0-9a-f]{32}$/);
  const received = result(await query({ Action: 'ReceiveMessage', QueueUrl, 'AttributeName.1': 'All', 'MessageAttributeName.1': 'All', VisibilityTimeout: '0' }), 'ReceiveMessage');
  const [message] = received['Message'] as Record<string, unknown>[];
  expect(message).toMatchObject({ MessageId: sent['MessageId'], Body: 'a <b> & c', MD5OfBody: md5('a <b> & c'), MD5OfMessageAttributes: sent['MD5OfMessageAttributes'] });
  expect((message?.['Attribute'] as { Name: string }[]).map((x) => x.Name).sort()).toEqual(['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp']);
  expect(message?.['MessageAttribute']).toEqual([
    { Name: 'attribName1', Value: { DataType: 'String', StringValue: 'attribValue 1' } },
    { Name: 'bin', Value: { DataType: 'Binary', BinaryValue: 'AAEC' } },
  ]);
  // The same attribute through the JSON path gives the same digest.
  const viaJson = h.model.messages.sendMessage({ kind: 'external' }, { QueueUrl, MessageBody: 'x', MessageAttributes: { attribName1: { DataType: 'String', StringValue: 'attribValue 1' } } });
  expect(viaJson.MD5OfMessageAttributes).toBe('19e27d4e946b072f3f58da80d94fd778');
});

it('accepts the queue URL as the request path, and GET with a query string', async () => {
  const sent = result(await query({ Action: 'SendMessage', MessageBody: 'by path' }, `/${ACCOUNT}/q-xml`), 'SendMessage');
  expect(sent['MessageId']).toMatch(/^[0-9a-f-]{36}$/);
  const listed = result(await query({ Action: 'ListQueues', QueueNamePrefix: 'q-' }, '/', 'GET'), 'ListQueues');
  expect(listed['QueueUrl']).toEqual([`${h.gateway.url}/${ACCOUNT}/q-xml`]);
});

it('answers batches with SendMessageBatchResultEntry and BatchResultErrorEntry', async () => {
  const a = await query({
    Action: 'SendMessageBatch',
    QueueUrl: `${h.gateway.url}/${ACCOUNT}/q-xml`,
    'SendMessageBatchRequestEntry.1.Id': 'good',
    'SendMessageBatchRequestEntry.1.MessageBody': 'fine',
    'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'n',
    'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'Number',
    'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue': '42',
    'SendMessageBatchRequestEntry.2.Id': 'bad',
    'SendMessageBatchRequestEntry.2.MessageBody': 'late',
    'SendMessageBatchRequestEntry.2.DelaySeconds': '9999',
  });
  const r = result(a, 'SendMessageBatch');
  expect((r['SendMessageBatchResultEntry'] as Record<string, unknown>[])[0]).toMatchObject({ Id: 'good', MD5OfMessageBody: md5('fine'), MD5OfMessageAttributes: expect.any(String) });
  expect(r['BatchResultErrorEntry']).toEqual([{ Id: 'bad', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.stringContaining('DelaySeconds') }]);
});

it('answers operations without output with ResponseMetadata only', async () => {
  const a = await query({ Action: 'SetQueueAttributes', QueueUrl: `${h.gateway.url}/${ACCOUNT}/q-xml`, 'Attribute.1.Name': 'DelaySeconds', 'Attribute.1.Value': '0' });
  expect(a.status).toBe(200);
  expect(Object.keys(a.doc['SetQueueAttributesResponse'] ?? {})).toEqual(['ResponseMetadata', '@_xmlns']);
});

it('answers errors as ErrorResponse XML with the query code, type and status', async () => {
  const missing = await query({ Action: 'GetQueueUrl', QueueName: 'absent' });
  expect(missing.status).toBe(400);
  const error = (missing.doc['ErrorResponse'] as Record<string, Record<string, string>>)['Error'];
  expect(error).toMatchObject({ Type: 'Sender', Code: 'AWS.SimpleQueueService.NonExistentQueue', Message: expect.stringContaining('absent') });
  expect((missing.doc['ErrorResponse'] as Record<string, string>)['@_xmlns']).toBe(NS);
  const cases: [Record<string, string>, number, string][] = [
    [{ Action: 'CreateQueue' }, 400, 'MissingParameter'],
    [{ Action: 'CreateQueue', QueueName: 'q-xml', 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '41' }, 400, 'QueueAlreadyExists'],
    [{ Action: 'ReceiveMessage', QueueUrl: `${h.gateway.url}/${ACCOUNT}/q-xml`, MaxNumberOfMessages: 'ten' }, 400, 'InvalidParameterValue'],
    [{ Action: 'DeleteMessage', QueueUrl: `${h.gateway.url}/${ACCOUNT}/q-xml`, ReceiptHandle: 'bogus' }, 404, 'ReceiptHandleIsInvalid'],
    [{ Action: 'SendMessageBatch', QueueUrl: `${h.gateway.url}/${ACCOUNT}/q-xml` }, 400, 'AWS.SimpleQueueService.EmptyBatchRequest'],
    [{ Action: 'AddPermission', QueueUrl: `${h.gateway.url}/${ACCOUNT}/q-xml` }, 400, 'AWS.SimpleQueueService.UnsupportedOperation'],
  ];
  for (const [params, status, code] of cases) {
    const a = await query(params);
    expect([a.status, (a.doc['ErrorResponse'] as Record<string, Record<string, string>>)['Error']?.['Code']]).toEqual([status, code]);
  }
});

it('leaves requests with actions of other services to them', async () => {
  const a = await query({ Action: 'DescribeInstances' });
  expect(a.status).toBe(400);
  expect(a.xml).toContain('UnknownOperationException');
});
