import { startXRayDaemon, type RunningXRayDaemon } from '../daemon';
import { startLambdaTrace } from '../lambda-trace';
import { XRay } from '../xray';
import { eventually, HEADER, loadXRaySdk, sendDatagrams } from './helpers';

let xray: XRay;
let daemon: RunningXRayDaemon;
let restoreEnv: (() => void) | undefined;
beforeEach(async () => {
  xray = new XRay();
  daemon = await startXRayDaemon({ xray });
});
afterEach(async () => {
  restoreEnv?.();
  restoreEnv = undefined;
  await daemon.close();
});

const now = (): number => Date.now() / 1000;
const TRACE = '1-5759e988-bd862e3fe1be46a994272793';

describe('the X-Ray daemon listener', () => {
  it('listens on 127.0.0.1 and gives its address for AWS_XRAY_DAEMON_ADDRESS', () => {
    expect(daemon.address).toBe(`127.0.0.1:${daemon.port}`);
    expect(daemon.port).toBeGreaterThan(0);
  });

  it('records a computing subsegment sent by aws-xray-sdk-core, with its annotations and metadata', async () => {
    // prepare
    const loaded = loadXRaySdk({ AWS_XRAY_DAEMON_ADDRESS: daemon.address });
    restoreEnv = loaded.restore;
    const { sdk } = loaded;
    const segment = new sdk.Segment('compute-direct');
    // act
    const sub = segment.addNewSubsegment('computing');
    sub.addAnnotation('requestId', 'req-42');
    sub.addAnnotation('caseId', 'case-7');
    sub.addMetadata('caseId', 'case-7');
    sub.close();
    segment.close();
    const computing = await xray.waitForSubsegment((s) => s.name === 'computing');
    // assert
    expect(computing).toMatchObject({
      traceId: segment.trace_id,
      parentId: segment.id,
      annotations: { requestId: 'req-42', caseId: 'case-7' },
      metadata: { default: { caseId: 'case-7' } },
      inProgress: false,
    });
    expect(xray.segments(segment.trace_id).map((s) => [s.kind, s.name])).toEqual([['segment', 'compute-direct']]);
    expect(xray.subsegments({ name: 'computing', traceId: segment.trace_id })).toHaveLength(1);
  });

  it("records the independent subsegments the SDK sends in Lambda mode, nested under the function's Invocation", async () => {
    // prepare: the trace header Lambda gives the environment
    const trace = startLambdaTrace({ functionName: 'compute-direct', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:compute-direct', mode: 'Active', receivedAtMs: Date.now(), requestId: 'r-1' });
    const loaded = loadXRaySdk({ AWS_XRAY_DAEMON_ADDRESS: daemon.address, LAMBDA_TASK_ROOT: '/var/task', _X_AMZN_TRACE_ID: trace.header });
    restoreEnv = loaded.restore;
    const start = Date.now();
    // act: what a handler does, then what Lambda records when the invocation ends
    const facade = loaded.sdk.getSegment() as InstanceType<typeof loaded.sdk.Segment>;
    const sub = facade.addNewSubsegment('computing');
    sub.addAnnotation('requestId', 'req-1');
    sub.addMetadata('caseId', 'case-1');
    sub.close();
    const computing = await xray.waitForSubsegment((s) => s.name === 'computing');
    trace.record(xray, { invocation: { startMs: start, endMs: Date.now() } });
    // assert
    expect(computing).toMatchObject({ traceId: trace.traceId, parentId: trace.invocationSubsegmentId, annotations: { requestId: 'req-1' }, metadata: { default: { caseId: 'case-1' } } });
    expect(xray.segments(trace.traceId).map((s) => s.kind).sort()).toEqual(['segment', 'segment', 'subsegment']);
    const fn = xray.trace(trace.traceId).find((d) => d['origin'] === 'AWS::Lambda::Function') as { subsegments: { name: string; subsegments?: { name: string }[] }[] };
    expect(fn.subsegments.find((s) => s.name === 'Invocation')?.subsegments?.map((s) => s.name)).toEqual(['computing']);
  });

  it('lets a complete document replace its in-progress copy, and keeps a late in-progress copy out', async () => {
    // prepare
    const base = { type: 'subsegment', id: 'aaaaaaaaaaaaaaaa', name: 'slow', trace_id: TRACE, parent_id: 'bbbbbbbbbbbbbbbb', start_time: now() };
    // act
    await sendDatagrams(daemon.port, HEADER + JSON.stringify({ ...base, in_progress: true }));
    await eventually(() => xray.stats().stored === 1, 'the in-progress subsegment');
    expect(xray.subsegments({ name: 'slow' })[0]?.inProgress).toBe(true);
    await sendDatagrams(daemon.port, HEADER + JSON.stringify({ ...base, end_time: now() }), HEADER + JSON.stringify({ ...base, in_progress: true }));
    await eventually(() => xray.stats().received === 3, 'all three documents');
    // assert
    expect(xray.subsegments({ name: 'slow' }).map((s) => s.inProgress)).toEqual([false]);
    expect(xray.stats()).toMatchObject({ stored: 2, staleInProgress: 1 });
  });

  it('counts malformed datagrams by reason and keeps serving', async () => {
    // act
    await sendDatagrams(
      daemon.port,
      'no header at all',
      '{"format":"json","version":2}\n{}',
      '{"format":"xml","version":1}\n{}',
      `${HEADER}{not json`,
      `${HEADER}{"name":"x","id":"not-an-id","trace_id":"${TRACE}","start_time":1,"end_time":2}`,
      `${HEADER}{"name":"x","id":"0123456789abcdef","trace_id":"${TRACE}","start_time":1}`,
      `${HEADER}{"name":"ok","id":"0123456789abcdef","trace_id":"${TRACE}","start_time":1,"end_time":2}`,
    );
    await eventually(() => daemon.datagrams() === 7, 'seven datagrams');
    // assert
    const stats = xray.stats();
    expect(stats.rejected).toEqual({ BadDatagramHeader: 3, MalformedJson: 1, InvalidSegment: 2, DocumentTooLarge: 0 });
    expect(stats.stored).toBe(1);
    expect(stats.recentRejections.map((r) => r.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/no header line/), expect.stringMatching(/document.id must be 16/), expect.stringMatching(/needs an end_time or in_progress/)]),
    );
    expect(daemon.socketErrors()).toBe(0);
  });

  it('refuses documents over the segment document limit', async () => {
    // prepare: a lower limit, since a 64 KB document does not fit in a UDP datagram anyway
    await daemon.close();
    xray = new XRay({ limits: { segmentDocumentBytes: 1000 } });
    daemon = await startXRayDaemon({ xray });
    const doc = JSON.stringify({ name: 'big', id: '0123456789abcdef', trace_id: TRACE, start_time: 1, end_time: 2, metadata: { default: { pad: 'x'.repeat(1000) } } });
    // act
    await sendDatagrams(daemon.port, HEADER + doc);
    await eventually(() => xray.stats().rejected.DocumentTooLarge === 1, 'the rejection');
    // assert
    expect(xray.stats().stored).toBe(0);
    expect(xray.stats().recentRejections[0]?.message).toMatch(/over the 1000-byte limit/);
  });
});
