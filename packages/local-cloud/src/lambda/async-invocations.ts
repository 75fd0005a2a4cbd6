import type { Clock } from '../core/clock';
import type { SqsPort } from '../core/ports';
import { ASYNC_ERROR_RETRY_DELAYS_MS, ASYNC_THROTTLE_RETRY, LAMBDA_LIMITS, LATEST } from './constants';
import type { DeployedFunction } from './deployed-function';
import type { InvocationOutcome } from './invoke-function';

interface QueuedEvent {
  readonly requestId: string;
  readonly payload: string;
  readonly enqueuedAt: number;
  readonly traceHeader: string | undefined;
  /** Invocations that ran (completed with a result or an error). */
  invokeCount: number;
  throttles: number;
  duplicated: boolean;
}

type Completed = Extract<InvocationOutcome, { kind: 'completed' }>;

/** Reasons kept per function for refused destination and DLQ sends (each is counted regardless). */
const DELIVERY_FAILURES_KEPT = 100;

export interface AsyncInvocationsProps {
  readonly clock: Clock;
  readonly invoke: (fn: DeployedFunction, payload: string, traceHeader: string | undefined) => Promise<InvocationOutcome>;
  /** Where destinations and dead-letter queues are written (by the function's own role, as on AWS). */
  readonly sqs: () => SqsPort | undefined;
  /** Fraction of events Lambda runs twice (its at-least-once delivery); 0 by default. */
  readonly duplicateFraction: number;
  readonly random: () => number;
}

/**
 * Lambda's asynchronous invocation: the event is queued and the caller answered at once; the
 * function runs when it has concurrency. A throttled event goes back to the queue (1 s after the
 * first attempt, doubling to 5 minutes) until its maximum age; a function error is retried
 * (about 1, then 2 minutes later, MaximumRetryAttempts times). An event that runs out goes to the
 * on-failure destination and the dead-letter queue, or is dropped — counted either way.
 */
export class AsyncInvocations {
  private pendingEvents = 0;

  constructor(private readonly props: AsyncInvocationsProps) {}

  /** Events queued or waiting for a retry. */
  get pending(): number {
    return this.pendingEvents;
  }

  enqueue(fn: DeployedFunction, payload: string, requestId: string, traceHeader: string | undefined): void {
    fn.metrics.AsyncEventsReceived++;
    this.pendingEvents++;
    const event: QueuedEvent = { requestId, payload, enqueuedAt: this.props.clock.now(), traceHeader, invokeCount: 0, throttles: 0, duplicated: false };
    setImmediate(() => void this.attempt(fn, event));
  }

  private config(fn: DeployedFunction): { maxRetries: number; maxAgeMs: number } {
    const c = fn.eventInvokeConfig;
    return {
      maxRetries: c?.maximumRetryAttempts ?? LAMBDA_LIMITS.asyncMaxRetryAttempts.default,
      maxAgeMs: (c?.maximumEventAgeSeconds ?? LAMBDA_LIMITS.asyncMaxEventAgeSeconds.default) * 1000,
    };
  }

  private async attempt(fn: DeployedFunction, event: QueuedEvent): Promise<void> {
    if (fn.deleted) {
      fn.metrics.AsyncEventsDropped++;
      this.pendingEvents--;
      return;
    }
    const { maxRetries, maxAgeMs } = this.config(fn);
    const outcome = await this.props.invoke(fn, event.payload, event.traceHeader);
    const age = this.props.clock.now() - event.enqueuedAt;
    if (outcome.kind === 'throttled') {
      // Jittered (between half and all of the step), so throttled events do not come back in lockstep.
      const step = Math.min(ASYNC_THROTTLE_RETRY.maxDelayMs, ASYNC_THROTTLE_RETRY.firstDelayMs * 2 ** event.throttles);
      const delay = step * (0.5 + 0.5 * this.props.random());
      event.throttles++;
      if (age + delay > maxAgeMs) await this.exhausted(fn, event, 'EventAgeExceeded', undefined);
      else this.retryLater(fn, event, delay);
      return;
    }
    event.invokeCount++;
    this.maybeDuplicate(fn, event);
    if (outcome.error === undefined) {
      await this.succeeded(fn, event, outcome);
      return;
    }
    const retriesDone = event.invokeCount - 1;
    const delay = ASYNC_ERROR_RETRY_DELAYS_MS[Math.min(retriesDone, ASYNC_ERROR_RETRY_DELAYS_MS.length - 1)] as number;
    if (retriesDone >= maxRetries) await this.exhausted(fn, event, 'RetriesExhausted', outcome);
    else if (age + delay > maxAgeMs) await this.exhausted(fn, event, 'EventAgeExceeded', outcome);
    else this.retryLater(fn, event, delay);
  }

