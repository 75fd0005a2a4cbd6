import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { LocalCloud, type LocalCloudProps } from './local-cloud';
import { startLocalCloud } from './start-local-cloud';
import { StackLoadError } from './terraform/errors';

const REPO = resolve(__dirname, '../../..');

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
    if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a positive number, got '${value}'`);
    return n;
  };
}
function fraction(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError(`${name} must be between 0 and 1, got '${value}'`);
    return n;
  };
}

interface CommonOptions {
  port: number;
  host: string;
  timeScale: number;
  historyLimit: boolean;
  iam: 'enforce' | 'audit' | 'off';
  lambdaConcurrency?: number;
  duplicateEvents?: number;
  duplicateAsync?: number;
  logsDir?: string;
}

function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('-p, --port <port>', 'port of the one endpoint (0 = any free port)', integer('--port'), 8083)
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .option('--time-scale <n>', 'simulated seconds per real second of waiting', positive('--time-scale'), 1)
    .option('--no-history-limit', "switch off Step Functions' 25,000-event history limit")
    .addOption(new Option('--iam <mode>', "the stacks' IAM: enforce, audit (log what it would refuse) or off").choices(['enforce', 'audit', 'off']).default('enforce'))
    .option('--lambda-concurrency <n>', "Lambda's account concurrency", integer('--lambda-concurrency'))
    .option('--duplicate-events <fraction>', 'share of EventBridge deliveries made twice', fraction('--duplicate-events'))
    .option('--duplicate-async <fraction>', 'share of asynchronous Lambda events run twice', fraction('--duplicate-async'))
    .option('--logs-dir <dir>', 'also write every log stream to files under this folder');
}

function cloudProps(o: CommonOptions): LocalCloudProps {
  return {
    port: o.port,
    host: o.host,
    timeScale: o.timeScale,
    iam: o.iam,
    ...(o.historyLimit ? {} : { stepFunctionsLimits: { historyEvents: Infinity } }),
    ...(o.lambdaConcurrency === undefined ? {} : { lambdaConcurrency: o.lambdaConcurrency }),
    ...(o.duplicateEvents === undefined ? {} : { duplicateEventFraction: o.duplicateEvents }),
    ...(o.duplicateAsync === undefined ? {} : { duplicateAsyncFraction: o.duplicateAsync }),
    ...(o.logsDir === undefined ? {} : { logsDir: o.logsDir }),
  };
}

/** Runs until Ctrl-C or SIGTERM, then stops every service and environment. */
function stopOnSignal(stop: () => Promise<void>): void {
  const shutdown = (): void => {
    void stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`local-cloud: stopping failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const program = new Command('local-cloud').description('AWS offline: Step Functions, Lambda, EventBridge, SQS, S3, CloudWatch Logs, X-Ray and STS on one loopback endpoint');

withCommonOptions(program.command('serve').description('Start every service, empty, and print the endpoint')).action(async (opts: CommonOptions) => {
  const cloud = await LocalCloud.start(cloudProps(opts));
  process.stdout.write(`${cloud.url}\n`);
  process.stdout.write(`  e.g. aws stepfunctions --endpoint-url ${cloud.url} list-state-machines   (any credentials)\n`);
  stopOnSignal(() => cloud.stop());
});

withCommonOptions(program.command('up').description('Deploy the synthesized Terraform stacks onto the local cloud and serve them'))
  .option('--synth-dir <dir>', 'what `cdktf synth` wrote', resolve(REPO, 'infra/cdktf.out'))
  .option('--stack <name>', 'deploy this stack only')
  .option('--outputs-file <file>', 'where to write the outputs (deploy-outputs.json shape, plus endpoint)', resolve(REPO, 'infra/outputs/local-outputs.json'))
  .action(async (opts: CommonOptions & { synthDir: string; stack?: string; outputsFile: string }) => {
    const running = await startLocalCloud({ ...cloudProps(opts), synthDir: opts.synthDir, ...(opts.stack === undefined ? {} : { stacks: opts.stack }) });
    mkdirSync(dirname(opts.outputsFile), { recursive: true });
    writeFileSync(opts.outputsFile, JSON.stringify(running.outputs, null, 2) + '\n');
    for (const s of running.stacks) {
      const recorded = s.resources.filter((r) => r.recorded).length;
      process.stdout.write(`deployed ${s.name}: ${s.resources.length - recorded} resources running${recorded > 0 ? `, ${recorded} recorded (alarms, topics, dashboards: not evaluated locally)` : ''}\n`);
    }
    for (const note of running.notes) process.stdout.write(`note: ${note}\n`);
    process.stdout.write(`outputs: ${opts.outputsFile}\n`);
    process.stdout.write(`${running.url}\n`);
    stopOnSignal(() => running.stop());
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  const message =
    err instanceof StackLoadError
      ? `cannot deploy: ${err.message}`
      : e.code === 'EADDRINUSE'
        ? `port ${String((e as { port?: number }).port ?? '')} is in use (another local cloud?): stop it, or pick another with --port (0 = any free port)`
        : e.message;
  process.stderr.write(`local-cloud: ${message}\n`);
  process.exit(1);
});
