import { AwsError } from '../core/aws-error';
import type { Caller } from '../core/caller';
import type { Clock } from '../core/clock';
import type { LambdaPort, SqsMessageAttribute, SqsPort, StatesPort } from '../core/ports';
import type { ServiceScope } from './arns';
import { renderTargetInput } from './input-transform';
import type { MetricsRecorder } from './metrics';
import { isoSeconds } from './put-events';
import type { RuleRecord, TargetRecord } from './model-types';
import { classifyFailure, decideAfterFailure, type DeliveryFailure, type ExhaustedRetryCondition } from './retry-policy';

export interface TargetPorts {
  readonly lambda?: LambdaPort | undefined;
  readonly sqs?: SqsPort | undefined;
  readonly states?: StatesPort | undefined;
}

/** What happened to one delivery, on the simulated timeline (`at`, ms since epoch). */
export type DeliveryRecord = {
  readonly eventId: string;
  readonly ruleArn: string;
  readonly targetId: string;
  readonly at: number;
} & (
  | { readonly type: 'attempt-succeeded'; readonly attempt: number }
  | { readonly type: 'attempt-failed'; readonly attempt: number; readonly errorCode: string; readonly errorMessage: string; readonly retryAt?: number }
  | { readonly type: 'sent-to-dlq' | 'dlq-send-failed' | 'dropped'; readonly errorCode: string; readonly retryAttempts: number; readonly exhausted?: ExhaustedRetryCondition }
);

export interface DeliverySchedulerProps {
  readonly clock: Clock;
  readonly scope: ServiceScope;
  readonly ports: TargetPorts;
  readonly metrics: MetricsRecorder;
  readonly random: () => number;
  /** Share of deliveries made twice (EventBridge delivers at least once). */
  readonly duplicateFraction: number;
  readonly onRecord?: ((record: DeliveryRecord) => void) | undefined;
}

/** An event on its way to one target of one rule. */
interface Delivery {
  readonly event: Readonly<Record<string, unknown>> & { readonly id: string };
  readonly ingestedAt: number;
  readonly traceHeader: string | undefined;
  readonly rule: Pick<RuleRecord, 'arn' | 'name'>;
  readonly target: TargetRecord;
  retriesDone: number;
}

/**
 * Delivers matched events to their targets off the PutEvents call, on the shared Clock: each
 * attempt, retry (exponential backoff with jitter within the target's RetryPolicy) and
 * dead-letter send is a scheduled step, and every delivery ends delivered, dead-lettered or
 * dropped — and counted.
 */
export class DeliveryScheduler {
  private readonly timers = new Set<() => void>();
  private readonly idleWaiters: Array<() => void> = [];
  private pending = 0;
  private stopped = false;

  constructor(private readonly props: DeliverySchedulerProps) {}

  /** Starts one delivery per target of every matched rule (two, for the chosen duplicate share). */
  dispatch(event: Delivery['event'], ingestedAt: number, traceHeader: string | undefined, rules: readonly RuleRecord[]): void {
    const { metrics, random, duplicateFraction } = this.props;
    for (const rule of rules) {
      metrics.add(rule.arn, 'MatchedEvents');
      metrics.add(rule.arn, 'TriggeredRules');
      for (const target of rule.targets.values()) {
        const copies = duplicateFraction > 0 && random() < duplicateFraction ? 2 : 1;
        if (copies === 2) metrics.add(rule.arn, 'DuplicateInvocations');
        for (let i = 0; i < copies; i++) this.start({ event, ingestedAt, traceHeader, rule: { arn: rule.arn, name: rule.name }, target, retriesDone: 0 });
      }
    }
  }

