/**
 * SQS (JSON and query protocols) and STS alone on a loopback gateway, for the AWS CLI check and
 * for trying the CLI by hand: `node --import tsx packages/local-cloud/src/sqs/scripts/serve.ts
 * [--port 0] [--time-scale 1]`. Prints `endpoint: <url>`; stops on SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { Clock } from '../../core/clock';
import { startGateway } from '../../gateway/gateway';
import { stsService } from '../../sts/sts-service';
import { sqsServices } from '../index';
import { SqsModel } from '../model/sqs-model';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' }, 'time-scale': { type: 'string', default: '1' } } });
  const port = Number(values.port);
  const timeScale = Number(values['time-scale']);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  if (!(timeScale > 0)) throw new Error(`--time-scale must be a positive number, got ${values['time-scale']}`);
  let url = '';
  const model = new SqsModel({ clock: new Clock({ timeScale }), endpoint: () => url });
  const gateway = await startGateway({ services: [...sqsServices(model), stsService({ accountId: model.accountId })], port });
  url = gateway.url;
  console.log(`endpoint: ${url}`);
  const stop = (): void => {
    model.close();
    void gateway.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
