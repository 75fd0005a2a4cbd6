import { randomBytes } from 'node:crypto';
import { MinHeap } from './min-heap';
import type { QueueConfig } from './queue-attributes';
import type { Receipt } from './receipt-handle';
import type { MessageAttributeMap } from './types';

export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes: MessageAttributeMap;
  readonly md5OfAttributes: string | undefined;
  readonly systemAttributes: MessageAttributeMap;
  /** Retention counts from here, in every queue the message passes through. */
  readonly sentTimestamp: number;
  readonly senderId: string;
  readonly messageGroupId: string | undefined;
  readonly deadLetterQueueSourceArn: string | undefined;
  /** Receives across all queues (ApproximateReceiveCount). */
  receiveCount: number;
  /** Receives in this queue: what its redrive policy counts. */
  receivesHere: number;
  firstReceiveTimestamp: number | undefined;
  visibleAt: number;
  /** Start of the current receive: ChangeMessageVisibility cannot extend past 12 hours from it. */
  receivedAt: number | undefined;
  /** The latest receive's number; a handle from an earlier one is stale. */
  receive: number;
  /** Invisible because of a delay (counted as delayed), not because it is in flight. */
  delayed: boolean;
}

/** What happened to a queue's messages: every message that arrived is stored or in exactly one outcome. */
export interface QueueCounters {
  sent: number;
  movedIn: number;
  received: number;
  deleted: number;
  movedToDlq: number;
  expired: number;
  purged: number;
  droppedWithQueue: number;
  /** Not an outcome: receives that found the redrive policy's dead-letter queue gone (the message stayed). */
  redriveTargetMissing: number;
}

export type VisibilityChange = 'changed' | 'unavailable' | 'not-in-flight' | 'beyond-limit';

interface HeapEntry {
  readonly at: number;
  readonly order: number;
  readonly message: StoredMessage;
}

export const zeroCounters = (): QueueCounters => ({ sent: 0, movedIn: 0, received: 0, deleted: 0, movedToDlq: 0, expired: 0, purged: 0, droppedWithQueue: 0, redriveTargetMissing: 0 });

/**
 * One standard queue's messages. Messages sit in a heap by the time they become visible; an entry
 * is current only while it is the message's latest (state changes push a new one), so receive
 * costs O(log n) however many messages are delayed or in flight. Time is passed in (AWS time).
 */
export class Queue {
  /** This incarnation: receipt handles from a deleted queue of the same name do not act here. */
  readonly id = randomBytes(8).toString('hex');
  readonly counters = zeroCounters();
  readonly tags = new Map<string, string>();
  lastModified: number;
  lastPurge: number | undefined;
  deleted = false;
  private readonly messages = new Map<string, StoredMessage>();
  private readonly current = new Map<StoredMessage, HeapEntry>();
  private readonly heap = new MinHeap<HeapEntry>((a, b) => a.at < b.at || (a.at === b.at && a.order < b.order));
  private readonly waiters = new Set<() => void>();
  private order = 0;

  constructor(
    readonly name: string,
    readonly arn: string,
    public config: QueueConfig,
    readonly created: number,
  ) {
    this.lastModified = created;
  }

  get stored(): number {
    return this.messages.size;
  }

  enqueue(message: StoredMessage, how: 'sent' | 'movedIn'): void {
    this.messages.set(message.messageId, message);
    this.counters[how]++;
    this.schedule(message);
    this.notify();
  }

