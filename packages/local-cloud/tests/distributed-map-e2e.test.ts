// The distributed-map pattern as `infra:synth` wrote it, deployed with its IAM enforced: a
// Standard parent over Express children invoking compute-direct, items inline or from S3,
// results through ResultWriter to the stack's bucket, then the Summary reading the Map Run.
import { DescribeMapRunCommand, ListMapRunsCommand } from '@aws-sdk/client-sfn';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { deployStacks, flatRequest, runExecution, type Deployed, type Run } from './support/deployed-stacks';

const PATTERN = 'distributed-map';

let d: Deployed;
let s3: S3Client;
const runs: Record<string, Run> = {};
const out = (key: string): string => d.outputs(PATTERN)[key] as string;

/** Cases as JSON Lines in the stack's bucket, under its items prefix, as data-gen --items writes them. */
async function uploadItems(key: string, n: number): Promise<{ itemsBucket: string; itemsKey: string }> {
  const body = Array.from({ length: n }, (_, i) => JSON.stringify({ caseId: String(i) })).join('\n') + '\n';
  const itemsKey = `${out('itemsPrefix')}${key}`;
  await s3.send(new PutObjectCommand({ Bucket: out('bucketName'), Key: itemsKey, Body: body }));
  return { itemsBucket: out('bucketName'), itemsKey };
}

beforeAll(async () => {
  // prepare
  d = await deployStacks({ timeScale: 100 });
  s3 = new S3Client({ endpoint: d.running.url, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' } });
  // act
  runs['inline'] = await runExecution(d, PATTERN, flatRequest('inline', 1000), 120_000);
  runs['failures'] = await runExecution(d, PATTERN, flatRequest('failures', 20, { 3: { failure: { error: 'ComputationFailed', cause: 'injected' } }, 8: { colour: 'blue' } }));
  runs['items'] = await runExecution(d, PATTERN, { requestId: 'items', ...(await uploadItems('items-2000.jsonl', 2000)) }, 120_000);
  runs['both'] = await runExecution(d, PATTERN, { ...flatRequest('both', 2), itemsBucket: out('bucketName'), itemsKey: `${out('itemsPrefix')}x.jsonl` });
  runs['elsewhere'] = await runExecution(d, PATTERN, { requestId: 'elsewhere', itemsBucket: 'someone-elses-bucket', itemsKey: 'inputs/x.jsonl' });
}, 300_000);
afterAll(async () => {
  s3.destroy();
  await d.stop();
});

describe('distributed-map, deployed from its stack', () => {
  it('runs 1,000 cases as 1,000 Express children at once and summarises every one', () => {
    const run = runs['inline'] as Run;
    expect(run).toMatchObject({ status: 'SUCCEEDED', summary: { expected: 1000, cases: 1000, succeeded: 1000, failed: 0, missing: [], duplicated: [] } });
    const fn = d.running.cloud.lambda.metrics(out('computeFunctionName'));
    expect(fn.ConcurrentExecutionsPeak).toBeGreaterThan(900);
    // The parent's history does not grow with the cases: the children are executions of their own.
    expect(run.events.length).toBeLessThan(25);
    expect(run.eventTypes).toMatchObject({ MapRunStarted: 1, MapRunSucceeded: 1 });
  });

  it('records each failed case with its reason, then fails the execution over the 0 % tolerated', () => {
    const run = runs['failures'] as Run;
    expect(run).toMatchObject({ status: 'FAILED', error: 'FailureThresholdExceeded' });
    expect(run.summary).toMatchObject({ cases: 20, succeeded: 18, failed: 2, missing: [], failuresByError: { ComputationFailed: 1, ValidationError: 1 } });
  });

  it('reads 2,000 cases from a JSON Lines object in S3 and counts every one', () => {
    expect(runs['items']).toMatchObject({ status: 'SUCCEEDED', summary: { expected: 2000, cases: 2000, succeeded: 2000, missing: [] } });
  });

  it('writes the Map Run through ResultWriter: a manifest naming its result files, in the stack\u2019s bucket under results/', async () => {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: out('bucketName'), Prefix: out('resultsPrefix') }));
    const manifests = (listed.Contents ?? []).map((o) => o.Key as string).filter((k) => k.endsWith('manifest.json'));
    expect(manifests.length).toBeGreaterThanOrEqual(3);
    const manifest = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: out('bucketName'), Key: manifests[0] }))).Body!.transformToString()) as Record<string, unknown>;
    expect(manifest).toMatchObject({ DestinationBucket: out('bucketName'), MapRunArn: expect.stringMatching(/:mapRun:fanout-distributed-map\//), ResultFiles: expect.any(Object) });
  });

  it('answers the Map Run APIs for the run', async () => {
    const started = (runs['items'] as Run).events.find((e) => e.type === 'MapRunStarted');
    const mapRunArn = started?.mapRunStartedEventDetails?.mapRunArn as string;
    const described = await d.sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    const listed = await d.sfn.send(new ListMapRunsCommand({ executionArn: described.executionArn }));
    expect(listed.mapRuns?.map((m) => m.mapRunArn)).toEqual([mapRunArn]);
    expect(described).toMatchObject({ status: 'SUCCEEDED', maxConcurrency: 1000, itemCounts: { total: 2000, succeeded: 2000, failed: 0 }, executionCounts: { total: 2000, succeeded: 2000 } });
  });

  it('refuses a request that names both its cases and an items object, or an items object outside its bucket, before computing anything', () => {
    for (const run of [runs['both'], runs['elsewhere']] as Run[]) {
      expect(run).toMatchObject({ status: 'FAILED', error: 'InvalidRequest' });
      expect(run.eventTypes['MapRunStarted']).toBeUndefined();
    }
  });

  it('made every call under the stack\u2019s own IAM, and IAM refused none', () => {
    expect(d.running.cloud.iam?.log.counts().denied).toBe(0);
  });
});
