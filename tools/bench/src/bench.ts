/**
 * The whole job, in order: check everything, run, measure, write. Target-agnostic after a
 * target is opened: the same code drives the local cloud and AWS. A run has one or two stages:
 * the target itself, and on the local target distributed-map's ItemBatcher variant on a local
 * cloud of its own.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClients } from './aws/clients';
import { type StackFacts, checkCredentials, inspectStack } from './aws/preflight';
import type { CallerIdentity } from './aws/sts';
import { PRICES_CHECKED_ON, PRICE_REGION } from './cost/prices';
import { TargetError } from './errors';
import { aggregate } from './measure/aggregate';
import type { BenchOptions } from './options';
import { type StackOutputs, regionOf, stackOutputs } from './outputs';
import { WORKSPACE_ROOT } from './paths';
import { DISTRIBUTED_MAP, type PatternSpec, seriesName } from './patterns/registry';
import { type DatasetPlan, planDatasets, planRuns, runCount, selectPatterns, variantDatasets } from './plan';
import type { Progress } from './progress';
import { reference2022 } from './reference/aws-2022';
import { renderHtml } from './report/html';
import { type ResultsFile, type ResultsMeta, writeResults } from './report/json-csv';
import type { RunRecord, RunSeries } from './report/record';
import { renderTable } from './report/table';
import { toRecord } from './results';
import { type CompletedRun, runAll, seriesSlug } from './run';
import { awsTarget } from './targets/aws';
import { synthesizeBatchVariant } from './targets/batch-variant';
import { localTarget } from './targets/local';
import type { Target } from './targets/types';

export interface BenchIo {
  progress: (simulated: boolean) => Progress;
  /** Lines for the user (not the progress). */
  say: (line: string) => void;
  signal?: AbortSignal;
  /** Injected in tests; default: now. */
  now?: () => Date;
}

export interface BenchOutcome {
  dir: string;
  results: ResultsFile;
  table: string;
  identity: CallerIdentity;
}

export function runIdOf(date: Date): string {
  return `bench-${date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`;
}

function saveRaw(dir: string, run: CompletedRun): void {
  const raw = { executionArn: run.executionArn, status: run.status, error: run.error, cause: run.cause, output: run.output, history: run.rawHistory, logs: run.logs, queueMessages: run.queueMessages, mapRun: run.mapRun };
  mkdirSync(join(dir, 'raw'), { recursive: true });
  writeFileSync(join(dir, 'raw', `${seriesSlug(run.spec.series)}-${run.spec.size}-r${run.spec.run}.json.gz`), gzipSync(JSON.stringify(raw)));
}

/** One target and the datasets it runs. */
interface Stage {
  datasets: DatasetPlan;
  open(): Promise<Target>;
  /** Said before it opens. */
  intro?: string;
}

interface StageContext {
  options: BenchOptions;
  io: BenchIo;
  runId: string;
  dir: string;
  progress: Progress;
  /** Executions of every stage: the progress starts once the first stage's checks are done. */
  total: number;
  started: boolean;
  warnings: string[];
  records: RunRecord[];
  series: RunSeries[];
}

/** Opens the stage's target, checks its stacks, runs its datasets one execution at a time, and stops it. */
async function runStage(stage: Stage, ctx: StageContext): Promise<CallerIdentity> {
  if (stage.intro) ctx.io.say(stage.intro);
  const target = await stage.open();
  try {
    const patterns = stage.datasets.entries.map((e) => e.pattern);
    const outputs = new Map<PatternSpec, StackOutputs>(patterns.map((p) => [p, stackOutputs(target.outputs, p.id, ['stateMachineArn', ...p.requiredOutputs])]));
    const regions = new Set([...outputs.values()].map(regionOf));
    if (regions.size > 1) throw new TargetError(`the selected stacks are in several regions (${[...regions].join(', ')}); run one region at a time with --patterns`);
    const clients = createClients({ region: [...regions][0] ?? 'us-east-1', ...(target.endpoint ? { endpoint: target.endpoint } : {}), ...(target.credentials ? { credentials: target.credentials } : {}) });
    try {
      const identity = await checkCredentials(clients);
      ctx.io.say(`bench: ${target.name} target as ${identity.arn || identity.userId}${target.endpoint ? ` at ${target.endpoint}` : ''}`);
      const facts = new Map<string, StackFacts>();
      for (const [pattern, out] of outputs) facts.set(pattern.id, await inspectStack(clients, pattern, out));
      const plan = planRuns(stage.datasets, {
        outputsOf: (p) => outputs.get(p) as StackOutputs,
        seriesOf: (p) => seriesName(p.id, facts.get(p.id)?.distributedMaps[0]?.maxItemsPerBatch),
        runId: ctx.runId,
      });
      const warnings = [...target.notes, ...plan.warnings, ...[...facts.values()].flatMap((f) => f.notes)];
      for (const warning of warnings) ctx.io.say(`bench: warning: ${warning}`);
      ctx.warnings.push(...warnings);
      if (!ctx.started) ctx.progress.start(ctx.total);
      ctx.started = true;
      await runAll({ clients, target, facts, runId: ctx.runId, progress: ctx.progress, runTimeoutSeconds: ctx.options.runTimeoutSeconds, ...(ctx.io.signal ? { signal: ctx.io.signal } : {}) }, plan.specs, (run) => {
        saveRaw(ctx.dir, run);
        const { record, series } = toRecord(run, facts.get(run.spec.pattern.id) as StackFacts, target);
        ctx.records.push(record);
        ctx.series.push(series);
        const span = record.makespanMs === null ? 'no makespan' : `${(record.makespanMs / 1000).toFixed(1)} s`;
        ctx.progress.finished({ pattern: record.series, size: record.size, run: record.run }, `${record.status}${record.error ? ` (${record.error})` : ''}, ${span}, ${record.succeeded} succeeded, ${record.failed} failed, ${record.missing} missing`);
      });
      return identity;
    } finally {
      clients.destroy();
    }
  } finally {
    await target.stop();
  }
}

