import { randomUUID } from 'node:crypto';
import type { Caller } from '../../core/caller';
import { callerIdentity } from '../../sts/identity';
import { SqsError, invalidParameter, missingParameter } from '../errors';
import { checkBatch, runBatch } from './batch';
import type { SqsContext } from './context';
import { md5Hex, md5OfMessageAttributes } from './md5';
import { checkBody, checkMessageAttributes, checkSystemAttributes, messageSize } from './message-content';
import type { Queue, StoredMessage } from './queue';
import { decodeReceiptHandle, type Receipt } from './receipt-handle';
import type { BatchResult, ReceiptEntry, SendMessageBatchEntry, SendMessageInput, SendMessageOutput, VisibilityEntry } from './types';

const GROUP_ID_RE = /^[\x21-\x7E]+$/;

/** SendMessage, DeleteMessage, ChangeMessageVisibility and their batches (ReceiveMessage is in receive.ts). */
export class MessageOperations {
  constructor(private readonly ctx: SqsContext) {}

  sendMessage(caller: Caller, input: SendMessageInput): SendMessageOutput {
    const queue = this.resolve(caller, 'SendMessage', input.QueueUrl);
    return this.accept(queue, caller, input);
  }

  sendMessageBatch(caller: Caller, input: { readonly QueueUrl: string; readonly Entries: readonly SendMessageBatchEntry[] }): BatchResult<SendMessageOutput & { Id: string }> {
    // Permissions for the batch are those of SendMessage (there is no sqs:SendMessageBatch action).
    const queue = this.resolve(caller, 'SendMessage', input.QueueUrl);
    checkBatch(input.Entries, 'SendMessageBatchRequestEntry', this.ctx.limits);
    const total = input.Entries.reduce((sum, e) => sum + messageSize(e.MessageBody, e.MessageAttributes), 0);
    const limit = this.ctx.limits.maximumMessageSize.max;
    if (total > limit) throw new SqsError('BatchRequestTooLong', `Batch requested message too long: the messages add up to ${total} bytes, over the ${limit}-byte limit.`);
    return runBatch(input.Entries, (entry) => this.accept(queue, caller, entry));
  }

  deleteMessage(caller: Caller, input: { readonly QueueUrl: string; readonly ReceiptHandle: string }): void {
    const queue = this.resolve(caller, 'DeleteMessage', input.QueueUrl);
    this.delete(queue, input.ReceiptHandle);
  }

  deleteMessageBatch(caller: Caller, input: { readonly QueueUrl: string; readonly Entries: readonly ReceiptEntry[] }): BatchResult<{ Id: string }> {
    const queue = this.resolve(caller, 'DeleteMessage', input.QueueUrl);
    checkBatch(input.Entries, 'DeleteMessageBatchRequestEntry', this.ctx.limits);
    return runBatch(input.Entries, (entry) => {
      this.delete(queue, entry.ReceiptHandle);
      return {};
    });
  }

  changeMessageVisibility(caller: Caller, input: { readonly QueueUrl: string; readonly ReceiptHandle: string; readonly VisibilityTimeout: number }): void {
    const queue = this.resolve(caller, 'ChangeMessageVisibility', input.QueueUrl);
    this.changeVisibility(queue, input.ReceiptHandle, input.VisibilityTimeout);
  }

