/**
 * Rewrites tests/fixtures/ from runs against the fake AWS (run it after a change to what the
 * patterns record): `npx tsx tools/bench/tests/support/record-fixtures.ts`.
 * - results/: results.json and series.json of both patterns at 1, 10 and 100 cases, 2 runs each;
 * - recorded/: one execution per scenario with its dataset, history, logs and output, for the
 *   measuring tests (failures caught and recorded, a case delivered twice, a lost event).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runBench } from '../../src/bench';
import { lineProgress } from '../../src/progress';
import { readDataset } from '../../src/datasets/load';
import { startFakeAws, type FakeAwsProps } from './fake-aws';
import { tempDir, writeDatasets } from './datasets';
import { pointAwsAt } from './env';
import { awsOptions } from './options';

const FIXTURES = resolve(__dirname, '..', 'fixtures');

async function bench(fake: Omit<FakeAwsProps, 'timeScale' | 'computeMs'>, sizes: number[], runs: number, datasetExtra: Parameters<typeof writeDatasets>[2] = {}) {
  const dir = tempDir('bench-fixtures-');
  const aws = await startFakeAws({ timeScale: 100, computeMs: 2000, ...fake });
  const restore = pointAwsAt(aws.url, true);
  try {
    aws.writeOutputs(join(dir.path, 'outputs.json'));
    writeDatasets(join(dir.path, 'datasets'), sizes, datasetExtra);
    const outcome = await runBench(awsOptions({ outputsFile: join(dir.path, 'outputs.json'), datasetDir: join(dir.path, 'datasets'), out: join(dir.path, 'results'), sizes, runs }), {
      progress: () => lineProgress(() => undefined),
      say: () => undefined,
      now: () => new Date('2026-12-02T10:00:00Z'),
    });
    return { dir, outcome, restore, aws };
  } catch (error) {
    restore();
    await aws.stop();
    dir.remove();
    throw error;
  }
}

function recorded(run: Awaited<ReturnType<typeof bench>>, pattern: string, size: number, name: string): void {
  const raw = JSON.parse(gunzipSync(readFileSync(join(run.outcome.dir, 'raw', `${pattern}-${size}-r1.json.gz`))).toString('utf8')) as Record<string, unknown>;
  const shape = pattern === 'map-in-parallel' ? 'slotted' : 'flat';
  const dataset = readDataset(join(run.dir.path, 'datasets', shape, `dataset_${size}.json`)).request;
  writeFileSync(join(FIXTURES, 'recorded', `${name}.json`), `${JSON.stringify({ pattern, dataset, ...raw })}\n`);
}

async function main(): Promise<void> {
  mkdirSync(join(FIXTURES, 'results'), { recursive: true });
  mkdirSync(join(FIXTURES, 'recorded'), { recursive: true });
  const steps: [Omit<FakeAwsProps, 'timeScale' | 'computeMs'>, number[], number, Parameters<typeof writeDatasets>[2], (r: Awaited<ReturnType<typeof bench>>) => void][] = [
    [{}, [1, 10, 100], 2, {}, (r) => ['results.json', 'series.json'].forEach((f) => copyFileSync(join(r.outcome.dir, f), join(FIXTURES, 'results', f)))],
    [{ toleratedFailurePercentage: 0 }, [10], 1, { failureRate: 0.3, seed: 3 }, (r) => recorded(r, 'map-in-parallel', 10, 'map-in-parallel-10-failures')],
    [{ duplicatedCases: ['3'], lostCases: ['7'], callbackTimeoutSeconds: 10 }, [10], 1, {}, (r) => recorded(r, 'map-eventbridge-callback', 10, 'callback-10-duplicate-and-lost')],
  ];
  for (const [fake, sizes, runs, extra, keep] of steps) {
    const run = await bench(fake, sizes, runs, extra);
    try {
      keep(run);
    } finally {
      run.restore();
      await run.aws.stop();
      run.dir.remove();
    }
  }
  console.log(`fixtures written under ${FIXTURES}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
