/**
 * Rewrites tests/fixtures/ (run it after a change to what the patterns record):
 * `npx tsx tools/bench/tests/support/record-fixtures.ts`.
 * - results/: results.json and series.json of a real local run (the synthesized stacks on the
 *   local cloud, IAM enforced, time scale 100): every pattern and distributed-map's batch-10
 *   series at 1, 10 and 100 cases, 2 runs each;
 * - recorded/: one execution per scenario with its dataset, history, logs, output (and for
 *   distributed-map its Map Run and result files), for the measuring tests: from the fake AWS,
 *   failures caught and recorded, a case delivered twice, a lost event; from the local cloud,
 *   distributed-map with failures, and its batch-10 series reading its items from S3.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type BenchOptions } from '../../src/options';
import { runBench } from '../../src/bench';
import { lineProgress } from '../../src/progress';
import { readDataset } from '../../src/datasets/load';
import { seriesSlug } from '../../src/run';
import { startFakeAws, type FakeAwsProps } from './fake-aws';
import { tempDir, writeDatasets } from './datasets';
import { pointAwsAt } from './env';
import { portable } from './portable';
import { awsOptions, localOptions } from './options';

const FIXTURES = resolve(__dirname, '..', 'fixtures');
const NOW = () => new Date('2026-12-02T10:00:00Z');
type DatasetExtra = Parameters<typeof writeDatasets>[2];
type Bench = Awaited<ReturnType<typeof runBench>> & { datasets: string };
/** Every scratch folder, removed when the recording ends. */
const scratch: { remove(): void }[] = [];
const scratchDir = (): ReturnType<typeof tempDir> => {
  const dir = tempDir('bench-fixtures-');
  scratch.push(dir);
  return dir;
};

async function awsBench(fake: Omit<FakeAwsProps, 'timeScale' | 'computeMs'>, sizes: number[], extra: DatasetExtra = {}): Promise<Bench> {
  const dir = scratchDir();
  const aws = await startFakeAws({ timeScale: 100, computeMs: 2000, ...fake });
  const restore = pointAwsAt(aws.url, true);
  try {
    aws.writeOutputs(join(dir.path, 'outputs.json'));
    writeDatasets(join(dir.path, 'datasets'), sizes, extra);
    const outcome = await runBench(awsOptions({ outputsFile: join(dir.path, 'outputs.json'), datasetDir: join(dir.path, 'datasets'), out: join(dir.path, 'results'), sizes, runs: 1 }), {
      progress: () => lineProgress(() => undefined),
      say: () => undefined,
      now: NOW,
    });
    return { ...outcome, datasets: join(dir.path, 'datasets') };
  } finally {
    restore();
    await aws.stop();
  }
}

async function localBench(options: Partial<BenchOptions> & Pick<BenchOptions, 'sizes' | 'runs'>, extra: DatasetExtra = {}): Promise<Bench> {
  const dir = scratchDir();
  writeDatasets(join(dir.path, 'datasets'), options.sizes, extra);
  const outcome = await runBench(localOptions({ datasetDir: join(dir.path, 'datasets'), out: join(dir.path, 'results'), ...options }), {
    progress: () => lineProgress(() => undefined),
    say: () => undefined,
    now: NOW,
  });
  return { ...outcome, datasets: join(dir.path, 'datasets') };
}

function recorded(run: Bench, series: string, pattern: string, size: number, name: string, extra: Record<string, unknown> = {}): void {
  const raw = JSON.parse(gunzipSync(readFileSync(join(run.dir, 'raw', `${seriesSlug(series)}-${size}-r1.json.gz`))).toString('utf8')) as Record<string, unknown>;
  const shape = pattern === 'map-in-parallel' ? 'slotted' : 'flat';
  const dataset = readDataset(join(run.datasets, shape, `dataset_${size}.json`)).request;
  writeFileSync(join(FIXTURES, 'recorded', `${name}.json`), portable(`${JSON.stringify({ pattern, series, dataset, ...extra, ...raw })}\n`));
}

async function main(): Promise<void> {
  mkdirSync(join(FIXTURES, 'results'), { recursive: true });
  mkdirSync(join(FIXTURES, 'recorded'), { recursive: true });
  const all = await localBench({ sizes: [1, 10, 100], runs: 2, distributedBatch: 10 });
  for (const file of ['results.json', 'series.json']) writeFileSync(join(FIXTURES, 'results', file), portable(readFileSync(join(all.dir, file), 'utf8')));
  recorded(await awsBench({ toleratedFailurePercentage: 0 }, [10], { failureRate: 0.3, seed: 3 }), 'map-in-parallel', 'map-in-parallel', 10, 'map-in-parallel-10-failures');
  recorded(await awsBench({ duplicatedCases: ['3'], lostCases: ['7'], callbackTimeoutSeconds: 10 }, [10]), 'map-eventbridge-callback', 'map-eventbridge-callback', 10, 'callback-10-duplicate-and-lost');
  const failures = await localBench({ sizes: [10], runs: 1, patterns: ['distributed-map'] }, { failureRate: 0.3, seed: 3 });
  recorded(failures, 'distributed-map', 'distributed-map', 10, 'distributed-map-10-failures', { itemSource: 'request' });
  const items = await localBench({ sizes: [25], runs: 1, patterns: ['distributed-map'], items: 's3', distributedBatch: 10 });
  recorded(items, 'distributed-map (batch 10)', 'distributed-map', 25, 'distributed-map-batch-10-25-items', { itemSource: 's3' });
  console.log(`fixtures written under ${FIXTURES}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => scratch.forEach((dir) => dir.remove()));
