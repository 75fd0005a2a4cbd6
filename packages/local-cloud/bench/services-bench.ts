/**
 * Benchmark (not a test) of the services behind one LocalCloud, driven through the SDK v3 clients:
 * (a) 1,000 events through an EventBridge rule to a Lambda function that waits 5 s per event,
 *     with the account's 1,000 environments and with reserved concurrency 100;
 * (b) 1,000 synchronous invokes at once of the built compute-direct bundle (COMPUTE_MS=5000),
 *     through the SDK and, for comparison, straight into the Lambda model.
 * Every variant runs on a fresh LocalCloud, IAM off and enforced, in the order off, enforce,
 * enforce, off (`--rounds 2`, the default), so that drift within the process hits both alike.
 * Run: `npx nx run local-cloud:bench-services` (builds compute-direct first).
 */
import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateEventBusCommand, EventBridgeClient, PutEventsCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { AddPermissionCommand, CreateFunctionCommand, InvokeCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { EXTERNAL_CALLER, LocalCloud, type AuthorizationMode } from '../src/index';

const EVENTS = 1_000;
const ENTRIES_PER_CALL = 10;
const WAIT_MS = 5_000;
const EVENTS_TIME_SCALE = 100;
// Creating 1,000 compute-direct environments keeps the loop busy for a second or two of real
// time, which the clock counts as AWS time too; (b) runs at 10 so that the 5 s computations
// outlast that whatever the load, and once at 100 for comparison.
const COMPUTE_TIME_SCALE = 10;
const ACCOUNT_CONCURRENCY = 1_000;
const ROLE = 'arn:aws:iam::123456789012:role/bench-function';
const COMPUTE_DIRECT = resolve(__dirname, '../../../dist/apps/compute-direct');
// Logs the event's id, so that the run can prove every event ran exactly once.
const SLEEPER = `exports.handler = async (event) => { console.log(event.id); await require('node:timers/promises').setTimeout(${WAIT_MS}); return 'ok'; };`;
const MB = 1024 * 1024;
// The SDK's notice that it will drop Node 20 would split the tables; it says nothing about the figures.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Memory of one workload: the highest RSS sampled every 10 ms against the RSS just before it,
 * the process's high-water mark (maxRSS), and the heap still held once it is over (after a full
 * GC, with the environments still warm), which unlike RSS does not depend on what ran before.
 */
class MemoryProbe {
  private readonly rss0: number;
  private readonly heap0: number;
  private peak: number;
  private readonly timer: NodeJS.Timeout;

  constructor() {
    gc?.();
    this.heap0 = heap();
    this.rss0 = this.peak = process.memoryUsage.rss();
    this.timer = setInterval(() => this.sample(), 10);
  }
  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
  stop(environments: number): Record<string, string> {
    this.sample();
    clearInterval(this.timer);
    gc?.();
    const retainedMb = (heap() - this.heap0) / MB;
    return {
      'peak RSS MB': (this.peak / MB).toFixed(0),
      'dRSS MB': ((this.peak - this.rss0) / MB).toFixed(0),
      'maxRSS MB': (process.resourceUsage().maxRSS / 1024).toFixed(0),
      'heap kept MB': gc ? retainedMb.toFixed(1) : 'n/a',
      'KB/env': gc ? ((retainedMb * 1024) / Math.max(1, environments)).toFixed(0) : 'n/a',
    };
  }
}
const heap = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Resolves with the real ms since t0 once `done()` holds (polled every ms, as often as the loop lets it). */
function until(done: () => boolean, t0: number): Promise<number> {
  return new Promise((resolvePromise) => {
    const timer = setInterval(() => {
      if (!done()) return;
      clearInterval(timer);
      resolvePromise(performance.now() - t0);
    }, 1);
  });
}

