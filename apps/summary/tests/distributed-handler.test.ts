import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createLogger } from '@fanout/lambda-log';
import type { Summary } from '@fanout/shared-types';
import { createDistributedSummaryHandler } from '../src/distributed-handler';
import { failed, item, manifest, succeeded } from './support/map-run';

const BUCKET = 'fanout-distributed-map-123456789012-us-east-1';
const MANIFEST = 'results/0f0f/manifest.json';
const resultWriterDetails = { Bucket: BUCKET, Key: MANIFEST };
const s3 = mockClient(S3Client);

/** Serves these objects of BUCKET through the mocked S3 client (GetObject's Body as the SDK gives it). */
function serve(objects: Record<string, string>): void {
  s3.reset();
  s3.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string }) => {
    const text = input.Bucket === BUCKET ? objects[input.Key] : undefined;
    if (text === undefined) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: { transformToString: async () => text } };
  });
}

function setup() {
  const lines: string[] = [];
  const published: Summary[] = [];
  const handler = createDistributedSummaryHandler({ logger: createLogger({ level: 'info', write: (l) => void lines.push(l) }), publishMetrics: (summary) => void published.push(summary) });
  return { handler, lines, published };
}

afterAll(() => s3.restore());

describe('distributed-map summary handler', () => {
  it('counts every case of an inline request from the manifest and its result files: succeeded, failed with its reason, missing, duplicated', async () => {
    // prepare: 0 and 1 computed (1 twice), 2 failed in its child, 3 failed outright (timeout), 4 never came back
    serve({
      [MANIFEST]: manifest(BUCKET, { SUCCEEDED: ['results/0f0f/SUCCEEDED_0.json'], FAILED: ['results/0f0f/FAILED_0.json'], PENDING: ['results/0f0f/PENDING_0.json'] }),
      'results/0f0f/SUCCEEDED_0.json': JSON.stringify([
        succeeded(item('0'), { caseId: '0', durationMs: 5001 }),
        succeeded(item('1'), { caseId: '1', durationMs: 5003 }),
        succeeded(item('1'), { caseId: '1', durationMs: 5009 }),
        succeeded(item('2'), { caseId: '2', error: 'ComputationFailed' }),
      ]),
      'results/0f0f/FAILED_0.json': JSON.stringify([failed(item('3'), 'States.Timeout', 'The execution timed out.')]),
    });
    const { handler, lines, published } = setup();

    // act
    const summary = await handler({ requestId: 'r1', resultWriterDetails, expectedCaseIds: ['0', '1', '2', '3', '4'] }, { awsRequestId: 'l-1' });

    // assert
    expect(summary).toMatchObject({
      requestId: 'r1', expected: 5, cases: 4, succeeded: 2, failed: 2, missing: ['4'], duplicated: ['1'], unfinished: 3, unfinishedPercentage: 60,
      failures: [{ caseId: '2', error: 'ComputationFailed' }, { caseId: '3', error: 'States.Timeout', cause: 'The execution timed out.' }],
      failuresByError: { ComputationFailed: 1, 'States.Timeout': 1 },
      durationMs: { min: 5001, max: 5003, total: 10_004 },
    });
    expect(published).toEqual([summary]);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.find((l) => l['message'] === 'summary')).toMatchObject({ requestId: 'r1', awsRequestId: 'l-1', summary });
    expect(logged.find((l) => l['level'] === 'warn')).toMatchObject({ pendingFiles: 1 });
    // PENDING files are not read: their cases are missing either way.
    expect(s3.commandCalls(GetObjectCommand).map((c) => c.args[0].input.Key)).toEqual([MANIFEST, 'results/0f0f/SUCCEEDED_0.json', 'results/0f0f/FAILED_0.json']);
  });

  it('reads what an items request asked for from its items object (JSON Lines), and batches of outcomes', async () => {
    // prepare: the ItemReader read 3 items, one without a caseId; the children ran batches of 2
    serve({
      'inputs/r2.jsonl': '{"caseId":"a"}\n{"caseId":"b"}\n{"durationMs":3}\n',
      [MANIFEST]: manifest(BUCKET, { SUCCEEDED: ['results/0f0f/SUCCEEDED_0.json'] }),
      'results/0f0f/SUCCEEDED_0.json': JSON.stringify([
        succeeded({ Items: [{ caseId: 'a' }, { caseId: 'b' }], BatchInput: { requestId: 'r2' } }, [{ caseId: 'a', durationMs: 10 }, { caseId: 'b', durationMs: 20 }]),
        succeeded({ Items: [{ durationMs: 3 }], BatchInput: { requestId: 'r2' } }, [{ error: 'ValidationError' }]),
      ]),
    });
    const { handler, lines } = setup();

    // act
    const summary = await handler({ requestId: 'r2', resultWriterDetails, items: { bucket: BUCKET, key: 'inputs/r2.jsonl', inputType: 'JSONL' } });

    // assert
    expect(summary).toMatchObject({ expected: 2, cases: 3, succeeded: 2, failed: 1, missing: [], failures: [{ caseId: '(invalid caseId at SUCCEEDED_0.json[1].Output[0])', error: 'ValidationError' }] });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'warn', itemsWithoutCaseId: 1 });
  });

  it('throws a ValidationError naming the result file and place of a malformed entry, and logs it', async () => {
    // prepare
    serve({ [MANIFEST]: manifest(BUCKET, { SUCCEEDED: ['results/0f0f/SUCCEEDED_0.json'] }), 'results/0f0f/SUCCEEDED_0.json': JSON.stringify([{ Status: 'SUCCEEDED', Input: '{}', Output: '{"caseId":"0"}' }]) });
    const { handler, lines } = setup();

    // act
    const error = await handler({ requestId: 'r1', resultWriterDetails, expectedCaseIds: ['0'] }).catch((e: unknown) => e);

    // assert
    expect(error).toMatchObject({ name: 'ValidationError', message: expect.stringContaining(`s3://${BUCKET}/${MANIFEST}`) });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'error', issues: [{ path: 'SUCCEEDED_0.json[0].Output.durationMs' }] });
  });

  it('refuses an event that names neither expected caseIds nor an items object, before reading anything', async () => {
    // prepare
    serve({});
    const { handler } = setup();

    // act
    const error = await handler({ requestId: 'r1', resultWriterDetails }).catch((e: unknown) => e);

    // assert
    expect(error).toMatchObject({ name: 'ValidationError' });
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it("passes an S3 error on as the SDK raises it (the state machine's Retry and Catch see its name)", async () => {
    // prepare
    serve({});
    const { handler } = setup();

    // act
    const error = await handler({ requestId: 'r1', resultWriterDetails, expectedCaseIds: [] }).catch((e: unknown) => e);

    // assert
    expect(error).toMatchObject({ name: 'NoSuchKey' });
  });
});
