// The main job on its default target: the synthesized stacks deployed on the local cloud (IAM
// enforced), every pattern run, measured from its history, and the results written.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBench } from '../src/bench';
import { DEFAULT_RUN_TIMEOUT_SECONDS } from '../src/options';
import { lineProgress } from '../src/progress';
import type { ResultsFile } from '../src/report/json-csv';
import { tempDir, writeDatasets } from './support/datasets';

jest.setTimeout(120_000);

describe('nx run bench:run on the local cloud', () => {
  const dir = tempDir('bench-local-run-');
  let results: ResultsFile;
  let outDir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    // prepare
    writeDatasets(join(dir.path, 'datasets'), [10, 100]);
    // act
    const outcome = await runBench(
      { sizes: [10, 100], runs: 1, timeScale: 100, target: 'local', datasetDir: join(dir.path, 'datasets'), out: join(dir.path, 'results'), outputsFile: '', allowOverCeiling: false, runTimeoutSeconds: DEFAULT_RUN_TIMEOUT_SECONDS, screenshot: false },
      { progress: () => lineProgress((l) => lines.push(l)), say: (l) => lines.push(l) },
    );
    results = outcome.results;
    outDir = outcome.dir;
  });
  afterAll(() => dir.remove());

  it('runs every deployed pattern at every size and accounts for every case', () => {
    expect(results.records.map((r) => `${r.pattern}:${r.size}`).sort()).toEqual(['map-eventbridge-callback:10', 'map-eventbridge-callback:100', 'map-in-parallel:10', 'map-in-parallel:100']);
    for (const r of results.records) expect(r).toMatchObject({ target: 'local', status: 'SUCCEEDED', succeeded: r.size, failed: 0, missing: 0, countsFrom: 'summary', logs: 'complete' });
  });

  it('measures each design close to its ideal: one 5 s wave for 100 cases in 3 × 40, three waves for 40 at a time', () => {
    const byKey = new Map(results.records.map((r) => [`${r.pattern}:${r.size}`, r]));
    expect(byKey.get('map-in-parallel:100')?.idealMakespanMs).toBe(5000);
    expect(byKey.get('map-eventbridge-callback:100')?.idealMakespanMs).toBe(15_000);
    for (const r of results.records) {
      const ideal = r.idealMakespanMs ?? 0;
      expect(r.makespanMs).toBeGreaterThanOrEqual(ideal);
      expect(r.makespanMs).toBeLessThan(ideal * 1.5);
      expect(r.peakConcurrency).toBeLessThanOrEqual(r.concurrencyCeiling);
    }
  });

  it('writes the results and the report, and says where', () => {
    for (const file of ['results.json', 'results.csv', 'report.html']) expect(existsSync(join(outDir, file))).toBe(true);
    expect(JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8'))).toMatchObject({ target: 'local' });
    expect(lines.some((l) => l.startsWith('bench: local target as '))).toBe(true);
  });
});
