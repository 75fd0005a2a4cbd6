import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { Clock } from '../../core/clock';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { CloudWatchLogs, type CloudWatchLogsProps } from '../cloudwatch-logs';
import { cloudWatchLogsService } from '../service';
export { rejection } from '../../../tests/support/rejection';

/** 2026-01-15T00:00:00Z: recent enough for every PutLogEvents age rule. */
export const T0 = Date.UTC(2026, 0, 15);

/** A clock that moves only when told, so age and retention rules can be tested to the millisecond. */
export class ManualClock extends Clock {
  private at: number;
  constructor(startMs = T0) {
    super({ startMs });
    this.at = startMs;
  }
  override now(): number {
    return this.at;
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

export interface LogsFixture {
  readonly model: CloudWatchLogs;
  readonly clock: ManualClock;
  readonly client: CloudWatchLogsClient;
  readonly gateway: RunningGateway;
  close(): Promise<void>;
}

/** The model behind a gateway on 127.0.0.1, and a real SDK client pointed at it. */
export async function startLogs(props: Omit<CloudWatchLogsProps, 'clock'> = {}): Promise<LogsFixture> {
  const clock = new ManualClock();
  const model = new CloudWatchLogs({ ...props, clock });
  const gateway = await startGateway({ services: [cloudWatchLogsService(model)] });
  const client = new CloudWatchLogsClient({
    endpoint: gateway.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    model,
    clock,
    client,
    gateway,
    close: async () => {
      client.destroy();
      await gateway.close();
    },
  };
}
