import type { Caller } from '../../core/caller';
import { QUEUE_NAME_RE } from '../constants';
import { SqsError, fifoUnsupported, invalidParameter, missingParameter, queueDoesNotExist } from '../errors';
import type { SqsContext } from './context';
import { paginate } from './paging';
import { Queue } from './queue';
import { applyQueueAttributes, configValue, defaultQueueConfig, differingAttribute, readableNames, type QueueConfig } from './queue-attributes';
import { allowsSource } from './redrive';
import type { AttributeMap } from './types';

export interface CreateQueueInput {
  readonly QueueName: string;
  readonly Attributes?: AttributeMap | undefined;
  readonly tags?: AttributeMap | undefined;
}

export interface ListInput {
  readonly NextToken?: string | undefined;
  readonly MaxResults?: number | undefined;
}

/** The queue control plane: CreateQueue … ListDeadLetterSourceQueues, tags and PurgeQueue. */
export class QueueOperations {
  constructor(private readonly ctx: SqsContext) {}

  createQueue(caller: Caller, input: CreateQueueInput): { QueueUrl: string } {
    const { QueueName: name, Attributes: attributes = {}, tags = {} } = input;
    if (name === '') throw missingParameter('QueueName');
    if (name.endsWith('.fifo') && attributes['FifoQueue'] === 'true') throw fifoUnsupported();
    if (name.length > this.ctx.limits.queueNameLength || !QUEUE_NAME_RE.test(name)) {
      throw invalidParameter('QueueName', name, `Can only include alphanumeric characters, hyphens, or underscores. 1 to ${this.ctx.limits.queueNameLength} in length`);
    }
    const arn = this.ctx.arnOf(name);
    const existing = this.ctx.get(name);
    this.ctx.authorize(caller, 'CreateQueue', arn, existing);
    if (existing) {
      const differing = differingAttribute(existing.config, attributes, this.ctx.limits);
      if (differing !== undefined) throw new SqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${differing}`);
      return { QueueUrl: this.ctx.urlOf(existing) };
    }
    const now = this.ctx.now();
    const deletedAt = this.ctx.deletedAt.get(name);
    if (deletedAt !== undefined && now - deletedAt < this.ctx.limits.recreateAfterDeleteSeconds * 1000) {
      throw new SqsError('QueueDeletedRecently', `You must wait ${this.ctx.limits.recreateAfterDeleteSeconds} seconds after deleting a queue before you can create another with the same name.`);
    }
    const config = applyQueueAttributes(defaultQueueConfig(this.ctx.limits), attributes, this.ctx.limits, true);
    this.checkRedriveTarget(arn, config);
    this.checkTags(tags);
    const queue = new Queue(name, arn, config, now);
    for (const [key, value] of Object.entries(tags)) queue.tags.set(key, value);
    this.ctx.add(queue);
    return { QueueUrl: this.ctx.urlOf(queue) };
  }

  getQueueUrl(caller: Caller, input: { readonly QueueName: string; readonly QueueOwnerAWSAccountId?: string | undefined }): { QueueUrl: string } {
    const owner = input.QueueOwnerAWSAccountId;
    const queue = owner === undefined || owner === this.ctx.accountId ? this.ctx.get(input.QueueName) : undefined;
    if (!queue) throw queueDoesNotExist(input.QueueName);
    this.ctx.authorize(caller, 'GetQueueUrl', queue.arn, queue);
    return { QueueUrl: this.ctx.urlOf(queue) };
  }

  listQueues(caller: Caller, input: ListInput & { readonly QueueNamePrefix?: string | undefined }): { QueueUrls?: string[]; NextToken?: string } {
    this.ctx.authorize(caller, 'ListQueues', this.ctx.arnOf('*'));
    const prefix = input.QueueNamePrefix ?? '';
    const queues = this.ctx.all().filter((q) => q.name.startsWith(prefix));
    const page = paginate(queues, (q) => q.name, input, this.ctx.limits);
    return { ...(page.items.length > 0 ? { QueueUrls: page.items.map((q) => this.ctx.urlOf(q)) } : {}), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  }

  listDeadLetterSourceQueues(caller: Caller, input: ListInput & { readonly QueueUrl: string }): { queueUrls: string[]; NextToken?: string } {
    const dlq = this.resolve(caller, 'ListDeadLetterSourceQueues', input.QueueUrl);
    const sources = this.ctx.all().filter((q) => q.config.RedrivePolicy?.deadLetterTargetArn === dlq.arn);
    const page = paginate(sources, (q) => q.name, input, this.ctx.limits);
    return { queueUrls: page.items.map((q) => this.ctx.urlOf(q)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  }

  deleteQueue(caller: Caller, input: { readonly QueueUrl: string }): void {
    const queue = this.resolve(caller, 'DeleteQueue', input.QueueUrl);
    queue.drop();
    this.ctx.remove(queue);
  }

  getQueueAttributes(caller: Caller, input: { readonly QueueUrl: string; readonly AttributeNames?: readonly string[] | undefined }): { Attributes?: Record<string, string> } {
    const queue = this.resolve(caller, 'GetQueueAttributes', input.QueueUrl);
    const names = readableNames(input.AttributeNames ?? []);
    if (names.length === 0) return {};
    const now = this.ctx.now();
    queue.sweep(now);
    const counts = names.some((n) => n.startsWith('Approximate')) ? queue.counts(now) : undefined;
    const computed: Record<string, () => string> = {
      QueueArn: () => queue.arn,
      ApproximateNumberOfMessages: () => String(counts?.visible),
      ApproximateNumberOfMessagesNotVisible: () => String(counts?.notVisible),
      ApproximateNumberOfMessagesDelayed: () => String(counts?.delayed),
      CreatedTimestamp: () => String(Math.floor(queue.created / 1000)),
      LastModifiedTimestamp: () => String(Math.floor(queue.lastModified / 1000)),
    };
    const attributes: Record<string, string> = {};
    for (const name of names) {
      const value = computed[name]?.() ?? configValue(queue.config, name);
      if (value !== undefined) attributes[name] = value;
    }
    return { Attributes: attributes };
  }

  setQueueAttributes(caller: Caller, input: { readonly QueueUrl: string; readonly Attributes: AttributeMap }): void {
    const queue = this.resolve(caller, 'SetQueueAttributes', input.QueueUrl);
    const config = applyQueueAttributes(queue.config, input.Attributes, this.ctx.limits, false);
    this.checkRedriveTarget(queue.arn, config);
    queue.config = config;
    queue.lastModified = this.ctx.now();
    // A shorter retention or a new redrive policy can change what the next receive returns.
    queue.notify();
  }

  tagQueue(caller: Caller, input: { readonly QueueUrl: string; readonly Tags: AttributeMap }): void {
    const queue = this.resolve(caller, 'TagQueue', input.QueueUrl);
    if (Object.keys(input.Tags).length === 0) throw missingParameter('Tags');
    this.checkTags(input.Tags);
    for (const [key, value] of Object.entries(input.Tags)) queue.tags.set(key, value);
  }

  untagQueue(caller: Caller, input: { readonly QueueUrl: string; readonly TagKeys: readonly string[] }): void {
    const queue = this.resolve(caller, 'UntagQueue', input.QueueUrl);
    if (input.TagKeys.length === 0) throw missingParameter('TagKeys');
    for (const key of input.TagKeys) queue.tags.delete(key);
  }

  listQueueTags(caller: Caller, input: { readonly QueueUrl: string }): { Tags?: Record<string, string> } {
    const queue = this.resolve(caller, 'ListQueueTags', input.QueueUrl);
    return queue.tags.size > 0 ? { Tags: Object.fromEntries(queue.tags) } : {};
  }

  purgeQueue(caller: Caller, input: { readonly QueueUrl: string }): void {
    const queue = this.resolve(caller, 'PurgeQueue', input.QueueUrl);
    const now = this.ctx.now();
    const interval = this.ctx.limits.purgeIntervalSeconds;
    if (queue.lastPurge !== undefined && now - queue.lastPurge < interval * 1000) {
      throw new SqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${queue.name} is allowed every ${interval} seconds.`);
    }
    queue.purge(now);
  }

  private resolve(caller: Caller, action: string, queueUrl: string): Queue {
    const queue = this.ctx.resolve(queueUrl);
    this.ctx.authorize(caller, action, queue.arn, queue);
    return queue;
  }

  /** A redrive policy must name an existing queue of this account and region, other than itself, that allows it. */
  private checkRedriveTarget(sourceArn: string, config: QueueConfig): void {
    const policy = config.RedrivePolicy;
    if (!policy) return;
    const value = configValue(config, 'RedrivePolicy');
    const target = this.ctx.byArn(policy.deadLetterTargetArn);
    if (!target) throw invalidParameter('RedrivePolicy', value, `Dead letter target does not exist: ${policy.deadLetterTargetArn}`);
    if (target.arn === sourceArn) throw invalidParameter('RedrivePolicy', value, 'A queue cannot be its own dead-letter queue.');
    if (!allowsSource(target.config.RedriveAllowPolicy, sourceArn)) {
      throw invalidParameter('RedrivePolicy', value, `The RedriveAllowPolicy of ${target.arn} does not allow ${sourceArn} to use it as a dead-letter queue.`);
    }
  }

  private checkTags(tags: AttributeMap): void {
    const { tagKeyLength, tagValueLength } = this.ctx.limits;
    for (const [key, value] of Object.entries(tags)) {
      if (key.length === 0 || key.length > tagKeyLength) throw invalidParameter('Tag.Key', key, `Tag keys must be 1 to ${tagKeyLength} characters.`);
      if (value.length > tagValueLength) throw invalidParameter(`Tag.${key}`, value, `Tag values must be at most ${tagValueLength} characters.`);
    }
  }
}
