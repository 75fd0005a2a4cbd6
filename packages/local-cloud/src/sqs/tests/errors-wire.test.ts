// How errors travel on the JSON protocol: `__type` and `x-amzn-query-error`, each enough on its own
// for the SDK to raise its modeled exception class.
import { GetQueueUrlCommand, QueueDoesNotExist, QueueNameExists, CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Readable } from 'node:stream';
import { rejection, startSqs, type SqsHarness } from './helpers';

let h: SqsHarness;
beforeAll(async () => {
  h = await startSqs();
});
afterAll(() => h.close());

type Rewrite = (headers: Record<string, string>, body: Record<string, unknown>) => void;

interface Transport {
  handle(request: unknown, options?: unknown): Promise<{ response: { headers: Record<string, string>; body: unknown } }>;
  destroy(): void;
}

/** A client whose transport (the SDK's own) rewrites every response before the SDK parses it. */
function rewritingClient(rewrite: Rewrite): SQSClient {
  const config = { endpoint: h.gateway.url, region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' }, maxAttempts: 1 };
  const inner = new SQSClient(config).config.requestHandler as unknown as Transport;
  const requestHandler: Transport = {
    handle: async (request, options) => {
      const out = await inner.handle(request, options);
      const chunks: Buffer[] = [];
      for await (const chunk of out.response.body as Readable) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      rewrite(out.response.headers, body);
      out.response.body = Readable.from([Buffer.from(JSON.stringify(body))]);
      return out;
    },
    destroy: () => inner.destroy(),
  };
  return new SQSClient({ ...config, requestHandler: requestHandler as never });
}

it('sends __type com.amazonaws.sqs#<Shape> and x-amzn-query-error <QueryCode>;Sender', async () => {
  const res = await fetch(h.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.GetQueueUrl' },
    body: JSON.stringify({ QueueName: 'missing' }),
  });
  expect(res.status).toBe(400);
  expect(res.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
  expect(await res.json()).toEqual({ __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: expect.stringContaining('missing') });
});

it('raises the modeled class from __type alone (no x-amzn-query-error header)', async () => {
  const removed: string[] = [];
  const client = rewritingClient((headers) => {
    removed.push(headers['x-amzn-query-error'] ?? 'absent');
    delete headers['x-amzn-query-error'];
  });
  try {
    expect(await rejection(client.send(new GetQueueUrlCommand({ QueueName: 'missing' })))).toBeInstanceOf(QueueDoesNotExist);
    expect(removed).toEqual(['AWS.SimpleQueueService.NonExistentQueue;Sender']);
  } finally {
    client.destroy();
  }
});

it('raises the modeled class from the x-amzn-query-error header alone (no __type)', async () => {
  await h.sqs.send(new CreateQueueCommand({ QueueName: 'exists', Attributes: { DelaySeconds: '1' } }));
  const removed: unknown[] = [];
  const client = rewritingClient((_, body) => {
    removed.push(body['__type']);
    delete body['__type'];
  });
  try {
    expect(await rejection(client.send(new GetQueueUrlCommand({ QueueName: 'missing' })))).toBeInstanceOf(QueueDoesNotExist);
    expect(removed).toEqual(['com.amazonaws.sqs#QueueDoesNotExist']);
    // QueueNameExists is known by the query code QueueAlreadyExists only.
    expect(await rejection(client.send(new CreateQueueCommand({ QueueName: 'exists', Attributes: { DelaySeconds: '2' } })))).toBeInstanceOf(QueueNameExists);
  } finally {
    client.destroy();
  }
});

it('answers an unknown operation with InvalidAction', async () => {
  const res = await fetch(h.gateway.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.Frobnicate' }, body: '{}' });
  expect(res.status).toBe(400);
  expect(res.headers.get('x-amzn-query-error')).toBe('InvalidAction;Sender');
});
