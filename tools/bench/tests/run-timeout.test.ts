import { join } from 'node:path';
import { runBench } from '../src/bench';
import { lineProgress } from '../src/progress';
import { startFakeAws } from './support/fake-aws';
import { tempDir, writeDatasets } from './support/datasets';
import { pointAwsAt } from './support/env';
import { awsOptions } from './support/options';

jest.setTimeout(60_000);

describe('a run that does not end', () => {
  it('is stopped after --run-timeout, and recorded with what the history shows', async () => {
    // prepare: the callback event of the only case is lost and its task waits 3,000 s (30 s of
    // real time at the fake's scale of 100; the aws target itself runs in real time, so its 1 s
    // run timeout comes after about 100 simulated seconds)
    const dir = tempDir('bench-timeout-');
    const aws = await startFakeAws({ timeScale: 100, computeMs: 1000, lostCases: ['0'], callbackTimeoutSeconds: 3000 });
    const restore = pointAwsAt(aws.url, true);
    const lines: string[] = [];
    try {
      aws.writeOutputs(join(dir.path, 'outputs.json'));
      writeDatasets(join(dir.path, 'datasets'), [1]);
      // act
      const { results } = await runBench(
        awsOptions({ outputsFile: join(dir.path, 'outputs.json'), datasetDir: join(dir.path, 'datasets'), out: join(dir.path, 'results'), patterns: ['map-eventbridge-callback'], runTimeoutSeconds: 1 }),
        { progress: () => lineProgress((l) => lines.push(l)), say: () => undefined },
      );
      // assert
      const [record] = results.records;
      expect(record).toMatchObject({ status: 'ABORTED', countsFrom: 'history', succeeded: 0, failed: 0, missing: 1 });
      expect(record?.makespanMs).toBeGreaterThan(50_000);
      expect(record?.makespanMs).toBeLessThan(3_000_000);
      expect(record?.notes[0]).toMatch(/^no Summary \(execution ABORTED/);
      expect(lines).toContain('map-eventbridge-callback 1 run 1: stopped (the run passed --run-timeout 1 s)');
    } finally {
      restore();
      await aws.stop();
      dir.remove();
    }
  });
});