  private retryLater(fn: DeployedFunction, event: QueuedEvent, delayMs: number): void {
    fn.metrics.AsyncRetries++;
    this.props.clock.schedule(delayMs, () => void this.attempt(fn, event));
  }

  /** At-least-once: now and then Lambda runs an event a second time. */
  private maybeDuplicate(fn: DeployedFunction, event: QueuedEvent): void {
    if (event.duplicated || this.props.duplicateFraction <= 0 || this.props.random() >= this.props.duplicateFraction) return;
    event.duplicated = true;
    fn.metrics.DuplicateDeliveries++;
    setImmediate(() => void this.props.invoke(fn, event.payload, event.traceHeader));
  }

  private async succeeded(fn: DeployedFunction, event: QueuedEvent, outcome: Completed): Promise<void> {
    const destination = fn.eventInvokeConfig?.onSuccess;
    if (destination !== undefined) await this.send(fn, 'destination', destination, JSON.stringify(record(fn, event, 'Success', outcome, this.props.clock.now())), {});
    this.pendingEvents--;
  }

  private async exhausted(fn: DeployedFunction, event: QueuedEvent, condition: 'RetriesExhausted' | 'EventAgeExceeded', outcome: Completed | undefined): Promise<void> {
    const destination = fn.eventInvokeConfig?.onFailure;
    const dlq = fn.settings.deadLetterTargetArn;
    let delivered = false;
    if (destination !== undefined) delivered = await this.send(fn, 'destination', destination, JSON.stringify(record(fn, event, condition, outcome, this.props.clock.now())), {});
    if (dlq !== undefined) {
      const error = outcome?.error;
      const ok = await this.send(fn, 'dead-letter queue', dlq, event.payload, {
        RequestID: { DataType: 'String', StringValue: event.requestId },
        ErrorCode: { DataType: 'Number', StringValue: outcome ? '200' : '429' },
        ErrorMessage: { DataType: 'String', StringValue: error ? error.errorMessage : 'Rate Exceeded.' },
      });
      if (!ok) fn.metrics.DeadLetterErrors++;
      delivered ||= ok;
    }
    if (!delivered) fn.metrics.AsyncEventsDropped++;
    this.pendingEvents--;
  }

  /** Sends as the function's role; a refusal is counted and its reason kept (AWS only counts it). */
  private async send(fn: DeployedFunction, kind: 'destination' | 'dead-letter queue', target: string, body: string, attributes: Record<string, { DataType: string; StringValue: string }>): Promise<boolean> {
    const sqs = this.props.sqs();
    try {
      if (!sqs || !target.startsWith('arn:aws:sqs:')) throw new Error(`the local Lambda delivers destinations to SQS queues only (got ${target})`);
      await sqs.sendMessage({ queue: target, body, messageAttributes: attributes, caller: { kind: 'role', roleArn: fn.settings.role, sessionName: fn.name } });
      return true;
    } catch (err) {
      if (kind === 'destination') fn.metrics.DestinationDeliveryFailures++;
      fn.deliveryFailures.push({ atMs: this.props.clock.now(), kind, target, reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      if (fn.deliveryFailures.length > DELIVERY_FAILURES_KEPT) fn.deliveryFailures.shift();
      return false;
    }
  }
}

/** The invocation record Lambda sends to a destination. */
function record(fn: DeployedFunction, event: QueuedEvent, condition: string, outcome: Completed | undefined, atMs: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    version: '1.0',
    timestamp: new Date(atMs).toISOString(),
    requestContext: { requestId: event.requestId, functionArn: `${fn.arn}:${LATEST}`, condition, approximateInvokeCount: Math.max(1, event.invokeCount) },
    requestPayload: JSON.parse(event.payload) as unknown,
  };
  if (outcome) {
    out['responseContext'] = { statusCode: 200, executedVersion: LATEST, ...(outcome.error ? { functionError: 'Unhandled' } : {}) };
    out['responsePayload'] = JSON.parse(outcome.payload) as unknown;
  } else out['responseContext'] = { statusCode: 429, executedVersion: LATEST };
  return out;
}
