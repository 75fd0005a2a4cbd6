import { S3Client } from '@aws-sdk/client-s3';
import { Clock } from '../../core/clock';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { S3Model } from '../model/s3-model';
import type { S3ModelProps } from '../model/store';
import { createS3Service } from '../s3-service';
export { rejection } from '../../../tests/support/rejection';

export interface S3Fixture {
  readonly model: S3Model;
  readonly gateway: RunningGateway;
  readonly clock: Clock;
  /** A client in us-east-1, path-style, as a user's script would build it. */
  readonly s3: S3Client;
  client(region: string, extra?: ConstructorParameters<typeof S3Client>[0]): S3Client;
  close(): Promise<void>;
}

/** The S3 service alone behind a real gateway on 127.0.0.1, with SDK v3 clients for it. */
export async function startS3(props: Partial<S3ModelProps> = {}): Promise<S3Fixture> {
  const clock = props.clock ?? new Clock();
  const model = new S3Model({ ...props, clock });
  const gateway = await startGateway({ services: [createS3Service({ model })] });
  const clients: S3Client[] = [];
  const client = (region: string, extra: ConstructorParameters<typeof S3Client>[0] = {}): S3Client => {
    const c = new S3Client({
      endpoint: gateway.url,
      region,
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      maxAttempts: 1,
      ...extra,
    });
    clients.push(c);
    return c;
  };
  const s3 = client('us-east-1');
  return {
    model,
    gateway,
    clock,
    s3,
    client,
    close: async () => {
      for (const c of clients) c.destroy();
      model.close();
      await gateway.close();
    },
  };
}