async function startCloud(iam: AuthorizationMode, timeScale: number): Promise<{ cloud: LocalCloud; lambda: LambdaClient; events: EventBridgeClient }> {
  const cloud = await LocalCloud.start({ timeScale, iam, lambdaConcurrency: ACCOUNT_CONCURRENCY });
  cloud.iam?.roles.putRole({
    roleArn: ROLE,
    assumeRolePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  });
  const config = {
    endpoint: cloud.url,
    region: cloud.region,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    // The SDK's default 50 sockets would queue 950 of the 1,000 calls made at once.
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: EVENTS }) },
  };
  return { cloud, lambda: new LambdaClient(config), events: new EventBridgeClient(config) };
}

interface LogTimes {
  /** START times, ascending, and the latest END time (AWS time). */
  starts: number[];
  lastEnd: number;
  /** The handler's own lines (the message part), without the platform's. */
  messages: string[];
}

function logTimes(cloud: LocalCloud, fn: string): LogTimes {
  const times: LogTimes = { starts: [], lastEnd: -Infinity, messages: [] };
  for (const e of cloud.logs.events(`/aws/lambda/${fn}`)) {
    if (e.message.startsWith('START RequestId:')) times.starts.push(e.timestamp);
    else if (e.message.startsWith('END RequestId:')) times.lastEnd = Math.max(times.lastEnd, e.timestamp);
    else if (!e.message.startsWith('REPORT RequestId:')) times.messages.push(e.message.split('\t')[3] ?? e.message);
  }
  times.starts.sort((x, y) => x - y);
  return times;
}

interface Row {
  variant: string;
  figures: Record<string, string>;
  /** Anything lost, duplicated or wrong: the run exits 1. */
  problems: string[];
}

const sec = (ms: number): string => (ms / 1000).toFixed(2);

