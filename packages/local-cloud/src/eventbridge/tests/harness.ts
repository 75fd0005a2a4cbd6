// One EventBridge service behind the real gateway, the real SDK client against it, and fakes
// for the target services, on a clock 10,000× faster than real time.
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { Authorizer } from '../../core/authorizer';
import { Clock } from '../../core/clock';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import type { DeliveryRecord } from '../delivery';
import { EventBridgeService, type EventBridgeServiceProps } from '../service';
import { FakeLambda, FakeSqs, FakeStates } from './fakes';
export { rejection } from '../../../tests/support/rejection';

/** 2026-01-01T00:00:00Z: simulated timestamps in assertions are read against it. */
export const START_MS = Date.UTC(2026, 0, 1);
export const TIME_SCALE = 10_000;

export interface Harness {
  readonly clock: Clock;
  readonly service: EventBridgeService;
  readonly lambda: FakeLambda;
  readonly sqs: FakeSqs;
  readonly states: FakeStates;
  readonly records: DeliveryRecord[];
  readonly client: EventBridgeClient;
  readonly gateway: RunningGateway;
  close(): Promise<void>;
}

export async function startHarness(
  options: { authorizer?: Authorizer } & Pick<EventBridgeServiceProps, 'duplicateFraction' | 'seed'> = {},
): Promise<Harness> {
  const clock = new Clock({ timeScale: TIME_SCALE, startMs: START_MS });
  const lambda = new FakeLambda(clock);
  const sqs = new FakeSqs(clock);
  const states = new FakeStates(clock);
  const records: DeliveryRecord[] = [];
  const service = new EventBridgeService({
    clock,
    lambda,
    sqs,
    states,
    seed: options.seed ?? 7,
    onDelivery: (r) => records.push(r),
    ...(options.authorizer ? { authorizer: options.authorizer } : {}),
    ...(options.duplicateFraction === undefined ? {} : { duplicateFraction: options.duplicateFraction }),
  });
  const gateway = await startGateway({ services: [service] });
  const client = new EventBridgeClient({
    endpoint: gateway.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    clock,
    service,
    lambda,
    sqs,
    states,
    records,
    client,
    gateway,
    close: async () => {
      service.stop();
      client.destroy();
      await gateway.close();
    },
  };
}
