import type { Authorizer, PolicyDocument } from '../../core/authorizer';
import type { Caller } from '../../core/caller';
import type { Clock } from '../../core/clock';
import type { SqsLimits } from '../constants';
import { SqsError, queueDoesNotExist } from '../errors';
import type { Queue, QueueCounters } from './queue';

export interface SqsContextProps {
  readonly clock: Clock;
  readonly endpoint: () => string;
  readonly region: string;
  readonly accountId: string;
  readonly authorizer: Authorizer;
  readonly limits: SqsLimits;
}

const ARN_RE = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([^:/]+)$/;

/**
 * What the queue and message operations share: the queues by name, how a queue is named (URL
 * with any host, or ARN), the account and region, the clock, the limits and the authorizer.
 */
export class SqsContext {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  readonly limits: SqsLimits;
  /** Names deleted, with when: CreateQueue refuses them for a minute, as AWS does. */
  readonly deletedAt = new Map<string, number>();
  /** Counters of deleted queues, so totals keep what they saw. */
  readonly retired: QueueCounters[] = [];
  closed = false;
  private readonly queues = new Map<string, Queue>();
  private readonly endpoint: () => string;
  private readonly authorizer: Authorizer;
  private readonly policies = new WeakMap<object, PolicyDocument>();

  constructor(props: SqsContextProps) {
    this.clock = props.clock;
    this.region = props.region;
    this.accountId = props.accountId;
    this.limits = props.limits;
    this.endpoint = props.endpoint;
    this.authorizer = props.authorizer;
  }

  now(): number {
    return Math.floor(this.clock.now());
  }

  arnOf(name: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${name}`;
  }

  urlOf(queue: Queue): string {
    return `${this.endpoint().replace(/\/+$/, '')}/${this.accountId}/${queue.name}`;
  }

  get(name: string): Queue | undefined {
    return this.queues.get(name);
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  add(queue: Queue): void {
    this.queues.set(queue.name, queue);
  }

  remove(queue: Queue): void {
    this.queues.delete(queue.name);
    this.deletedAt.set(queue.name, this.now());
    this.retired.push({ ...queue.counters });
  }

  /** The queue an ARN of this account and region names, if it exists. */
  byArn(arn: string): Queue | undefined {
    const m = ARN_RE.exec(arn);
    return m && m[1] === this.region && m[2] === this.accountId ? this.queues.get(m[3] as string) : undefined;
  }

  /** A queue by URL (`<any host>/<account>/<name>`) or, for in-process callers, by ARN. */
  resolve(ref: string): Queue {
    if (ref.startsWith('arn:')) {
      const queue = this.byArn(ref);
      if (!queue) throw queueDoesNotExist(ref);
      return queue;
    }
    let path: string;
    try {
      path = new URL(ref).pathname;
    } catch {
      throw new SqsError('InvalidAddress', `The address ${ref} is not valid for this endpoint: give the queue URL (<endpoint>/<account>/<name>) or its ARN.`);
    }
    const [account, name, ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
    const queue = account === this.accountId && rest.length === 0 && name !== undefined ? this.queues.get(name) : undefined;
    if (!queue) throw queueDoesNotExist(ref);
    return queue;
  }

  /** Asks the authorizer for `sqs:<action>` on the queue, with the queue's policy when it has one. */
  authorize(caller: Caller, action: string, resource: string, queue?: Queue): void {
    this.authorizer.authorize({ caller, action: `sqs:${action}`, resource, resourcePolicy: queue && this.policyOf(queue) });
  }

  private policyOf(queue: Queue): PolicyDocument | undefined {
    const text = queue.config.Policy;
    if (text === undefined) return undefined;
    let parsed = this.policies.get(queue.config);
    if (!parsed) {
      parsed = JSON.parse(text) as PolicyDocument;
      this.policies.set(queue.config, parsed);
    }
    return parsed;
  }
}
