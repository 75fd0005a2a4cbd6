import { SQSClient } from '@aws-sdk/client-sqs';
import type { Authorizer } from '../../core/authorizer';
import type { Caller } from '../../core/caller';
import { Clock } from '../../core/clock';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { stsService } from '../../sts/sts-service';
import type { SqsLimits } from '../constants';
import { sqsServices } from '../index';
import { SqsModel } from '../model/sqs-model';
export { rejection } from '../../../tests/support/rejection';

export interface SqsHarnessProps {
  /** Simulated seconds per real second. */
  readonly timeScale?: number;
  readonly limits?: Partial<SqsLimits>;
  readonly authorizer?: Authorizer;
  readonly identify?: (accessKeyId: string | undefined) => Caller;
}

export interface SqsHarness {
  readonly clock: Clock;
  readonly model: SqsModel;
  readonly gateway: RunningGateway;
  readonly sqs: SQSClient;
  /** Resolves after `simulatedMs` of AWS time. */
  sleep(simulatedMs: number): Promise<void>;
  close(): Promise<void>;
}

export const ACCOUNT = '123456789012';

/** A model with both SQS protocols and STS on a loopback gateway, and an SDK v3 client on it. */
export async function startSqs(props: SqsHarnessProps = {}): Promise<SqsHarness> {
  const clock = new Clock({ timeScale: props.timeScale ?? 1 });
  let url = '';
  const model = new SqsModel({ clock, endpoint: () => url, ...(props.limits ? { limits: props.limits } : {}), ...(props.authorizer ? { authorizer: props.authorizer } : {}) });
  const gateway = await startGateway({ services: [...sqsServices(model), stsService({ accountId: model.accountId })], ...(props.identify ? { identify: props.identify } : {}) });
  url = gateway.url;
  const sqs = new SQSClient({ endpoint: gateway.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  return {
    clock,
    model,
    gateway,
    sqs,
    sleep: (simulatedMs) => new Promise((resolve) => clock.schedule(simulatedMs, resolve)),
    close: async () => {
      model.close();
      sqs.destroy();
      await gateway.close();
    },
  };
}
