// EventBridge alone behind the gateway, for scripted checks with the AWS CLI (aws-cli-check.sh).
// SQS sends (targets and dead-letter queues) are printed rather than queued, and no Lambda
// function exists, so a Lambda target shows the dead-letter path. Every delivery step is printed.
// Run: node --import tsx packages/local-cloud/src/eventbridge/scripts/serve.ts [--port N] [--time-scale K]
import { AwsError } from '../../core/aws-error';
import { Clock } from '../../core/clock';
import type { LambdaPort, SqsPort } from '../../core/ports';
import { startGateway } from '../../gateway/gateway';
import { EventBridgeService } from '../service';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i < 0 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isFinite(value)) throw new RangeError(`${name} needs a number`);
  return value;
}

const printingSqs: SqsPort = {
  sendMessage: async (req) => {
    console.log(`sqs ${req.queue} ${JSON.stringify({ body: req.body, attributes: req.messageAttributes ?? {} })}`);
    return { messageId: `local-${Date.now()}`, md5OfMessageBody: '' };
  },
};
const noFunctions: LambdaPort = {
  functionArn: () => undefined,
  invoke: async (req) => {
    throw new AwsError('ResourceNotFoundException', `Function not found: ${req.functionName}`, 404);
  },
};

async function main(): Promise<void> {
  const service = new EventBridgeService({
    clock: new Clock({ timeScale: option('--time-scale', 1) }),
    sqs: printingSqs,
    lambda: noFunctions,
    onDelivery: (record) => console.log(`delivery ${JSON.stringify(record)}`),
  });
  const gateway = await startGateway({ services: [service], port: option('--port', 0) });
  console.log(`EventBridge endpoint: ${gateway.url}`);
  const shutdown = (): void => {
    service.stop();
    void gateway.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
