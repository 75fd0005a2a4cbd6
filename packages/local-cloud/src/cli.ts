import { Command, InvalidArgumentError } from 'commander';
import { StepFunctionsEngine } from './stepfunctions/engine/engine';
import { startSfnServer } from './stepfunctions/server';

function integer(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a non-negative integer, got '${value}'`);
    return n;
  };
}
function positive(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n > 0)) throw new InvalidArgumentError(`${name} must be a positive number, got '${value}'`);
    return n;
  };
}

const program = new Command('local-cloud').description('Offline AWS runtime (part 1: Step Functions)');

program
  .command('serve')
  .description('Serve the Step Functions API on a loopback port')
  .option('-p, --port <port>', 'port (0 = any free port)', integer('--port'), 8083)
  .option('--host <host>', 'interface to bind', '127.0.0.1')
  .option('--time-scale <n>', 'simulated seconds per real second', positive('--time-scale'), 1)
  .option('--no-history-limit', 'switch off the 25,000-event history limit')
  .option('--region <region>', 'region used in ARNs', 'us-east-1')
  .action(async (opts: { port: number; host: string; timeScale: number; historyLimit: boolean; region: string }) => {
    const engine = new StepFunctionsEngine({
      timeScale: opts.timeScale,
      region: opts.region,
      ...(opts.historyLimit ? {} : { limits: { historyEvents: Infinity } }),
    });
    const server = await startSfnServer({ engine, port: opts.port, host: opts.host });
    process.stdout.write(`Step Functions endpoint: ${server.url}\n`);
    process.stdout.write(`  aws stepfunctions --endpoint-url ${server.url} list-state-machines\n`);
    const shutdown = (): void => {
      engine.stop();
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`local-cloud: ${(err as Error).message}\n`);
  process.exit(1);
});