/** distributed-map's ItemBatcher variant: synthesized for the local cloud, in a folder removed when its stage ends. */
function batchStage(options: BenchOptions, datasets: DatasetPlan, batch: number): Stage {
  let remove = (): void => undefined;
  return {
    datasets,
    intro: `bench: ${seriesName(DISTRIBUTED_MAP, batch)}: infra synthesized with FANOUT_DISTRIBUTED_MAX_ITEMS_PER_BATCH=${batch}, on a local cloud of its own`,
    open: async () => {
      const variant = synthesizeBatchVariant(batch);
      remove = variant.remove;
      try {
        const target = await localTarget({ timeScale: options.timeScale, synthDir: variant.synthDir, stacks: DISTRIBUTED_MAP });
        return { ...target, stop: () => target.stop().finally(remove) };
      } catch (error) {
        remove();
        throw error;
      }
    },
  };
}

export async function runBench(options: BenchOptions, io: BenchIo): Promise<BenchOutcome> {
  const createdAt = (io.now ?? (() => new Date()))();
  const runId = runIdOf(createdAt);
  // The AWS outputs file is read first: it says which patterns are deployed.
  const aws = options.target === 'aws' ? awsTarget(options.outputsFile) : undefined;
  const patterns = selectPatterns(options, aws ? Object.keys(aws.outputs.stacks) : 'all');
  const datasets = planDatasets(options, patterns);
  for (const file of datasets.written) io.say(`bench: ${relative(WORKSPACE_ROOT, file)} was missing: written with data-gen's defaults (as npx nx run data-gen:generate writes it)`);
  const stages: Stage[] = [{ datasets, open: async () => aws ?? (await localTarget({ timeScale: options.timeScale })) }];
  const variant = options.distributedBatch === undefined ? undefined : variantDatasets(datasets, DISTRIBUTED_MAP);
  if (variant && options.distributedBatch !== undefined) stages.push(batchStage(options, variant, options.distributedBatch));

  const dir = join(options.out, runId);
  const total = stages.reduce((n, s) => n + runCount(s.datasets), 0);
  const ctx: StageContext = { options, io, runId, dir, progress: io.progress(options.target === 'local'), total, started: false, warnings: [...datasets.warnings], records: [], series: [] };
  let identity: CallerIdentity | undefined;
  try {
    for (const stage of stages) {
      if (io.signal?.aborted) break;
      const who = await runStage(stage, ctx);
      identity ??= who;
    }
  } finally {
    if (ctx.started) ctx.progress.stop();
  }
  const meta: ResultsMeta = { runId, target: options.target, timeScale: options.target === 'aws' ? 1 : options.timeScale, createdAt: createdAt.toISOString(), pricesCheckedOn: PRICES_CHECKED_ON, priceRegion: PRICE_REGION, warnings: [...new Set(ctx.warnings)] };
  const aggregates = aggregate(ctx.records);
  const results = writeResults(dir, meta, ctx.records, aggregates, ctx.series);
  const reference = reference2022();
  writeFileSync(join(dir, 'report.html'), renderHtml({ meta, records: results.records, aggregates, series: ctx.series, reference }));
  const table = renderTable(aggregates, reference, meta.target, meta.timeScale);
  return { dir, results, table, identity: identity as CallerIdentity };
}
