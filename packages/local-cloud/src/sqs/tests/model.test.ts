// The in-process side: SqsPort, queues named by ARN, authorization with the queue policy, SenderId.
import { CreateQueueCommand, PurgeQueueCommand, ReceiveMessageCommand, SendMessageCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { AccessDeniedError } from '../../core/aws-error';
import type { AuthorizationRequest, Authorizer } from '../../core/authorizer';
import type { Caller } from '../../core/caller';
import { CredentialIssuer } from '../../core/credentials';
import { roleId } from '../../sts/identity';
import { Clock } from '../../core/clock';
import { SqsError } from '../errors';
import { SqsModel } from '../model/sqs-model';
import { ACCOUNT, rejection, startSqs, type SqsHarness } from './helpers';

const ROLE = `arn:aws:iam::${ACCOUNT}:role/worker-role`;
const RULE = `arn:aws:events:us-east-1:${ACCOUNT}:rule/bus/on-failure`;
const EVENTBRIDGE: Caller = { kind: 'service', service: 'events.amazonaws.com', sourceArn: RULE, sourceAccount: ACCOUNT };

const requests: AuthorizationRequest[] = [];
/** Records every question; denies EventBridge unless the queue policy names its rule. */
const authorizer: Authorizer = {
  authorize(request) {
    requests.push(request);
    if (request.caller.kind === 'service' && !JSON.stringify(request.resourcePolicy ?? {}).includes(request.caller.sourceArn)) {
      throw new AccessDeniedError(`${request.caller.service} may not ${request.action} on ${request.resource}`);
    }
  },
};

const issuer = new CredentialIssuer();
let h: SqsHarness;
let QueueUrl: string;
const arn = `arn:aws:sqs:us-east-1:${ACCOUNT}:dead-letters`;
beforeAll(async () => {
  h = await startSqs({ authorizer, identify: (key) => issuer.identify(key) });
  QueueUrl = (await h.sqs.send(new CreateQueueCommand({ QueueName: 'dead-letters' }))).QueueUrl as string;
});
afterAll(() => h.close());
beforeEach(() => {
  requests.length = 0;
});

it('asks the authorizer for sqs:<Action> on the queue ARN, batches as their single action', async () => {
  await h.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x' }));
  await h.sqs.send(new ReceiveMessageCommand({ QueueUrl }));
  h.model.messages.sendMessageBatch({ kind: 'external' }, { QueueUrl, Entries: [{ Id: 'a', MessageBody: 'y' }] });
  expect(requests.map((r) => [r.action, r.resource, r.caller.kind])).toEqual([
    ['sqs:SendMessage', arn, 'external'],
    ['sqs:ReceiveMessage', arn, 'external'],
    ['sqs:SendMessage', arn, 'external'],
  ]);
});

it('lets a service principal write through SqsPort by ARN only when the queue policy allows it', async () => {
  // prepare
  const port = h.model.port();
  const denied = await rejection(port.sendMessage({ queue: arn, body: 'event', caller: EVENTBRIDGE }));
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn, Condition: { ArnEquals: { 'aws:SourceArn': RULE } } }] };
  await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Policy: JSON.stringify(policy) } }));

  // act
  const sent = await port.sendMessage({ queue: arn, body: 'event', caller: EVENTBRIDGE, messageAttributes: { RULE_ARN: { DataType: 'String', StringValue: RULE } }, delaySeconds: 0 });

  // assert
  expect(denied).toBeInstanceOf(AccessDeniedError);
  expect(requests.at(-1)).toMatchObject({ action: 'sqs:SendMessage', resource: arn, caller: EVENTBRIDGE, resourcePolicy: policy });
  expect(sent.md5OfMessageBody).toBe(createHash('md5').update('event').digest('hex'));
  const got = h.model.receiver.receiveMessage({ kind: 'external' }, { QueueUrl: arn, MessageSystemAttributeNames: ['SenderId'], MessageAttributeNames: ['All'], MaxNumberOfMessages: 10 });
  const messages = (await got).Messages ?? [];
  const event = messages.find((m) => m.MessageId === sent.messageId);
  expect(event?.Attributes).toEqual({ SenderId: 'events.amazonaws.com' });
  expect(event?.MessageAttributes?.['RULE_ARN']?.StringValue).toBe(RULE);
});

