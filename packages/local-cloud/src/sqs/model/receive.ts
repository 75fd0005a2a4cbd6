import type { Caller } from '../../core/caller';
import { SqsError, invalidParameter, unknownAttribute } from '../errors';
import type { SqsContext } from './context';
import { md5OfMessageAttributes } from './md5';
import { selectMessageAttributes } from './message-content';
import type { Queue, StoredMessage } from './queue';
import { readableNames } from './queue-attributes';
import { encodeReceiptHandle } from './receipt-handle';
import type { ReceiveMessageInput, ReceivedMessage } from './types';

const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
];

/** The system attributes asked for; the deprecated AttributeNames also admits queue attribute names (ignored). */
function systemAttributeNames(input: ReceiveMessageInput): Set<string> {
  const names = new Set<string>();
  const add = (name: string, queueNamesAllowed: boolean): void => {
    if (name === 'All' || SYSTEM_ATTRIBUTES.includes(name)) names.add(name);
    else if (!queueNamesAllowed) throw unknownAttribute(name);
    else readableNames([name]);
  };
  for (const n of input.AttributeNames ?? []) add(n, true);
  for (const n of input.MessageSystemAttributeNames ?? []) add(n, false);
  return names;
}

function systemAttributes(m: StoredMessage, names: Set<string>): Record<string, string> | undefined {
  const values: Record<string, string | undefined> = {
    SenderId: m.senderId,
    SentTimestamp: String(m.sentTimestamp),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: m.firstReceiveTimestamp === undefined ? undefined : String(m.firstReceiveTimestamp),
    MessageGroupId: m.messageGroupId,
    AWSTraceHeader: m.systemAttributes['AWSTraceHeader']?.StringValue,
    DeadLetterQueueSourceArn: m.deadLetterQueueSourceArn,
  };
  const all = names.has('All');
  const picked = Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && (all || names.has(e[0])));
  return picked.length === 0 ? undefined : Object.fromEntries(picked);
}

/**
 * ReceiveMessage, with long polling on the shared clock: when nothing is visible the call waits
 * until a message is sent (or becomes visible) or the wait ends, and returns as soon as one is there.
 */
export class Receiver {
  constructor(private readonly ctx: SqsContext) {}

  async receiveMessage(caller: Caller, input: ReceiveMessageInput): Promise<{ Messages?: ReceivedMessage[] }> {
    const queue = this.ctx.resolve(input.QueueUrl);
    this.ctx.authorize(caller, 'ReceiveMessage', queue.arn, queue);
    const max = this.bounded('MaxNumberOfMessages', input.MaxNumberOfMessages, this.ctx.limits.maxNumberOfMessages) ?? this.ctx.limits.maxNumberOfMessages.default;
    const visibility = this.bounded('VisibilityTimeout', input.VisibilityTimeout, this.ctx.limits.visibilityTimeout);
    const wait = this.bounded('WaitTimeSeconds', input.WaitTimeSeconds, this.ctx.limits.receiveMessageWaitTimeSeconds) ?? queue.config.ReceiveMessageWaitTimeSeconds;
    const names = systemAttributeNames(input);
    this.checkInflight(queue);
    const deadline = this.ctx.now() + wait * 1000;
    for (;;) {
      const messages = queue.receive(this.ctx.now(), max, (visibility ?? queue.config.VisibilityTimeout) * 1000, (m) => this.redrive(queue, m));
      if (messages.length > 0) return { Messages: messages.map((m) => this.format(queue, m, names, input.MessageAttributeNames)) };
      const remaining = deadline - this.ctx.now();
      if (remaining <= 0 || queue.deleted || this.ctx.closed) return {};
      await this.waitForChange(queue, remaining);
    }
  }

  private bounded(name: string, value: number | undefined, range: { readonly min: number; readonly max: number }): number | undefined {
    if (value !== undefined && (!Number.isInteger(value) || value < range.min || value > range.max)) {
      throw invalidParameter(name, value, `Must be >= ${range.min} and <= ${range.max}, if provided.`);
    }
    return value;
  }

  private checkInflight(queue: Queue): void {
    const limit = this.ctx.limits.inflightMessages;
    // Counting needs a scan, worth it only once the queue holds enough messages to be over.
    if (queue.stored >= limit && queue.counts(this.ctx.now()).notVisible >= limit) {
      throw new SqsError('OverLimit', `Queue ${queue.name} has ${limit} or more messages in flight; delete some before receiving more.`);
    }
  }

  /** Resolves when the queue changes or when its next message becomes visible, at most after `remainingMs`. */
  private waitForChange(queue: Queue, remainingMs: number): Promise<void> {
    return new Promise((resolve) => {
      const next = queue.nextVisibleAt();
      const untilVisible = next === undefined ? remainingMs : Math.max(0, next - this.ctx.clock.now());
      const cancel = this.ctx.clock.schedule(Math.min(untilVisible, remainingMs), () => {
        off();
        resolve();
      });
      const off = queue.onChange(() => {
        cancel();
        resolve();
      });
    });
  }

  /** Moves a message to the redrive policy's dead-letter queue; false (message stays) when that queue is gone. */
  private redrive(source: Queue, message: StoredMessage): boolean {
    const policy = source.config.RedrivePolicy;
    const dlq = policy && this.ctx.byArn(policy.deadLetterTargetArn);
    if (!dlq) {
      source.counters.redriveTargetMissing++;
      return false;
    }
    dlq.enqueue(
      { ...message, receivesHere: 0, visibleAt: this.ctx.now(), receivedAt: undefined, delayed: false, deadLetterQueueSourceArn: source.arn },
      'movedIn',
    );
    return true;
  }

  private format(queue: Queue, m: StoredMessage, names: Set<string>, attributeNames: readonly string[] | undefined): ReceivedMessage {
    const attributes = systemAttributes(m, names);
    const selected = selectMessageAttributes(m.attributes, attributeNames);
    return {
      MessageId: m.messageId,
      ReceiptHandle: encodeReceiptHandle({ queueId: queue.id, messageId: m.messageId, receive: m.receive }),
      MD5OfBody: m.md5OfBody,
      Body: m.body,
      ...(attributes ? { Attributes: attributes } : {}),
      // Over the attributes returned, as the SDKs that verify it compute it.
      ...(selected ? { MD5OfMessageAttributes: md5OfMessageAttributes(selected) as string, MessageAttributes: selected } : {}),
    };
  }
}
