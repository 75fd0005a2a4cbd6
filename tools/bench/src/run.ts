/**
 * Runs the plan: one execution at a time (so runs never share the Lambda's concurrency), each
 * followed by its history, its Lambda logs and its failure queues. Target-agnostic: it sees
 * only SDK clients and the target's time scale.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, type HistoryEvent as SdkHistoryEvent, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchClients } from './aws/clients';
import type { StackFacts } from './aws/preflight';
import { collectLogs } from './collect/logs';
import { collectMapRun } from './collect/map-run';
import { fetchHistory } from './collect/history';
import { addedMessages, queueDepths } from './collect/queues';
import { caseTimelines } from './measure/cases';
import { type HistoryEvent, normaliseHistory } from './measure/history';
import type { LogsObservation } from './measure/lambda-usage';
import { type MapRunObservation, childRuns } from './measure/map-run';
import type { RunSpec } from './plan';
import type { Progress } from './progress';
import { TargetError } from './errors';
import type { Target } from './targets/types';

export interface CompletedRun {
  spec: RunSpec;
  executionArn: string;
  startedAt: string;
  status: string;
  error?: string;
  cause?: string;
  output?: string;
  rawHistory: SdkHistoryEvent[];
  history: HistoryEvent[];
  logs: LogsObservation;
  queueMessages: { name: string; added: number }[] | string;
  /** distributed-map: its Map Run and the ResultWriter's files. */
  mapRun?: MapRunObservation;
}

export interface RunnerProps {
  clients: BenchClients;
  target: Target;
  facts: ReadonlyMap<string, StackFacts>;
  runId: string;
  progress: Progress;
  /** A run open longer than this (AWS time) is stopped. */
  runTimeoutSeconds: number;
  /** Aborts between polls: the open execution is stopped. */
  signal?: AbortSignal;
}

/** One poll a simulated second, within 25 ms – 2 s of real time. */
function pollIntervalMs(timeScale: number): number {
  return Math.min(2_000, Math.max(25, 1_000 / timeScale));
}

/** A series as a name part: "distributed-map (batch 10)" → "distributed-map-batch-10". */
export function seriesSlug(series: string): string {
  return series.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '');
}

export function executionName(runId: string, spec: RunSpec): string {
  return `${runId}-${seriesSlug(spec.series)}-${spec.size}-r${spec.run}`.slice(0, 80);
}

/** Lambda invocations the history (or the result files) say there were at least (each expects a REPORT line). */
function expectedInvocations(spec: RunSpec, history: readonly HistoryEvent[], mapRun: MapRunObservation | undefined): number {
  if (mapRun) return childRuns(mapRun.resultFiles).children.filter((c) => c.status === 'SUCCEEDED').reduce((total, c) => total + c.cases.length, 0);
  const attempts = caseTimelines(history, spec.pattern, spec.dataset).flatMap((t) => t.attempts);
  return spec.pattern.compute === 'callback' ? attempts.filter((a) => a.submittedMs !== undefined).length : attempts.filter((a) => a.startedMs !== undefined).length;
}

async function waitForEnd(props: RunnerProps, spec: RunSpec, executionArn: string): Promise<{ status: string; error?: string; cause?: string; output?: string }> {
  const { sfn } = props.clients;
  const label = { pattern: spec.series, size: spec.size, run: spec.run };
  const started = Date.now();
  const deadline = started + (props.runTimeoutSeconds * 1000) / props.target.timeScale;
  let stopping = false;
  for (;;) {
    const ex = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (ex.status !== 'RUNNING' && ex.status !== 'PENDING_REDRIVE') {
      return { status: ex.status ?? 'UNKNOWN', ...(ex.error ? { error: ex.error } : {}), ...(ex.cause ? { cause: ex.cause } : {}), ...(ex.output ? { output: ex.output } : {}) };
    }
    if (!stopping && (Date.now() > deadline || props.signal?.aborted)) {
      stopping = true;
      const why = props.signal?.aborted ? 'the bench was interrupted' : `the run passed --run-timeout ${props.runTimeoutSeconds} s`;
      await sfn.send(new StopExecutionCommand({ executionArn, error: 'BenchStopped', cause: why }));
      props.progress.log(`${spec.series} ${spec.size} run ${spec.run}: stopped (${why})`);
    }
    props.progress.elapsed(label, (Date.now() - started) * props.target.timeScale);
    await sleep(pollIntervalMs(props.target.timeScale));
  }
}

export async function runOne(props: RunnerProps, spec: RunSpec): Promise<CompletedRun> {
  const { clients, target } = props;
  const facts = props.facts.get(spec.pattern.id) as StackFacts;
  const queues = spec.pattern.failureQueues(spec.outputs);
  const before = await queueDepths(clients.sqs, queues);
  const label = { pattern: spec.series, size: spec.size, run: spec.run };
  props.progress.running(label);
  if (spec.items) await upload(clients, spec);
  const start = await clients.sfn.send(new StartExecutionCommand({ stateMachineArn: spec.outputs.stateMachineArn, name: executionName(props.runId, spec), input: spec.input })).catch((error: unknown) => {
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new TargetError(`${spec.series}, ${spec.size} cases, run ${spec.run}: StartExecution on ${spec.outputs.stateMachineArn} failed (${why}); no later run was started`);
  });
  const executionArn = start.executionArn as string;
  const startedAt = (start.startDate ?? new Date()).toISOString();
  const end = await waitForEnd(props, spec, executionArn);
  const rawHistory = await fetchHistory(clients.sfn, executionArn);
  const history = normaliseHistory(rawHistory);
  const mapRun = spec.pattern.timeline === 'map-run' ? await collectMapRun(clients, history) : undefined;
  const first = history[0]?.ms ?? Date.parse(startedAt);
  const last = history[history.length - 1]?.ms ?? first;
  const expected = expectedInvocations(spec, history, mapRun);
  const logs = await collectLogs(clients.logs, { logGroup: facts.compute.logGroup, startMs: first, endMs: last, expected, waitMs: target.logsWaitMs });
  const after = await queueDepths(clients.sqs, queues);
  return { spec, executionArn, startedAt, ...end, rawHistory, history, logs, queueMessages: addedMessages(before, after), ...(mapRun ? { mapRun } : {}) };
}

/** The run's items object, put where its request says, as the target's credentials. */
async function upload(clients: RunnerProps['clients'], spec: RunSpec): Promise<void> {
  const items = spec.items as NonNullable<RunSpec['items']>;
  try {
    await clients.s3.send(new PutObjectCommand({ Bucket: items.bucket, Key: items.key, Body: items.body, ContentType: items.key.endsWith('.jsonl') ? 'application/jsonl' : 'application/json' }));
  } catch (error) {
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new TargetError(`${spec.series}, ${spec.size} cases, run ${spec.run}: PutObject of its items object s3://${items.bucket}/${items.key} failed (${why}); no later run was started`);
  }
}

/** Every run of the plan, in order; a run that cannot start stops the bench (the target is broken). */
export async function runAll(props: RunnerProps, specs: readonly RunSpec[], onRun: (run: CompletedRun) => void): Promise<CompletedRun[]> {
  const done: CompletedRun[] = [];
  for (const spec of specs) {
    if (props.signal?.aborted) break;
    const run = await runOne(props, spec);
    done.push(run);
    onRun(run);
  }
  return done;
}