/** (a) 1,000 events, 10 per PutEvents call, all 100 calls at once, to a function that waits 5 s. */
async function eventsToLambda(iam: AuthorizationMode, reserved: number | undefined): Promise<Row> {
  const { cloud, lambda, events } = await startCloud(iam, EVENTS_TIME_SCALE);
  try {
    const fn = 'sleeper';
    const zip = zipSync({ 'index.js': strToU8(SLEEPER) });
    const created = await lambda.send(new CreateFunctionCommand({ FunctionName: fn, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Timeout: 30, Code: { ZipFile: zip } }));
    if (reserved !== undefined) await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: reserved }));
    await events.send(new CreateEventBusCommand({ Name: 'bench' }));
    const rule = await events.send(new PutRuleCommand({ Name: 'ticks', EventBusName: 'bench', EventPattern: JSON.stringify({ source: ['bench'], 'detail-type': ['tick'] }) }));
    await lambda.send(new AddPermissionCommand({ FunctionName: fn, StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', SourceArn: rule.RuleArn }));
    await events.send(new PutTargetsCommand({ Rule: 'ticks', EventBusName: 'bench', Targets: [{ Id: 'sleeper', Arn: created.FunctionArn }] }));
    const calls = Array.from({ length: EVENTS / ENTRIES_PER_CALL }, (_, c) =>
      Array.from({ length: ENTRIES_PER_CALL }, (_, i) => ({ EventBusName: 'bench', Source: 'bench', DetailType: 'tick', Detail: JSON.stringify({ n: c * ENTRIES_PER_CALL + i }) })),
    );

    const memory = new MemoryProbe();
    const t0 = performance.now();
    const sim0 = cloud.clock.now();
    const answers = await Promise.all(calls.map((Entries) => events.send(new PutEventsCommand({ Entries }))));
    await cloud.events.whenIdle();
    const wallMs = await until(() => cloud.lambda.pendingAsyncEvents === 0, t0);

    const m = cloud.lambda.metrics(fn);
    const eb = cloud.events.metrics();
    const times = logTimes(cloud, fn);
    const idealMs = WAIT_MS * Math.ceil(EVENTS / (reserved ?? ACCOUNT_CONCURRENCY));
    const makespan = times.lastEnd - sim0;
    const eventIds = answers.flatMap((a) => (a.Entries ?? []).map((e) => e.EventId ?? `(refused: ${e.ErrorCode ?? '?'})`));
    return {
      variant: `a ${reserved === undefined ? 'unreserved' : `reserved ${reserved}`}, iam ${iam}`,
      figures: {
        'wall s': sec(wallMs),
        'sim makespan s': sec(makespan),
        'ideal s': sec(idealMs),
        'overhead s': sec(makespan - idealMs),
        'first START s': sec((times.starts[0] ?? NaN) - sim0),
        'cold starts': String(m.EnvironmentsCreated),
        'peak conc': String(m.ConcurrentExecutionsPeak),
        throttles: String(m.Throttles),
        ...memory.stop(m.EnvironmentsCreated),
        'EB put/matched/delivered/failed/dropped': `${eb.PutEventsEntriesCount}/${eb.totals.MatchedEvents}/${eb.totals.SuccessfulInvocationAttempts}/${eb.totals.FailedInvocations}/${eb.totals.EventsDropped}`,
        'λ received/ran/errors/dropped': `${m.AsyncEventsReceived}/${m.Invocations}/${m.Errors}/${m.AsyncEventsDropped}`,
      },
      problems: accountForEvents(eventIds, times.messages, {
        'PutEvents failed entries': eb.PutEventsFailedEntriesCount,
        'EventBridge failed invocations': eb.totals.FailedInvocations,
        'EventBridge events dropped': eb.totals.EventsDropped,
        'Lambda errors': m.Errors,
        'Lambda async events dropped': m.AsyncEventsDropped,
      }),
    };
  } finally {
    await cloud.stop();
  }
}

/** Every event id PutEvents returned ran exactly once, and no counter shows a loss. */
function accountForEvents(eventIds: string[], ran: string[], mustBeZero: Record<string, number>): string[] {
  const problems = Object.entries(mustBeZero)
    .filter(([, n]) => n !== 0)
    .map(([name, n]) => `${name}: ${n}`);
  const runs = new Map<string, number>();
  for (const id of ran) runs.set(id, (runs.get(id) ?? 0) + 1);
  const returned = new Set(eventIds);
  const count = (n: number, what: string): void => void (n > 0 && problems.push(`${n} ${what}`));
  count(EVENTS - returned.size, 'events without an event id from PutEvents');
  count(eventIds.filter((id) => !runs.has(id)).length, 'events never ran');
  count([...runs.values()].filter((n) => n > 1).length, 'events ran more than once');
  count([...runs.keys()].filter((id) => !returned.has(id)).length, 'runs of events PutEvents never returned');
  return problems;
}

type Transport = 'sdk' | 'in-process';

/** (b) 1,000 synchronous invokes of compute-direct at once: 1,000 environments created and busy together. */
async function computeDirect(iam: AuthorizationMode, transport: Transport, timeScale: number): Promise<Row> {
  const { cloud, lambda } = await startCloud(iam, timeScale);
  try {
    const fn = 'compute-direct';
    const Variables = { COMPUTE_MS: String(WAIT_MS) };
    await lambda.send(
      new CreateFunctionCommand({ FunctionName: fn, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Timeout: 30, Environment: { Variables }, Code: { S3Bucket: '__local__', S3Key: COMPUTE_DIRECT } }),
    );
    const invoke = async (i: number): Promise<{ functionError: string | undefined; payload: string }> => {
      const payload = JSON.stringify({ requestId: 'bench', request: { caseId: String(i) } });
      if (transport === 'in-process') {
        const r = await cloud.lambda.invoke({ functionName: fn, payload, invocationType: 'RequestResponse', caller: EXTERNAL_CALLER });
        return { functionError: r.functionError, payload: r.payload ?? '' };
      }
      const r = await lambda.send(new InvokeCommand({ FunctionName: fn, Payload: payload }));
      return { functionError: r.FunctionError, payload: Buffer.from(r.Payload ?? []).toString() };
    };

    const memory = new MemoryProbe();
    const t0 = performance.now();
    const sim0 = cloud.clock.now();
    const allStarted = until(() => cloud.lambda.metrics(fn).Invocations >= EVENTS, t0);
    const answers = await Promise.all(Array.from({ length: EVENTS }, (_, i) => invoke(i)));
    const wallMs = performance.now() - t0;
    const startedMs = await allStarted;

    const m = cloud.lambda.metrics(fn);
    const times = logTimes(cloud, fn);
    const problems = answers.flatMap((a, i) => {
      const out = JSON.parse(a.payload || 'null') as { request?: { caseId?: string }; state?: string } | null;
      return a.functionError === undefined && out?.request?.caseId === String(i) && out.state === 'SUCCEEDED' ? [] : [`invoke ${i}: ${a.functionError ?? 'wrong answer'} ${a.payload}`];
    });
    return {
      variant: `b ${transport}, scale ${timeScale}, iam ${iam}`,
      figures: {
        'wall s': sec(wallMs),
        'all started real s': sec(startedMs),
        'all started sim s': sec((times.starts[EVENTS - 1] ?? NaN) - sim0),
        'sim makespan s': sec(times.lastEnd - sim0),
        'ideal s': sec(WAIT_MS),
        'cold starts': String(m.EnvironmentsCreated),
        'peak conc': String(m.ConcurrentExecutionsPeak),
        throttles: String(m.Throttles),
        ...memory.stop(m.EnvironmentsCreated),
      },
      problems: problems.slice(0, 5),
    };
  } finally {
    await cloud.stop();
  }
}

function table(title: string, rows: Row[]): void {
  const headers = ['variant', ...Object.keys(rows[0]?.figures ?? {})];
  const cells = rows.map((r) => [r.variant, ...headers.slice(1).map((h) => r.figures[h] ?? '')]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]): string => values.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join(' | ');
  console.log(`\n${title}\n${line(headers)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
  for (const c of cells) console.log(line(c));
}

const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '2' } } });
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a whole number ≥ 1, got '${values.rounds}'`);
  if (!existsSync(resolve(COMPUTE_DIRECT, 'index.js'))) throw new Error(`${COMPUTE_DIRECT}/index.js is missing: build it with \`npx nx run compute-direct:build\``);
  console.log(`node ${process.version}; load average ${load()}; RSS at start ${(process.memoryUsage.rss() / MB).toFixed(0)} MB${gc ? '' : ' (run with --expose-gc for the kept-heap figures)'}`);
  console.log('sim makespan: AWS time from just before the first call to the latest END line in the function\'s log group; ideal: 5 s x ceil(1,000 / concurrency)');
  console.log('dRSS: highest RSS during the workload minus RSS just before it (memory freed by earlier workloads is reused, so later rows show less);');
  console.log('heap kept: V8 heap + external after a full GC once the workload is over, its environments still warm, minus the same before it');
  const order: AuthorizationMode[] = [];
  for (let r = 0; r < rounds; r++) order.push(...(r % 2 === 0 ? (['off', 'enforce'] as const) : (['enforce', 'off'] as const)));
  const rowsA: Row[] = [];
  const rowsB: Row[] = [];
  for (const iam of order) rowsA.push(await eventsToLambda(iam, undefined));
  for (const iam of order) rowsA.push(await eventsToLambda(iam, 100));
  for (const iam of order) rowsB.push(await computeDirect(iam, 'sdk', COMPUTE_TIME_SCALE));
  for (const iam of order) rowsB.push(await computeDirect(iam, 'in-process', COMPUTE_TIME_SCALE));
  rowsB.push(await computeDirect('off', 'sdk', EVENTS_TIME_SCALE));
  table(`(a) 1,000 events: EventBridge rule -> Lambda waiting 5 s; 100 PutEvents calls of 10 at once; time scale ${EVENTS_TIME_SCALE}`, rowsA);
  table('(b) 1,000 synchronous invokes of compute-direct (COMPUTE_MS=5000) at once; peak conc < 1,000 means early environments were reused', rowsB);
  console.log(`\nload average at the end ${load()}; process maxRSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  const problems = [...rowsA, ...rowsB].flatMap((r) => r.problems.map((p) => `${r.variant}: ${p}`));
  for (const p of problems) console.error(`LOST OR WRONG: ${p}`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