it('sends through SqsPort by queue URL of any host, and refuses what names no queue', async () => {
  const port = h.model.port();
  await port.sendMessage({ queue: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/dead-letters`, body: 'by url', caller: { kind: 'external' } });
  for (const queue of [`arn:aws:sqs:us-east-1:${ACCOUNT}:nope`, `arn:aws:sqs:eu-west-1:${ACCOUNT}:dead-letters`, `${h.gateway.url}/999999999999/dead-letters`]) {
    const err = await rejection(port.sendMessage({ queue, body: 'x', caller: { kind: 'external' } }));
    expect(err).toBeInstanceOf(SqsError);
    expect((err as SqsError).code).toBe('QueueDoesNotExist');
  }
  expect(((await rejection(port.sendMessage({ queue: 'dead-letters', body: 'x', caller: { kind: 'external' } }))) as SqsError).code).toBe('InvalidAddress');
});

it('answers a denied HTTP caller 403 AccessDenied', async () => {
  const strict = await startSqs({
    authorizer: {
      authorize: (r) => {
        if (r.action === 'sqs:PurgeQueue') throw new AccessDeniedError(`not allowed: ${r.action}`);
      },
    },
  });
  try {
    const url = (await strict.sqs.send(new CreateQueueCommand({ QueueName: 'guarded' }))).QueueUrl;
    const err = await rejection(strict.sqs.send(new PurgeQueueCommand({ QueueUrl: url })));
    expect([err.name, err.$metadata?.httpStatusCode, err.message]).toEqual(['AccessDenied', 403, 'not allowed: sqs:PurgeQueue']);
  } finally {
    await strict.close();
  }
});

it("reports a role caller's SenderId as <role id>:<session>", async () => {
  const keys = issuer.issue(ROLE, 'worker-fn');
  const asRole = new SQSClient({ endpoint: h.gateway.url, region: 'us-east-1', credentials: keys, maxAttempts: 1 });
  try {
    const sent = await asRole.send(new SendMessageCommand({ QueueUrl, MessageBody: 'from a role' }));
    expect(requests.at(-1)?.caller).toEqual({ kind: 'role', roleArn: ROLE, sessionName: 'worker-fn' });
    const all = (await h.model.receiver.receiveMessage({ kind: 'external' }, { QueueUrl, MessageSystemAttributeNames: ['SenderId'], MaxNumberOfMessages: 10 })).Messages ?? [];
    expect(all.find((m) => m.MessageId === sent.MessageId)?.Attributes?.['SenderId']).toBe(`${roleId(ROLE)}:worker-fn`);
  } finally {
    asRole.destroy();
  }
});

it('answers OverLimit once the in-flight limit (configurable, 120,000 by default) is reached', async () => {
  // prepare
  const model = new SqsModel({ clock: new Clock(), endpoint: () => 'http://localhost:4566', limits: { inflightMessages: 2 } });
  const caller: Caller = { kind: 'external' };
  const { QueueUrl: url } = model.queues.createQueue(caller, { QueueName: 'busy' });
  for (const body of ['a', 'b', 'c']) model.messages.sendMessage(caller, { QueueUrl: url, MessageBody: body });

  // act
  const taken = await model.receiver.receiveMessage(caller, { QueueUrl: url, MaxNumberOfMessages: 2 });
  const err = await rejection(model.receiver.receiveMessage(caller, { QueueUrl: url }));

  // assert
  expect(url).toBe('http://localhost:4566/123456789012/busy');
  expect(taken.Messages).toHaveLength(2);
  expect((err as SqsError).code).toBe('OverLimit');
  expect((err as SqsError).status).toBe(403);
  model.close();
});