  /**
   * Up to `max` visible messages, each made invisible for `visibilityMs`. On the way it drops
   * messages past retention and hands those received maxReceiveCount times to `redrive`, which
   * answers whether the dead-letter queue took them.
   */
  receive(now: number, max: number, visibilityMs: number, redrive: (message: StoredMessage) => boolean): StoredMessage[] {
    const out: StoredMessage[] = [];
    while (out.length < max) {
      const top = this.heap.peek();
      if (!top || top.at > now) break;
      this.heap.pop();
      const message = top.message;
      if (this.current.get(message) !== top) continue;
      this.current.delete(message);
      if (this.isExpired(message, now)) this.remove(message, 'expired');
      else if (this.dueForRedrive(message) && redrive(message)) this.remove(message, 'movedToDlq');
      else {
        message.receiveCount++;
        message.receivesHere++;
        message.firstReceiveTimestamp ??= now;
        message.receivedAt = now;
        message.receive++;
        message.delayed = false;
        message.visibleAt = now + visibilityMs;
        out.push(message);
      }
    }
    // Rescheduled after the loop, so a zero visibility timeout cannot return a message twice in one call.
    for (const message of out) this.schedule(message);
    this.counters.received += out.length;
    return out;
  }

  /** Deletes when the handle is the message's latest receive and it is still in flight. */
  delete(receipt: Receipt, now: number): 'deleted' | 'absent' | 'expired' {
    const message = this.messages.get(receipt.messageId);
    if (!message) return 'absent';
    if (receipt.receive !== message.receive || message.visibleAt <= now) return 'expired';
    this.remove(message, 'deleted');
    return 'deleted';
  }

  changeVisibility(receipt: Receipt, visibilityMs: number, maxTotalMs: number, now: number): VisibilityChange {
    const message = this.messages.get(receipt.messageId);
    if (!message || receipt.receive !== message.receive) return 'unavailable';
    if (message.visibleAt <= now) return 'not-in-flight';
    if (now + visibilityMs > (message.receivedAt ?? now) + maxTotalMs) return 'beyond-limit';
    message.visibleAt = now + visibilityMs;
    this.schedule(message);
    this.notify();
    return 'changed';
  }

  /** Deletes every message, in flight or not; returns how many. */
  purge(now: number): number {
    const count = this.clear();
    this.counters.purged += count;
    this.lastPurge = now;
    return count;
  }

  /** DeleteQueue: the queue's messages go with it (counted), waiting receivers are woken. */
  drop(): void {
    this.counters.droppedWithQueue += this.clear();
    this.deleted = true;
    this.notify();
  }

  /** Drops messages past the retention period, wherever they are. */
  sweep(now: number): void {
    for (const message of this.messages.values()) if (this.isExpired(message, now)) this.remove(message, 'expired');
  }

  counts(now: number): { visible: number; notVisible: number; delayed: number } {
    const counts = { visible: 0, notVisible: 0, delayed: 0 };
    for (const m of this.messages.values()) {
      if (m.visibleAt <= now) counts.visible++;
      else if (m.delayed) counts.delayed++;
      else counts.notVisible++;
    }
    return counts;
  }

  /** When the earliest invisible message may become visible (a long poll waits at most until then). */
  nextVisibleAt(): number | undefined {
    return this.heap.peek()?.at;
  }

  /** Calls `listener` on the next change that may make a message receivable; returns its removal. */
  onChange(listener: () => void): () => void {
    this.waiters.add(listener);
    return () => this.waiters.delete(listener);
  }

  notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const w of waiters) w();
  }

  private isExpired(message: StoredMessage, now: number): boolean {
    return now - message.sentTimestamp >= this.config.MessageRetentionPeriod * 1000;
  }

  private dueForRedrive(message: StoredMessage): boolean {
    const policy = this.config.RedrivePolicy;
    return policy !== undefined && message.receivesHere >= policy.maxReceiveCount;
  }

  private schedule(message: StoredMessage): void {
    const entry = { at: message.visibleAt, order: this.order++, message };
    this.current.set(message, entry);
    this.heap.push(entry);
  }

  private remove(message: StoredMessage, outcome: 'deleted' | 'movedToDlq' | 'expired'): void {
    this.messages.delete(message.messageId);
    this.current.delete(message);
    this.counters[outcome]++;
  }

  private clear(): number {
    const count = this.messages.size;
    this.messages.clear();
    this.current.clear();
    this.heap.clear();
    return count;
  }
}