  /** Resolves once no delivery is waiting for an attempt, a retry or its dead-letter queue (or the scheduler stopped). */
  whenIdle(): Promise<void> {
    return this.pending === 0 || this.stopped ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Cancels every scheduled step; deliveries not finished stay counted as PendingInvocations. */
  stop(): void {
    this.stopped = true;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private start(d: Delivery): void {
    this.props.metrics.add(d.rule.arn, 'InvocationsCreated');
    this.props.metrics.pendingDelta(1);
    this.pending++;
    this.at(d.ingestedAt, () => void this.attempt(d, d.ingestedAt));
  }

  private at(simMs: number, step: () => void): void {
    if (this.stopped) return;
    const cancel = this.props.clock.schedule(Math.max(0, simMs - this.props.clock.now()), () => {
      this.timers.delete(cancel);
      if (!this.stopped) step();
    });
    this.timers.add(cancel);
  }

  private finish(): void {
    this.props.metrics.pendingDelta(-1);
    if (--this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private record(d: Delivery, at: number, rest: DistributiveOmit<DeliveryRecord, 'eventId' | 'ruleArn' | 'targetId' | 'at'>): void {
    this.props.onRecord?.({ eventId: d.event.id, ruleArn: d.rule.arn, targetId: d.target.id, at, ...rest } as DeliveryRecord);
  }

  private async attempt(d: Delivery, at: number): Promise<void> {
    const { metrics, random } = this.props;
    const rule = d.rule.arn;
    metrics.add(rule, 'InvocationAttempts');
    if (d.retriesDone > 0) metrics.add(rule, 'RetryInvocationAttempts');
    try {
      await this.invoke(d);
    } catch (err) {
      const failure = classifyFailure(err);
      if (failure.code === 'THROTTLING') metrics.add(rule, 'ThrottledRules');
      const decision = decideAfterFailure({ failure, retriesDone: d.retriesDone, attemptAt: at, ingestedAt: d.ingestedAt, policy: d.target.retryPolicy, random });
      this.record(d, at, {
        type: 'attempt-failed',
        attempt: d.retriesDone,
        errorCode: failure.code,
        errorMessage: failure.message,
        ...(decision.kind === 'retry' ? { retryAt: decision.at } : {}),
      });
      if (decision.kind === 'retry') {
        d.retriesDone++;
        this.at(decision.at, () => void this.attempt(d, decision.at));
      } else {
        this.giveUp(d, failure, decision.at, decision.exhausted);
      }
      return;
    }
    metrics.add(rule, 'SuccessfulInvocationAttempts');
    metrics.add(rule, 'Invocations');
    this.record(d, at, { type: 'attempt-succeeded', attempt: d.retriesDone });
    this.finish();
  }

  private giveUp(d: Delivery, failure: DeliveryFailure, at: number, exhausted: ExhaustedRetryCondition | undefined): void {
    const { metrics } = this.props;
    metrics.add(d.rule.arn, 'Invocations');
    metrics.add(d.rule.arn, 'FailedInvocations');
    const outcome: Outcome = { errorCode: failure.code, retryAttempts: d.retriesDone, ...(exhausted ? { exhausted } : {}) };
    const dlq = d.target.deadLetterArn;
    if (dlq === undefined) {
      metrics.add(d.rule.arn, 'EventsDropped');
      this.record(d, at, { type: 'dropped', ...outcome });
      this.finish();
      return;
    }
    this.at(at, () => void this.sendToDlq(d, dlq, failure, at, outcome));
  }

  private async sendToDlq(d: Delivery, queue: string, failure: DeliveryFailure, at: number, outcome: Outcome): Promise<void> {
    const { metrics, ports } = this.props;
    const { exhausted } = outcome;
    const str = (StringValue: string): SqsMessageAttribute => ({ DataType: 'String', StringValue });
    try {
      if (!ports.sqs) throw new AwsError('ResourceNotFoundException', `No SQS service is attached to the local EventBridge, so the dead-letter queue ${queue} cannot be reached`);
      await ports.sqs.sendMessage({
        queue,
        body: JSON.stringify(d.event),
        messageAttributes: {
          RULE_ARN: str(d.rule.arn),
          TARGET_ARN: str(d.target.arn),
          ERROR_CODE: str(failure.code),
          ERROR_MESSAGE: str(failure.message || failure.code),
          ...(exhausted ? { EXHAUSTED_RETRY_CONDITION: str(exhausted) } : {}),
          RETRY_ATTEMPTS: str(String(d.retriesDone)),
        },
        caller: this.serviceCaller(d),
      });
      metrics.add(d.rule.arn, 'InvocationsSentToDlq');
      this.record(d, at, { type: 'sent-to-dlq', ...outcome });
    } catch {
      metrics.add(d.rule.arn, 'InvocationsFailedToBeSentToDlq');
      metrics.add(d.rule.arn, 'EventsDropped');
      this.record(d, at, { type: 'dlq-send-failed', ...outcome });
    }
    this.finish();
  }

  private serviceCaller(d: Delivery): Caller {
    return { kind: 'service', service: 'events.amazonaws.com', sourceArn: d.rule.arn, sourceAccount: this.props.scope.accountId };
  }

  /** One call to the target's service, as EventBridge makes it. */
  private async invoke(d: Delivery): Promise<void> {
    const { ports } = this.props;
    const target = d.target;
    const payload = renderTargetInput(target.input, {
      event: d.event,
      ruleArn: d.rule.arn,
      ruleName: d.rule.name,
      ingestionTime: isoSeconds(d.ingestedAt),
    });
    const trace = d.traceHeader === undefined ? {} : { traceHeader: d.traceHeader };
    const missing = (service: string) => new AwsError('ResourceNotFoundException', `No ${service} service is attached to the local EventBridge`);
    switch (target.kind.kind) {
      case 'lambda': {
        if (!ports.lambda) throw missing('Lambda');
        if (ports.lambda.functionArn(target.kind.functionArn) === undefined) {
          throw new AwsError('ResourceNotFoundException', `Function not found: ${target.kind.functionArn}`, 404);
        }
        await ports.lambda.invoke({ functionName: target.kind.functionArn, payload, invocationType: 'Event', caller: this.serviceCaller(d), ...trace });
        return;
      }
      case 'sqs':
        if (!ports.sqs) throw missing('SQS');
        await ports.sqs.sendMessage({ queue: target.kind.queueArn, body: payload, caller: this.serviceCaller(d) });
        return;
      case 'states':
        if (!ports.states) throw missing('Step Functions');
        await ports.states.startExecution({
          stateMachineArn: target.kind.stateMachineArn,
          input: payload,
          caller: { kind: 'role', roleArn: target.roleArn as string, sessionName: d.event.id },
          ...trace,
        });
    }
  }
}

type Outcome = { readonly errorCode: string; readonly retryAttempts: number; readonly exhausted?: ExhaustedRetryCondition };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
