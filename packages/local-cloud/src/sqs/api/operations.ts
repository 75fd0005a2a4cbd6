import type { Caller } from '../../core/caller';
import { SqsError, missingParameter } from '../errors';
import type { SqsModel } from '../model/sqs-model';
import { entries, messageAttributes, optionalInteger, optionalString, requiredInteger, requiredString, stringList, stringMap, type Input } from './input';

type Handler = (model: SqsModel, input: Input, caller: Caller) => unknown;

const queueUrl = (input: Input): { QueueUrl: string } => ({ QueueUrl: requiredString(input, 'QueueUrl') });

const required = <T>(value: T | undefined, name: string): T => {
  if (value === undefined) throw missingParameter(name);
  return value;
};

const message = (input: Input) => ({
  MessageBody: requiredString(input, 'MessageBody'),
  DelaySeconds: optionalInteger(input, 'DelaySeconds'),
  MessageAttributes: messageAttributes(input, 'MessageAttributes'),
  MessageSystemAttributes: messageAttributes(input, 'MessageSystemAttributes'),
  MessageGroupId: optionalString(input, 'MessageGroupId'),
  MessageDeduplicationId: optionalString(input, 'MessageDeduplicationId'),
});

const receiptEntry = (e: Input) => ({ Id: requiredString(e, 'Id'), ReceiptHandle: requiredString(e, 'ReceiptHandle') });

const list = (input: Input) => ({ NextToken: optionalString(input, 'NextToken'), MaxResults: optionalInteger(input, 'MaxResults') });

/** Every SQS operation the local cloud serves, from the request members to the model call. */
const OPERATIONS: Readonly<Record<string, Handler>> = {
  CreateQueue: (m, i, c) => m.queues.createQueue(c, { QueueName: requiredString(i, 'QueueName'), Attributes: stringMap(i, 'Attributes'), tags: stringMap(i, 'tags') }),
  GetQueueUrl: (m, i, c) => m.queues.getQueueUrl(c, { QueueName: requiredString(i, 'QueueName'), QueueOwnerAWSAccountId: optionalString(i, 'QueueOwnerAWSAccountId') }),
  ListQueues: (m, i, c) => m.queues.listQueues(c, { QueueNamePrefix: optionalString(i, 'QueueNamePrefix'), ...list(i) }),
  ListDeadLetterSourceQueues: (m, i, c) => m.queues.listDeadLetterSourceQueues(c, { ...queueUrl(i), ...list(i) }),
  DeleteQueue: (m, i, c) => m.queues.deleteQueue(c, queueUrl(i)),
  GetQueueAttributes: (m, i, c) => m.queues.getQueueAttributes(c, { ...queueUrl(i), AttributeNames: stringList(i, 'AttributeNames') }),
  SetQueueAttributes: (m, i, c) => m.queues.setQueueAttributes(c, { ...queueUrl(i), Attributes: required(stringMap(i, 'Attributes'), 'Attributes') }),
  TagQueue: (m, i, c) => m.queues.tagQueue(c, { ...queueUrl(i), Tags: required(stringMap(i, 'Tags'), 'Tags') }),
  UntagQueue: (m, i, c) => m.queues.untagQueue(c, { ...queueUrl(i), TagKeys: required(stringList(i, 'TagKeys'), 'TagKeys') }),
  ListQueueTags: (m, i, c) => m.queues.listQueueTags(c, queueUrl(i)),
  PurgeQueue: (m, i, c) => m.queues.purgeQueue(c, queueUrl(i)),
  SendMessage: (m, i, c) => m.messages.sendMessage(c, { ...queueUrl(i), ...message(i) }),
  SendMessageBatch: (m, i, c) => m.messages.sendMessageBatch(c, { ...queueUrl(i), Entries: entries(i).map((e) => ({ Id: requiredString(e, 'Id'), ...message(e) })) }),
  ReceiveMessage: (m, i, c) =>
    m.receiver.receiveMessage(c, {
      ...queueUrl(i),
      AttributeNames: stringList(i, 'AttributeNames'),
      MessageSystemAttributeNames: stringList(i, 'MessageSystemAttributeNames'),
      MessageAttributeNames: stringList(i, 'MessageAttributeNames'),
      MaxNumberOfMessages: optionalInteger(i, 'MaxNumberOfMessages'),
      VisibilityTimeout: optionalInteger(i, 'VisibilityTimeout'),
      WaitTimeSeconds: optionalInteger(i, 'WaitTimeSeconds'),
      ReceiveRequestAttemptId: optionalString(i, 'ReceiveRequestAttemptId'),
    }),
  DeleteMessage: (m, i, c) => m.messages.deleteMessage(c, { ...queueUrl(i), ReceiptHandle: requiredString(i, 'ReceiptHandle') }),
  DeleteMessageBatch: (m, i, c) => m.messages.deleteMessageBatch(c, { ...queueUrl(i), Entries: entries(i).map(receiptEntry) }),
  ChangeMessageVisibility: (m, i, c) =>
    m.messages.changeMessageVisibility(c, { ...queueUrl(i), ReceiptHandle: requiredString(i, 'ReceiptHandle'), VisibilityTimeout: requiredInteger(i, 'VisibilityTimeout') }),
  ChangeMessageVisibilityBatch: (m, i, c) =>
    m.messages.changeMessageVisibilityBatch(c, { ...queueUrl(i), Entries: entries(i).map((e) => ({ ...receiptEntry(e), VisibilityTimeout: requiredInteger(e, 'VisibilityTimeout') })) }),
};

/** SQS operations the API has and the local cloud does not implement (they answer UnsupportedOperation). */
const NOT_IMPLEMENTED = ['AddPermission', 'RemovePermission', 'StartMessageMoveTask', 'CancelMessageMoveTask', 'ListMessageMoveTasks'];

/** Every action of the SQS API, for the query protocol to claim its requests. */
export const SQS_ACTIONS: ReadonlySet<string> = new Set([...Object.keys(OPERATIONS), ...NOT_IMPLEMENTED]);

/** Runs one operation for a caller; resolves to its output shape ({} for operations without one). */
export async function runOperation(model: SqsModel, operation: string, input: Input, caller: Caller): Promise<object> {
  const handler = OPERATIONS[operation];
  if (!handler) {
    if (NOT_IMPLEMENTED.includes(operation)) throw new SqsError('UnsupportedOperation', `${operation} is not implemented by the local cloud's SQS.`);
    throw new SqsError('InvalidAction', `The action ${operation} is not valid for this endpoint.`);
  }
  return ((await handler(model, input, caller)) as object | undefined) ?? {};
}
