import { join } from 'node:path';
import { runBench } from '../src/bench';
import type { ResultsFile } from '../src/report/json-csv';
import { lineProgress } from '../src/progress';
import { type FakeAws, startFakeAws } from './support/fake-aws';
import { tempDir, writeDatasets } from './support/datasets';
import { pointAwsAt } from './support/env';
import { awsOptions } from './support/options';

jest.setTimeout(60_000);

describe('a target without CloudWatch Logs, Lambda configuration or SQS', () => {
  let aws: FakeAws;
  let dir: ReturnType<typeof tempDir>;
  let restore: () => void;
  let results: ResultsFile;
  const said: string[] = [];

  beforeAll(async () => {
    // prepare
    dir = tempDir('bench-degrade-');
    aws = await startFakeAws({ timeScale: 100, computeMs: 1000, without: ['logs', 'lambda', 'sqs'] });
    aws.writeOutputs(join(dir.path, 'outputs.json'));
    writeDatasets(join(dir.path, 'datasets'), [10]);
    restore = pointAwsAt(aws.url, true);
    // act
    const outcome = await runBench(awsOptions({ outputsFile: join(dir.path, 'outputs.json'), datasetDir: join(dir.path, 'datasets'), out: join(dir.path, 'results'), sizes: [10] }), {
      progress: () => lineProgress(() => undefined),
      say: (l) => said.push(l),
    });
    results = outcome.results;
  });
  afterAll(async () => {
    restore?.();
    await aws?.stop();
    dir?.remove();
  });

  it('still measures everything the history gives', () => {
    for (const r of results.records) expect(r).toMatchObject({ status: 'SUCCEEDED', succeeded: 10, failed: 0, logs: 'unavailable', lambdaPeakConcurrency: null, p50DeliveryMs: null });
    expect(results.records.every((r) => (r.makespanMs ?? 0) >= 1000 && r.peakConcurrency === 10)).toBe(true);
  });

  it('estimates the Lambda cost from the task durations at infra default memory, and says so', () => {
    for (const r of results.records) {
      expect(r.costLambdaFrom).toBe('history');
      expect(r.units.lambdaGbSeconds).toBeGreaterThanOrEqual(10 * 1 * 0.25);
      expect(r.notes).toEqual(expect.arrayContaining([expect.stringMatching(/GetFunctionConfiguration failed .*cost uses infra's defaults \(256 MB, arm64\)/), expect.stringMatching(/^Lambda logs unavailable: FilterLogEvents on \/aws\/lambda\/.* failed.*; GB-s estimated from task durations$/)]));
    }
    expect(said.some((l) => /^bench: warning: .*GetFunctionConfiguration failed/.test(l))).toBe(true);
  });

  it('says the failure queues could not be read, for the pattern that has them', () => {
    const callback = results.records.find((r) => r.pattern === 'map-eventbridge-callback');
    expect(callback?.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^failure queues could not be read \(rule DLQ .*\): SQS requests not counted$/)]));
    expect(results.records.find((r) => r.pattern === 'map-in-parallel')?.notes.some((n) => n.includes('failure queues'))).toBe(false);
  });
});
