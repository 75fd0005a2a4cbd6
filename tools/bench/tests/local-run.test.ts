// The main job on its default target: the synthesized stacks deployed on the local cloud (IAM
// enforced), every pattern run, measured from its history (distributed-map from its Map Run's
// result files and the Lambda logs), and the results written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBench } from '../src/bench';
import { lineProgress } from '../src/progress';
import type { ResultsFile } from '../src/report/json-csv';
import type { RunRecord } from '../src/report/record';
import { tempDir, writeDatasets } from './support/datasets';
import { localOptions } from './support/options';

jest.setTimeout(180_000);

describe('nx run bench:run on the local cloud', () => {
  const dir = tempDir('bench-local-run-');
  let results: ResultsFile;
  let items: ResultsFile;
  let outDir: string;
  const lines: string[] = [];
  const io = { progress: () => lineProgress((l: string) => lines.push(l)), say: (l: string) => lines.push(l) };
  const byKey = (file: ResultsFile): Map<string, RunRecord> => new Map(file.records.map((r) => [`${r.series}:${r.size}`, r]));

  beforeAll(async () => {
    // prepare
    writeDatasets(join(dir.path, 'datasets'), [10, 100]);
    // act: every pattern at 10 and 100 cases, distributed-map's batch-10 series beside it; then distributed-map from an items object in S3
    const outcome = await runBench(localOptions({ sizes: [10, 100], datasetDir: join(dir.path, 'datasets'), out: join(dir.path, 'results'), distributedBatch: 10 }), io);
    results = outcome.results;
    outDir = outcome.dir;
    items = (await runBench(localOptions({ sizes: [25], patterns: ['distributed-map'], items: 's3', datasetDir: join(dir.path, 'datasets'), out: join(dir.path, 'items') }), io)).results;
  });
  afterAll(() => dir.remove());

  it('runs every deployed pattern and the batch-10 series at every size and accounts for every case', () => {
    expect([...byKey(results).keys()].sort()).toEqual(
      ['distributed-map (batch 10):10', 'distributed-map (batch 10):100', 'distributed-map:10', 'distributed-map:100', 'map-eventbridge-callback:10', 'map-eventbridge-callback:100', 'map-in-parallel:10', 'map-in-parallel:100'],
    );
    for (const r of results.records) expect(r).toMatchObject({ target: 'local', status: 'SUCCEEDED', succeeded: r.size, failed: 0, missing: 0, countsFrom: 'summary', logs: 'complete' });
  });

  it('measures each design close to its ideal: one 5 s wave for 100 cases in 3 × 40 or 100 children, three waves for 40 at a time', () => {
    const records = byKey(results);
    expect(records.get('map-in-parallel:100')?.idealMakespanMs).toBe(5000);
    expect(records.get('map-eventbridge-callback:100')?.idealMakespanMs).toBe(15_000);
    // 100 children started 1 ms apart (1,000 Express children a second), or 10 batches of 10
    expect(records.get('distributed-map:100')?.idealMakespanMs).toBe(5099);
    expect(records.get('distributed-map (batch 10):100')?.idealMakespanMs).toBe(5009);
    for (const r of results.records) {
      const ideal = r.idealMakespanMs ?? 0;
      expect(r.makespanMs).toBeGreaterThanOrEqual(ideal);
      expect(r.makespanMs).toBeLessThan(ideal * 1.5);
      expect(r.peakConcurrency).toBeLessThanOrEqual(r.concurrencyCeiling);
    }
  });

  it('measures distributed-map from its Map Run: children, result files, S3 and Express units; no fan-in, no retries in any history', () => {
    const unbatched = byKey(results).get('distributed-map:100') as RunRecord;
    const batched = byKey(results).get('distributed-map (batch 10):100') as RunRecord;
    expect(unbatched).toMatchObject({ maxItemsPerBatch: null, itemSource: 'request', childExecutions: 100, childExecutionsFailed: 0, fanInBytes: null, retries: null, concurrencyCeiling: 1000, peakConcurrency: 100 });
    expect(unbatched.mapRunItems).toMatchObject({ total: 100, succeeded: 100 });
    expect(unbatched.mapRunExecutions).toMatchObject({ total: 100, succeeded: 100 });
    expect(unbatched.resultWriter?.manifestKey).toMatch(/^results\/[0-9a-f-]+\/manifest\.json$/);
    expect(unbatched.units).toMatchObject({ expressRequests: 100, s3PutRequests: 2, s3GetRequests: 2 });
    expect(unbatched.mapRunMs).toBeLessThanOrEqual(unbatched.makespanMs as number);
    expect(unbatched.historyEvents).toBeLessThan(25);
    expect(batched).toMatchObject({ maxItemsPerBatch: 10, childExecutions: 10, peakConcurrency: 10, lambdaPeakConcurrency: 100 });
    expect(batched.units.expressRequests).toBe(10);
    // ten times fewer children: fewer Express requests and GB-seconds for the same cases
    expect(batched.costByUnitUsd.expressGbSeconds).toBeLessThan(unbatched.costByUnitUsd.expressGbSeconds / 5);
    expect(batched.costUsd).toBeLessThan(unbatched.costUsd);
    expect(lines).toContain('bench: distributed-map (batch 10): infra synthesized with FANOUT_DISTRIBUTED_MAX_ITEMS_PER_BATCH=10, on a local cloud of its own');
  });

  it('runs distributed-map from an items object it uploaded to the stack\u2019s bucket, and counts every case', () => {
    const [record] = items.records;
    expect(record).toMatchObject({ series: 'distributed-map', size: 25, status: 'SUCCEEDED', succeeded: 25, missing: 0, itemSource: 's3', childExecutions: 25, countsFrom: 'summary' });
    // the items upload and the ItemReader's and the Summary's reads of it, beside the ResultWriter's files
    expect(record?.units).toMatchObject({ s3PutRequests: 3, s3GetRequests: 4 });
    expect(record?.historyEvents).toBe(21);
  });

  it('writes the results and the report, and says where', () => {
    for (const file of ['results.json', 'results.csv', 'report.html']) expect(existsSync(join(outDir, file))).toBe(true);
    expect(JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8'))).toMatchObject({ target: 'local' });
    expect(lines.some((l) => l.startsWith('bench: local target as '))).toBe(true);
  });
});