  changeMessageVisibilityBatch(caller: Caller, input: { readonly QueueUrl: string; readonly Entries: readonly VisibilityEntry[] }): BatchResult<{ Id: string }> {
    const queue = this.resolve(caller, 'ChangeMessageVisibility', input.QueueUrl);
    checkBatch(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry', this.ctx.limits);
    return runBatch(input.Entries, (entry) => {
      this.changeVisibility(queue, entry.ReceiptHandle, entry.VisibilityTimeout);
      return {};
    });
  }

  private resolve(caller: Caller, action: string, queueUrl: string): Queue {
    const queue = this.ctx.resolve(queueUrl);
    this.ctx.authorize(caller, action, queue.arn, queue);
    return queue;
  }

  /** Validates one message against the queue and stores it; throws before storing anything. */
  private accept(queue: Queue, caller: Caller, input: Omit<SendMessageInput, 'QueueUrl'>): SendMessageOutput {
    const { limits } = this.ctx;
    checkBody(input.MessageBody);
    checkMessageAttributes(input.MessageAttributes, limits);
    checkSystemAttributes(input.MessageSystemAttributes);
    const delay = input.DelaySeconds ?? queue.config.DelaySeconds;
    const { min, max } = limits.delaySeconds;
    if (!Number.isInteger(delay) || delay < min || delay > max) throw invalidParameter('DelaySeconds', delay, `DelaySeconds must be >= ${min} and <= ${max}.`);
    const size = messageSize(input.MessageBody, input.MessageAttributes);
    if (size > queue.config.MaximumMessageSize) {
      throw new SqsError('InvalidParameterValue', `One or more parameters are invalid. Reason: Message must be shorter than ${queue.config.MaximumMessageSize} bytes (this one is ${size}).`);
    }
    if (input.MessageDeduplicationId !== undefined) {
      throw invalidParameter('MessageDeduplicationId', input.MessageDeduplicationId, 'The request include parameter that is not valid for this queue type.');
    }
    const group = input.MessageGroupId;
    if (group !== undefined && (group.length === 0 || group.length > limits.messageGroupIdLength || !GROUP_ID_RE.test(group))) {
      throw invalidParameter('MessageGroupId', group, `MessageGroupId must be 1 to ${limits.messageGroupIdLength} alphanumeric or punctuation characters.`);
    }
    const now = this.ctx.now();
    const attributes = input.MessageAttributes ?? {};
    const message: StoredMessage = {
      messageId: randomUUID(),
      body: input.MessageBody,
      md5OfBody: md5Hex(input.MessageBody),
      attributes,
      md5OfAttributes: md5OfMessageAttributes(attributes),
      systemAttributes: input.MessageSystemAttributes ?? {},
      sentTimestamp: now,
      senderId: callerIdentity(caller, this.ctx.accountId).UserId,
      messageGroupId: group,
      deadLetterQueueSourceArn: undefined,
      receiveCount: 0,
      receivesHere: 0,
      firstReceiveTimestamp: undefined,
      visibleAt: now + delay * 1000,
      receivedAt: undefined,
      receive: 0,
      delayed: delay > 0,
    };
    queue.enqueue(message, 'sent');
    const md5OfSystem = md5OfMessageAttributes(input.MessageSystemAttributes);
    return {
      MessageId: message.messageId,
      MD5OfMessageBody: message.md5OfBody,
      ...(message.md5OfAttributes ? { MD5OfMessageAttributes: message.md5OfAttributes } : {}),
      ...(md5OfSystem ? { MD5OfMessageSystemAttributes: md5OfSystem } : {}),
    };
  }

  private receipt(queue: Queue, handle: string): Receipt {
    if (handle === '') throw missingParameter('ReceiptHandle');
    const receipt = decodeReceiptHandle(handle);
    if (!receipt || receipt.queueId !== queue.id) throw new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
    return receipt;
  }

  /** A handle of a message already gone succeeds (delete is idempotent); one whose receive is over has expired. */
  private delete(queue: Queue, handle: string): void {
    const outcome = queue.delete(this.receipt(queue, handle), this.ctx.now());
    if (outcome === 'expired') throw invalidParameter('ReceiptHandle', handle, 'The receipt handle has expired.');
  }

  private changeVisibility(queue: Queue, handle: string, seconds: number): void {
    const { min, max } = this.ctx.limits.visibilityTimeout;
    if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
      throw invalidParameter('VisibilityTimeout', seconds, `VisibilityTimeout must be an integer between ${min} and ${max}.`);
    }
    const outcome = queue.changeVisibility(this.receipt(queue, handle), seconds * 1000, max * 1000, this.ctx.now());
    if (outcome === 'unavailable') throw invalidParameter('ReceiptHandle', handle, 'Message does not exist or is not available for visibility timeout change.');
    if (outcome === 'not-in-flight') throw new SqsError('MessageNotInflight', 'The message referred to is not in flight.');
    if (outcome === 'beyond-limit') throw invalidParameter('VisibilityTimeout', seconds, `Total VisibilityTimeout for the message is beyond the limit [${max} seconds].`);
  }
}
