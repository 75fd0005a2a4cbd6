import { randomInt, randomUUID } from 'node:crypto';
import { ALLOW_ALL, type Authorizer } from '../core/authorizer';
import { AccessDeniedError } from '../core/aws-error';
import { EXTERNAL_CALLER, type Caller } from '../core/caller';
import type { Clock } from '../core/clock';
import type { EventsPort, LambdaPort, PutEventsRequestEntry, PutEventsResult, PutEventsResultEntry, SqsPort, StatesPort } from '../core/ports';
import type { GatewayRequest, JsonProtocolService } from '../gateway/types';
import { handleOperation } from './api-operations';
import { busNameOf } from './arns';
import { DeliveryScheduler, type DeliveryRecord } from './delivery';
import { EventBridgeError } from './errors';
import { MetricsRecorder, type EventBridgeMetrics } from './metrics';
import { EventBridgeModel } from './model';
import { checkEntry, checkPutEventsRequest, isoSeconds } from './put-events';
import { seededRandom } from './retry-policy';

export interface EventBridgeServiceProps {
  readonly clock: Clock;
  /** Default us-east-1. */
  readonly region?: string;
  /** Default 123456789012. */
  readonly accountId?: string;
  /** Asked before every API call and every PutEvents; default allows everything. */
  readonly authorizer?: Authorizer;
  /** The targets' services; a target whose service is absent is refused at PutTargets. */
  readonly lambda?: LambdaPort;
  readonly sqs?: SqsPort;
  readonly states?: StatesPort;
  /** Share (0–1) of deliveries made twice, as at-least-once delivery may. Default 0. */
  readonly duplicateFraction?: number;
  /** Seeds the retry jitter and the choice of duplicates, for reproducible runs. Default: random. */
  readonly seed?: number;
  /** Sees every delivery step (attempts, retries, dead-letter sends, drops) with its simulated time. */
  readonly onDelivery?: (record: DeliveryRecord) => void;
}

/**
 * Amazon EventBridge for the local cloud: the AWS JSON 1.1 API (`X-Amz-Target: AWSEvents.*`)
 * for the gateway, the EventsPort for other services (Step Functions' events:putEvents), and
 * asynchronous delivery to Lambda, SQS and Step Functions targets that applies each target's
 * retry policy and dead-letter queue.
 */
export class EventBridgeService implements JsonProtocolService, EventsPort {
  readonly protocol = 'json';
  readonly targetPrefix = 'AWSEvents';
  readonly contentType = 'application/x-amz-json-1.1';
  readonly errorNamespace = '';
  readonly model: EventBridgeModel;
  private readonly authorizer: Authorizer;
  private readonly recorder = new MetricsRecorder();
  private readonly scheduler: DeliveryScheduler;
  private readonly props: EventBridgeServiceProps;

  constructor(props: EventBridgeServiceProps) {
    const fraction = props.duplicateFraction ?? 0;
    if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`duplicateFraction must be between 0 and 1, got ${fraction}`);
    this.props = props;
    this.model = new EventBridgeModel({ region: props.region ?? 'us-east-1', accountId: props.accountId ?? '123456789012' }, props.clock);
    this.authorizer = props.authorizer ?? ALLOW_ALL;
    this.scheduler = new DeliveryScheduler({
      clock: props.clock,
      scope: this.model.scope,
      ports: { lambda: props.lambda, sqs: props.sqs, states: props.states },
      metrics: this.recorder,
      random: seededRandom(props.seed ?? randomInt(2 ** 31)),
      duplicateFraction: fraction,
      onRecord: props.onDelivery,
    });
  }

  handle(operation: string, input: Record<string, unknown>, request: GatewayRequest): unknown {
    return this.call(operation, input, request.caller);
  }

  /**
   * One API operation in-process, exactly as the HTTP API runs it (the stack loader's PutRule,
   * PutTargets, …): the output object, or an AwsError. PutEvents answers with a Promise.
   */
  call(operation: string, input: Record<string, unknown>, caller: Caller = EXTERNAL_CALLER): unknown {
    return handleOperation(
      {
        model: this.model,
        authorize: (who, action, resource) => this.authorizer.authorize({ caller: who, action, resource }),
        putEvents: (entries, who) => this.putEvents(entries, who),
        hasPort: (kind) => this.props[kind] !== undefined,
      },
      operation,
      input,
      caller,
    );
  }

  /**
   * Accepts up to ten events and answers at once; matching and delivery happen afterwards on
   * the Clock. A caller the bus's resource policy and IAM deny gets AccessDeniedException for
   * the call when every entry is denied, and per entry otherwise.
   */
  async putEvents(entries: readonly PutEventsRequestEntry[], caller: Caller): Promise<PutEventsResult> {
    checkPutEventsRequest(entries);
    const now = this.props.clock.now();
    let denial: AccessDeniedError | undefined;
    const results = entries.map((entry): PutEventsResultEntry & { dispatch?: () => void } => {
      let busName: string;
      try {
        busName = busNameOf(this.model.scope, entry.EventBusName);
        const bus = this.model.bus(busName);
        this.authorizer.authorize({ caller, action: 'events:PutEvents', resource: bus.arn, resourcePolicy: bus.policy });
      } catch (err) {
        if (err instanceof AccessDeniedError) denial = err;
        if (err instanceof EventBridgeError || err instanceof AccessDeniedError) return { ErrorCode: err.code, ErrorMessage: err.message };
        throw err;
      }
      const checked = checkEntry(entry);
      if (!checked.ok) return checked.error;
      const id = randomUUID();
      const event = {
        version: '0',
        id,
        'detail-type': checked.detailType,
        source: checked.source,
        account: this.model.scope.accountId,
        time: isoSeconds(entry.Time?.getTime() ?? now),
        region: this.model.scope.region,
        resources: [...(entry.Resources ?? [])],
        detail: checked.detail,
      };
      return { EventId: id, dispatch: () => this.scheduler.dispatch(event, now, entry.TraceHeader, this.model.matchingRules(busName, event)) };
    });
    if (denial && results.every((r) => r.ErrorCode === 'AccessDeniedException')) throw denial;
    const failed = results.filter((r) => r.ErrorCode !== undefined).length;
    this.recorder.putEvents(results.length - failed, failed);
    for (const r of results) r.dispatch?.();
    return { FailedEntryCount: failed, Entries: results.map(({ dispatch: _d, ...entry }) => entry) };
  }

  /** Counters per rule (CloudWatch's names) and totals, so every event can be accounted for. */
  metrics(): EventBridgeMetrics {
    return this.recorder.snapshot();
  }

  /** Resolves once every delivery has been delivered, dead-lettered or dropped. */
  whenIdle(): Promise<void> {
    return this.scheduler.whenIdle();
  }

  /** Cancels every scheduled delivery step (unfinished ones stay counted as pending). */
  stop(): void {
    this.scheduler.stop();
  }
}
