import { startLambdaTrace, type LambdaTraceProps } from '../lambda-trace';
import { formatTraceHeader, newTraceId, parseTraceHeader } from '../trace-header';
import { XRay } from '../xray';

const T0 = Date.UTC(2026, 0, 15, 12);
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:compute-direct';
const props = (extra: Partial<LambdaTraceProps> = {}): LambdaTraceProps => ({ functionName: 'compute-direct', functionArn: ARN, mode: 'Active', receivedAtMs: T0, requestId: 'req-1', ...extra });

describe('trace headers', () => {
  it('builds trace ids from the epoch second and 96 random bits', () => {
    expect(newTraceId(T0)).toMatch(new RegExp(`^1-${(T0 / 1000).toString(16)}-[0-9a-f]{24}$`));
    expect(newTraceId(T0)).not.toBe(newTraceId(T0));
  });

  it('parses and formats Root, Parent and Sampled, ignoring other fields', () => {
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a:1';
    expect(parseTraceHeader(header)).toEqual({ root: '1-5759e988-bd862e3fe1be46a994272793', parent: '53995c3f42cd8ad8', sampled: true });
    expect(formatTraceHeader({ root: '1-5759e988-bd862e3fe1be46a994272793', parent: '53995c3f42cd8ad8', sampled: false })).toBe('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0');
    expect(parseTraceHeader('Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=?')).toEqual({ root: '1-5759e988-bd862e3fe1be46a994272793' });
    expect(parseTraceHeader('Root=garbage')).toBeUndefined();
  });
});

describe("Lambda's own segments", () => {
  it('gives the function a sampled header whose Parent is the Invocation subsegment', () => {
    const trace = startLambdaTrace(props());
    expect(trace.header).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1$/);
    expect(parseTraceHeader(trace.header)).toEqual({ root: trace.traceId, parent: trace.invocationSubsegmentId, sampled: true });
  });

  it('records AWS::Lambda and AWS::Lambda::Function with Initialization, Invocation and Overhead, from clock times', () => {
    // prepare
    const xray = new XRay();
    const trace = startLambdaTrace(props());
    // act
    trace.record(xray, { init: { startMs: T0 + 5, endMs: T0 + 150 }, invocation: { startMs: T0 + 150, endMs: T0 + 5150 }, endMs: T0 + 5160 });
    // assert
    const [service, fn] = xray.segments(trace.traceId);
    expect(service?.document).toMatchObject({ id: trace.serviceSegmentId, name: 'compute-direct', origin: 'AWS::Lambda', start_time: T0 / 1000, end_time: (T0 + 5160) / 1000, resource_arn: ARN, aws: { request_id: 'req-1' } });
    expect(service?.parentId).toBeUndefined();
    expect(fn?.document).toMatchObject({ id: trace.functionSegmentId, parent_id: trace.serviceSegmentId, origin: 'AWS::Lambda::Function', start_time: (T0 + 5) / 1000, end_time: (T0 + 5160) / 1000 });
    const subs = xray.subsegments({ traceId: trace.traceId });
    expect(subs.map((s) => [s.name, s.parentId, s.startTime, s.endTime])).toEqual([
      ['Initialization', trace.functionSegmentId, (T0 + 5) / 1000, (T0 + 150) / 1000],
      ['Invocation', trace.functionSegmentId, (T0 + 150) / 1000, (T0 + 5150) / 1000],
      ['Overhead', trace.functionSegmentId, (T0 + 5150) / 1000, (T0 + 5160) / 1000],
    ]);
    expect(subs[1]?.id).toBe(trace.invocationSubsegmentId);
  });

  it("continues the caller's trace under the caller's segment", () => {
    const xray = new XRay();
    const trace = startLambdaTrace(props({ upstreamHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' }));
    trace.record(xray, { invocation: { startMs: T0, endMs: T0 + 10 } });
    expect(trace.traceId).toBe('1-5759e988-bd862e3fe1be46a994272793');
    expect(xray.segments(trace.traceId)[0]?.parentId).toBe('53995c3f42cd8ad8');
    expect(xray.subsegments({ traceId: trace.traceId }).map((s) => s.name)).toEqual(['Invocation']);
  });

  it("follows the caller's Sampled=0, and PassThrough without a caller's decision records nothing", () => {
    const xray = new XRay();
    const declined = startLambdaTrace(props({ upstreamHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0' }));
    const passThrough = startLambdaTrace(props({ mode: 'PassThrough' }));
    expect(declined.record(xray, { invocation: { startMs: T0, endMs: T0 + 1 } })).toEqual([]);
    expect(passThrough.record(xray, { invocation: { startMs: T0, endMs: T0 + 1 } })).toEqual([]);
    expect(declined.header).toMatch(/;Sampled=0$/);
    expect(passThrough.header).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    expect(xray.stats().stored).toBe(0);
  });

  it('marks a function error on the function segment and the Invocation subsegment', () => {
    const xray = new XRay();
    const trace = startLambdaTrace(props());
    trace.record(xray, { invocation: { startMs: T0, endMs: T0 + 3000 }, functionError: { type: 'Sandbox.Timedout', message: 'Task timed out after 3.00 seconds' } });
    const fn = xray.segments(trace.traceId)[1]?.document;
    expect(fn).toMatchObject({ error: true, cause: { exceptions: [{ type: 'Sandbox.Timedout', message: 'Task timed out after 3.00 seconds' }] } });
    expect(xray.subsegments({ name: 'Invocation' })[0]).toMatchObject({ error: true });
  });

  it('records only a throttled service segment when Lambda refused the invocation', () => {
    const xray = new XRay();
    const trace = startLambdaTrace(props());
    trace.record(xray, { throttled: true, endMs: T0 + 1 });
    expect(xray.segments(trace.traceId).map((s) => s.document)).toEqual([expect.objectContaining({ origin: 'AWS::Lambda', throttle: true, error: true, http: { response: { status: 429 } } })]);
  });
});
