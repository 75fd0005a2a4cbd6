/**
 * The whole job, in order: check everything, run, measure, write. Target-agnostic after the
 * target is opened: the same code drives the local cloud and AWS.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClients } from './aws/clients';
import { type StackFacts, checkCredentials, inspectStack } from './aws/preflight';
import type { CallerIdentity } from './aws/sts';
import { PRICES_CHECKED_ON, PRICE_REGION } from './cost/prices';
import { TargetError } from './errors';
import { aggregate } from './measure/aggregate';
import type { BenchOptions } from './options';
import { regionOf, stackOutputs } from './outputs';
import { planDatasets, planRuns, selectPatterns } from './plan';
import type { Progress } from './progress';
import { reference2022 } from './reference/aws-2022';
import { renderHtml } from './report/html';
import { type ResultsFile, type ResultsMeta, writeResults } from './report/json-csv';
import type { RunRecord, RunSeries } from './report/record';
import { renderTable } from './report/table';
import { toRecord } from './results';
import { type CompletedRun, runAll } from './run';
import { awsTarget } from './targets/aws';
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
  const raw = { executionArn: run.executionArn, status: run.status, error: run.error, cause: run.cause, output: run.output, history: run.rawHistory, logs: run.logs, queueMessages: run.queueMessages };
  mkdirSync(join(dir, 'raw'), { recursive: true });
  writeFileSync(join(dir, 'raw', `${run.spec.pattern.id}-${run.spec.size}-r${run.spec.run}.json.gz`), gzipSync(JSON.stringify(raw)));
}

export async function runBench(options: BenchOptions, io: BenchIo): Promise<BenchOutcome> {
  const createdAt = (io.now ?? (() => new Date()))();
  const runId = runIdOf(createdAt);
  // The AWS outputs file is read first: it says which patterns are deployed.
  const aws = options.target === 'aws' ? awsTarget(options.outputsFile) : undefined;
  const patterns = selectPatterns(options, aws ? Object.keys(aws.outputs.stacks) : 'all');
  const datasets = planDatasets(options, patterns);
  const target: Target = aws ?? (await localTarget({ timeScale: options.timeScale }));
  try {
    const plan = planRuns(datasets, (p) => stackOutputs(target.outputs, p.id, ['stateMachineArn', ...p.requiredOutputs]), options.runs);
    const regions = new Set(plan.specs.map((s) => regionOf(s.outputs)));
    if (regions.size > 1) throw new TargetError(`the selected stacks are in several regions (${[...regions].join(', ')}); run one region at a time with --patterns`);
    const clients = createClients({ region: [...regions][0] ?? 'us-east-1', ...(target.endpoint ? { endpoint: target.endpoint } : {}), ...(target.credentials ? { credentials: target.credentials } : {}) });
    try {
      const identity = await checkCredentials(clients);
      io.say(`bench: ${target.name} target as ${identity.arn || identity.userId}${target.endpoint ? ` at ${target.endpoint}` : ''}`);
      const facts = new Map<string, StackFacts>();
      for (const pattern of patterns) {
        const outputs = plan.specs.find((s) => s.pattern === pattern)?.outputs;
        if (outputs) facts.set(pattern.id, await inspectStack(clients, pattern, outputs));
      }
      for (const warning of [...plan.warnings, ...[...facts.values()].flatMap((f) => f.notes)]) io.say(`bench: warning: ${warning}`);

      const dir = join(options.out, runId);
      const records: RunRecord[] = [];
      const series: RunSeries[] = [];
      const progress = io.progress(target.name === 'local');
      await runAll({ clients, target, facts, runId, progress, runTimeoutSeconds: options.runTimeoutSeconds, ...(io.signal ? { signal: io.signal } : {}) }, plan.specs, (run) => {
        saveRaw(dir, run);
        const { record, series: s } = toRecord(run, facts.get(run.spec.pattern.id) as StackFacts, target);
        records.push(record);
        series.push(s);
        const span = record.makespanMs === null ? 'no makespan' : `${(record.makespanMs / 1000).toFixed(1)} s`;
        progress.finished({ pattern: record.pattern, size: record.size, run: record.run }, `${record.status}${record.error ? ` (${record.error})` : ''}, ${span}, ${record.succeeded} succeeded, ${record.failed} failed, ${record.missing} missing`);
      });

      const meta: ResultsMeta = { runId, target: target.name, timeScale: target.timeScale, createdAt: createdAt.toISOString(), pricesCheckedOn: PRICES_CHECKED_ON, priceRegion: PRICE_REGION, warnings: plan.warnings };
      const aggregates = aggregate(records);
      const results = writeResults(dir, meta, records, aggregates, series);
      const reference = reference2022();
      writeFileSync(join(dir, 'report.html'), renderHtml({ meta, records: results.records, aggregates, series, reference }));
      const table = renderTable(aggregates, reference, target.name, target.timeScale);
      return { dir, results, table, identity };
    } finally {
      clients.destroy();
    }
  } finally {
    await target.stop();
  }
}
