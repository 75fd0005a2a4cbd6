import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyEvents } from '@fanout/shared-types';
import { runBench } from '../src/bench';
import type { ResultsFile } from '../src/report/json-csv';
import { lineProgress } from '../src/progress';
import { type FakeAws, startFakeAws } from './support/fake-aws';
import { tempDir, writeDatasets } from './support/datasets';
import { pointAwsAt } from './support/env';
import { awsOptions } from './support/options';

jest.setTimeout(120_000);

describe('--target aws against a local endpoint (outputs file + AWS_ENDPOINT_URL)', () => {
  let aws: FakeAws;
  let dir: ReturnType<typeof tempDir>;
  let restore: () => void;
  let results: ResultsFile;
  let outDir: string;
  const lines: string[] = [];

  beforeAll(async () => {
    // prepare
    dir = tempDir('bench-aws-');
    aws = await startFakeAws({ timeScale: 100, computeMs: 2000 });
    aws.writeOutputs(join(dir.path, 'deploy-outputs.json'));
    writeDatasets(join(dir.path, 'datasets'), [1, 10, 50]);
    restore = pointAwsAt(aws.url, true);
    // act
    const outcome = await runBench(awsOptions({ outputsFile: join(dir.path, 'deploy-outputs.json'), datasetDir: join(dir.path, 'datasets'), out: join(dir.path, 'results'), sizes: [1, 10, 50], runs: 2 }), {
      progress: () => lineProgress((l) => lines.push(l)),
      say: (l) => lines.push(l),
    });
    results = outcome.results;
    outDir = outcome.dir;
  });

  afterAll(async () => {
    restore?.();
    await aws?.stop();
    dir?.remove();
  });

  it('runs every deployed pattern, every size, every run, and records each', () => {
    expect(results.records.map((r) => `${r.pattern}:${r.size}:${r.run}`).sort()).toEqual(
      ['map-eventbridge-callback', 'map-in-parallel'].flatMap((p) => [1, 10, 50].flatMap((s) => [1, 2].map((r) => `${p}:${s}:${r}`))).sort(),
    );
    for (const r of results.records) {
      expect(r).toMatchObject({ target: 'aws', status: 'SUCCEEDED', succeeded: r.size, failed: 0, missing: 0, countsFrom: 'summary', logs: 'complete', notes: [] });
    }
  });

  it('measures makespan from the history: at least one 2 s wave, within the ideal plus overhead', () => {
    for (const r of results.records) {
      expect(r.makespanMs).toBeGreaterThanOrEqual(2000);
      expect(r.idealMakespanMs).toBe(r.pattern === 'map-in-parallel' ? 2000 : Math.ceil(r.size / 40) * 2000);
    }
  });

  it('counts the history events the shared model predicts', () => {
    for (const r of results.records) {
      const pattern = r.pattern as 'map-in-parallel' | 'map-eventbridge-callback';
      expect(r.historyEvents).toBe(historyEvents(pattern, { succeeded: r.size }, 3));
    }
  });

  it('never runs more than one inline Map allows at once', () => {
    for (const r of results.records) {
      expect(r.concurrencyCeiling).toBe(r.pattern === 'map-in-parallel' ? 120 : 40);
      expect(r.peakConcurrency).toBeLessThanOrEqual(Math.min(r.size, r.concurrencyCeiling));
      expect(r.peakConcurrency).toBeGreaterThan(0);
      expect(r.lambdaPeakConcurrency).toBeLessThanOrEqual(r.peakConcurrency);
    }
    const callback50 = results.records.find((r) => r.pattern === 'map-eventbridge-callback' && r.size === 50);
    expect(callback50?.peakConcurrency).toBe(40);
  });

  it('reads the Lambda logs: one billed invocation per case plus the Summary, and the callback delivery delay', () => {
    for (const r of results.records) {
      expect(r.lambdaInvocations).toBe(r.size + 1);
      expect(r.costLambdaFrom).toBe('logs');
      expect(r.lambdaPeakConcurrency).toBeGreaterThan(0);
      if (r.pattern === 'map-eventbridge-callback') expect(r.p50DeliveryMs).toBeGreaterThanOrEqual(30);
      else expect(r.p50DeliveryMs).toBeNull();
    }
  });

  it('prices the counted units', () => {
    for (const r of results.records) {
      expect(r.units.xrayTraces).toBe(1);
      expect(r.units.eventBridgeEvents).toBe(r.pattern === 'map-eventbridge-callback' ? r.size : 0);
      expect(r.units.lambdaGbSeconds).toBeGreaterThan(0);
      expect(r.costUsd).toBeCloseTo(Object.values(r.costByUnitUsd).reduce((a, b) => a + b, 0), 12);
      expect(r.costPer1000CasesUsd).toBeCloseTo((r.costUsd / r.size) * 1000, 12);
    }
  });

  it('writes results.json, results.csv, series.json, report.html and the raw histories', () => {
    for (const f of ['results.json', 'results.csv', 'series.json', 'report.html']) expect(existsSync(join(outDir, f))).toBe(true);
    expect(readFileSync(join(outDir, 'results.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 12);
    expect(existsSync(join(outDir, 'raw', 'map-in-parallel-50-r2.json.gz'))).toBe(true);
    expect(results.aggregates).toHaveLength(6);
  });

  it('tells the user which identity and endpoint it runs against, and every run as it ends', () => {
    expect(lines[0]).toMatch(/^bench: aws target as arn:aws:iam::123456789012:user\/bench/);
    expect(lines.filter((l) => /^\[\d+\/12\] .*: SUCCEEDED/.test(l))).toHaveLength(12);
  });
});
