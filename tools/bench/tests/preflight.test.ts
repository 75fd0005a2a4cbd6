import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBench } from '../src/bench';
import type { BenchOptions } from '../src/options';
import { lineProgress } from '../src/progress';
import { type FakeAws, type FakeAwsProps, startFakeAws } from './support/fake-aws';
import { tempDir, writeDatasets } from './support/datasets';
import { pointAwsAt } from './support/env';
import { awsOptions } from './support/options';

jest.setTimeout(60_000);

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('refused before anything runs', () => {
  let dir: ReturnType<typeof tempDir>;
  const started: FakeAws[] = [];
  let restore: (() => void) | undefined;

  beforeAll(() => {
    dir = tempDir('bench-preflight-');
    writeDatasets(join(dir.path, 'datasets'), [1, 10]);
  });
  afterEach(async () => {
    restore?.();
    restore = undefined;
    for (const aws of started.splice(0)) await aws.stop();
  });
  afterAll(() => dir.remove());

  async function attempt(props: { fake?: Partial<FakeAwsProps>; credentials?: boolean; endpoint?: string; outputs?: (o: FakeAws['outputs']) => unknown; options?: Partial<BenchOptions> } = {}) {
    const aws = await startFakeAws({ timeScale: 100, computeMs: 100, ...props.fake });
    started.push(aws);
    const file = join(dir.path, `outputs-${started.length}.json`);
    writeFileSync(file, JSON.stringify(props.outputs ? props.outputs(aws.outputs) : aws.outputs));
    restore = pointAwsAt(props.endpoint ?? aws.url, props.credentials ?? true);
    const run = runBench(awsOptions({ outputsFile: file, datasetDir: join(dir.path, 'datasets'), out: join(dir.path, 'results'), sizes: [1, 10], ...props.options }), {
      progress: () => lineProgress(() => undefined),
      say: () => undefined,
    });
    return { run, aws };
  }

  const noExecution = (aws: FakeAws) => expect(aws.engine.listExecutions(aws.outputs['map-in-parallel']!['stateMachineArn'] as string)).toHaveLength(0);

  it('without credentials: says which ones the default chain looks for', async () => {
    const { run, aws } = await attempt({ credentials: false });
    await expect(run).rejects.toThrow(/^no AWS credentials: the default credential chain found none .*Set AWS_PROFILE .* or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    noExecution(aws);
  });

  it('with credentials STS rejects', async () => {
    const { run, aws } = await attempt({ fake: { rejectCredentials: true } });
    await expect(run).rejects.toThrow(/credentials rejected by STS GetCallerIdentity at http:\/\/127\.0\.0\.1:\d+ \(InvalidClientTokenId: The security token included in the request is invalid\.\)/);
    noExecution(aws);
  });

  it('when the endpoint has no STS, or nothing listens there', async () => {
    const { run } = await attempt({ fake: { without: ['sts'] } });
    await expect(run).rejects.toThrow(/no STS GetCallerIdentity answer from http:\/\/127\.0\.0\.1:\d+ \(HTTP 400: .*UnknownOperationException/);
    const port = await closedPort();
    const unreachable = await attempt({ endpoint: `http://127.0.0.1:${port}` });
    await expect(unreachable.run).rejects.toThrow(new RegExp(`cannot reach STS at http://127\\.0\\.0\\.1:${port} \\(fetch failed: .*ECONNREFUSED`));
  });

  it('when a stack in the outputs file was destroyed', async () => {
    const { run, aws } = await attempt({ outputs: (o) => ({ ...o, 'map-in-parallel': { ...o['map-in-parallel'], stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:gone' } }) });
    await expect(run).rejects.toThrow(/stack 'map-in-parallel': state machine arn:aws:states:us-east-1:123456789012:stateMachine:gone does not exist \(destroyed\?\)/);
    noExecution(aws);
  });

  it('when a function named by the outputs does not exist', async () => {
    const { run } = await attempt({ outputs: (o) => ({ ...o, 'map-eventbridge-callback': { ...o['map-eventbridge-callback'], computeFunctionName: 'nope' } }) });
    await expect(run).rejects.toThrow(/stack 'map-eventbridge-callback': function nope \(from its outputs\) does not exist/);
  });

  it('when a pattern asked for has no stack', async () => {
    const { run } = await attempt({ outputs: (o) => ({ 'map-in-parallel': o['map-in-parallel'] }), options: { patterns: ['map-eventbridge-callback'] } });
    await expect(run).rejects.toThrow(/stack 'map-eventbridge-callback' is missing \(it holds 'map-in-parallel'\)/);
  });

  it('when the datasets were split for another slot count than the stack has', async () => {
    const { run, aws } = await attempt({ fake: { slotCount: 4 } });
    await expect(run).rejects.toThrow(/slotted\/dataset_1\.json holds 3 slots in "requestSlots", but the map-in-parallel stack has 4 Parallel branches/);
    noExecution(aws);
  });
});
