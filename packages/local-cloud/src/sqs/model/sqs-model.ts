import { ALLOW_ALL, type Authorizer } from '../../core/authorizer';
import type { Clock } from '../../core/clock';
import type { SqsPort } from '../../core/ports';
import { SQS_LIMITS, type SqsLimits } from '../constants';
import { SqsContext } from './context';
import { MessageOperations } from './message-operations';
import { zeroCounters, type QueueCounters } from './queue';
import { QueueOperations } from './queue-operations';
import { Receiver } from './receive';

export interface SqsModelProps {
  /** AWS time for visibility timeouts, delays, long polls, retention and every timestamp. */
  readonly clock: Clock;
  /** The gateway's URL, read each time a queue URL is made (the port is known only after listen). */
  readonly endpoint: () => string;
  /** Default us-east-1. */
  readonly region?: string;
  /** Default 123456789012. */
  readonly accountId?: string;
  /** Asked before every operation; default allows everything. */
  readonly authorizer?: Authorizer;
  /** Overrides of AWS's limits (SQS_LIMITS), e.g. `{ purgeIntervalSeconds: 0 }`. */
  readonly limits?: Partial<SqsLimits>;
}

export type QueueReport = QueueCounters & { readonly stored: number };

export interface SqsCounters {
  /** Over all queues, deleted ones included. */
  readonly totals: QueueReport;
  /** The queues that exist now, by name. */
  readonly queues: Readonly<Record<string, QueueReport>>;
}

/**
 * Amazon SQS standard queues in memory: the one implementation behind the JSON and query
 * protocols and the in-process SqsPort. `queues` is the control plane, `messages` and
 * `receiver` the data plane; `counters()` accounts for every message.
 */
export class SqsModel {
  readonly queues: QueueOperations;
  readonly messages: MessageOperations;
  readonly receiver: Receiver;
  private readonly ctx: SqsContext;

  constructor(props: SqsModelProps) {
    this.ctx = new SqsContext({
      clock: props.clock,
      endpoint: props.endpoint,
      region: props.region ?? 'us-east-1',
      accountId: props.accountId ?? '123456789012',
      authorizer: props.authorizer ?? ALLOW_ALL,
      limits: { ...SQS_LIMITS, ...props.limits },
    });
    this.queues = new QueueOperations(this.ctx);
    this.messages = new MessageOperations(this.ctx);
    this.receiver = new Receiver(this.ctx);
  }

  get accountId(): string {
    return this.ctx.accountId;
  }

  get region(): string {
    return this.ctx.region;
  }

  /** What happened to the messages so far; expired messages are dropped (and counted) first. */
  counters(): SqsCounters {
    const now = this.ctx.now();
    const queues: Record<string, QueueReport> = {};
    const totals = { ...zeroCounters(), stored: 0 };
    const add = (counters: QueueCounters, stored: number): void => {
      for (const key of Object.keys(counters) as (keyof QueueCounters)[]) totals[key] += counters[key];
      totals.stored += stored;
    };
    for (const counters of this.ctx.retired) add(counters, 0);
    for (const queue of this.ctx.all()) {
      queue.sweep(now);
      queues[queue.name] = { ...queue.counters, stored: queue.stored };
      add(queue.counters, queue.stored);
    }
    return { totals, queues };
  }

  /** SQS as other services call it: sendMessage by queue URL or ARN, checked and authorized as SendMessage. */
  port(): SqsPort {
    return {
      sendMessage: async (request) => {
        const out = this.messages.sendMessage(request.caller, {
          QueueUrl: request.queue,
          MessageBody: request.body,
          MessageAttributes: request.messageAttributes,
          DelaySeconds: request.delaySeconds,
        });
        return { messageId: out.MessageId, md5OfMessageBody: out.MD5OfMessageBody };
      },
    };
  }

  /** Ends waiting long polls (they return no messages); call before closing the gateway. */
  close(): void {
    this.ctx.closed = true;
    for (const queue of this.ctx.all()) queue.notify();
  }
}
