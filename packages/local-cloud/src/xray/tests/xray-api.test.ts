import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { Clock } from '../../core/clock';
import { xrayService } from '../service';
import { XRay } from '../xray';

// @aws-sdk/client-xray is not installed: these tests speak the REST-JSON wire with fetch.

const T0 = Date.UTC(2026, 0, 15);
const SEC = T0 / 1000;
const EPOCH_HEX = SEC.toString(16).padStart(8, '0');
const TRACE_A = `1-${EPOCH_HEX}-aaaaaaaaaaaaaaaaaaaaaaaa`;
const TRACE_B = `1-${EPOCH_HEX}-bbbbbbbbbbbbbbbbbbbbbbbb`;

let xray: XRay;
let gateway: RunningGateway;
beforeEach(async () => {
  xray = new XRay({ clock: new Clock({ startMs: T0 }) });
  gateway = await startGateway({ services: [xrayService(xray)] });
});
afterEach(() => gateway.close());

async function post(path: string, body: unknown): Promise<{ status: number; errorType: string | null; json: Record<string, unknown> }> {
  const res = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), json: (await res.json()) as Record<string, unknown> };
}

const segment = (traceId: string, id: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ name: 'compute-direct', id, trace_id: traceId, start_time: SEC, end_time: SEC + 2, origin: 'AWS::Lambda::Function', ...extra });

describe('PutTraceSegments (POST /TraceSegments)', () => {
  it('stores valid documents and lists the others in UnprocessedTraceSegments with a reason', async () => {
    // act
    const out = await post('/TraceSegments', {
      TraceSegmentDocuments: [segment(TRACE_A, '1111111111111111'), '{oops', segment(TRACE_A, '2222222222222222', { end_time: undefined }), segment(TRACE_A, '3333333333333333', { metadata: { big: 'x'.repeat(70_000) } })],
    });
    // assert
    expect(out.status).toBe(200);
    expect(out.json['UnprocessedTraceSegments']).toEqual([
      { ErrorCode: 'MalformedJson', Message: expect.stringMatching(/not JSON/) },
      { Id: '2222222222222222', ErrorCode: 'InvalidSegment', Message: expect.stringMatching(/end_time or in_progress/) },
      { Id: '3333333333333333', ErrorCode: 'DocumentTooLarge', Message: expect.stringMatching(/65536-byte limit/) },
    ]);
    expect(xray.segments(TRACE_A).map((s) => s.id)).toEqual(['1111111111111111']);
  });

  it('accepts an array of independent subsegments as one document', async () => {
    const sub = (id: string) => ({ type: 'subsegment', name: 'computing', id, trace_id: TRACE_A, parent_id: '1111111111111111', start_time: SEC, end_time: SEC + 1 });
    const out = await post('/TraceSegments', { TraceSegmentDocuments: [JSON.stringify([sub('4444444444444444'), sub('5555555555555555')])] });
    expect(out.json['UnprocessedTraceSegments']).toEqual([]);
    expect(xray.subsegments({ name: 'computing' })).toHaveLength(2);
  });

  it('answers InvalidRequestException without TraceSegmentDocuments or with a body that is not JSON', async () => {
    expect(await post('/TraceSegments', {})).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(await post('/TraceSegments', 'nope')).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
  });
});

describe('GetTraceSummaries (POST /TraceSummaries)', () => {
  beforeEach(async () => {
    const computing = (requestId: string) => ({ subsegments: [{ name: 'computing', id: '9999999999999999', start_time: SEC, end_time: SEC + 1, annotations: { requestId, attempt: 1 } }] });
    await post('/TraceSegments', { TraceSegmentDocuments: [segment(TRACE_A, '1111111111111111', computing('x')), segment(TRACE_B, '2222222222222222', { ...computing('y'), error: true, http: { response: { status: 400 } } })] });
  });
  const summaries = (body: Record<string, unknown>) => post('/TraceSummaries', { StartTime: SEC - 60, EndTime: SEC + 60, ...body });
  const ids = (json: Record<string, unknown>): unknown[] => (json['TraceSummaries'] as { Id: string }[]).map((s) => s.Id).sort();

  it('lists the traces of the time range with their annotations', async () => {
    const out = await summaries({});
    expect(ids(out.json)).toEqual([TRACE_A, TRACE_B]);
    expect(out.json['TracesProcessedCount']).toBe(2);
    const a = (out.json['TraceSummaries'] as Record<string, unknown>[]).find((s) => s['Id'] === TRACE_A);
    expect(a).toMatchObject({
      Duration: 2,
      ResponseTime: 2,
      HasError: false,
      HasFault: false,
      IsPartial: false,
      Annotations: { requestId: [{ AnnotationValue: { StringValue: 'x' }, ServiceIds: [{ Name: 'compute-direct', Type: 'AWS::Lambda::Function' }] }], attempt: [{ AnnotationValue: { NumberValue: 1 } }] },
      EntryPoint: { Name: 'compute-direct' },
    });
  });

  it('filters with annotation.requestId = "x"', async () => {
    expect(ids((await summaries({ FilterExpression: 'annotation.requestId = "x"' })).json)).toEqual([TRACE_A]);
    expect(ids((await summaries({ FilterExpression: 'annotation.requestId = "x" OR error' })).json)).toEqual([TRACE_A, TRACE_B]);
    expect(ids((await summaries({ FilterExpression: 'annotation.attempt >= 1 AND !ok' })).json)).toEqual([TRACE_B]);
  });

  it('leaves out traces outside the time range', async () => {
    expect(ids((await post('/TraceSummaries', { StartTime: SEC + 10, EndTime: SEC + 20 })).json)).toEqual([]);
    expect(ids((await post('/TraceSummaries', { StartTime: SEC + 1, EndTime: SEC + 3, TimeRangeType: 'Service' })).json)).toEqual([TRACE_A, TRACE_B]);
  });

  it('answers InvalidRequestException for a missing time, an unknown range type, or a bad expression', async () => {
    expect(await post('/TraceSummaries', { EndTime: SEC })).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(await summaries({ TimeRangeType: 'Later' })).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    const bad = await summaries({ FilterExpression: 'annotation.requestId = ' });
    expect(bad).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
    expect(bad.json['Message']).toMatch(/Expected a value/);
  });
});

describe('BatchGetTraces (POST /Traces)', () => {
  it('returns each trace with its segment documents and lists unknown ids as unprocessed', async () => {
    await post('/TraceSegments', { TraceSegmentDocuments: [segment(TRACE_A, '1111111111111111')] });
    const out = await post('/Traces', { TraceIds: [TRACE_A, TRACE_B] });
    expect(out.json['UnprocessedTraceIds']).toEqual([TRACE_B]);
    const [trace] = out.json['Traces'] as { Id: string; Duration: number; LimitExceeded: boolean; Segments: { Id: string; Document: string }[] }[];
    expect(trace).toMatchObject({ Id: TRACE_A, Duration: 2, LimitExceeded: false });
    expect(JSON.parse(trace?.Segments[0]?.Document as string)).toMatchObject({ id: '1111111111111111', name: 'compute-direct' });
  });

  it('answers InvalidRequestException without TraceIds', async () => {
    expect(await post('/Traces', {})).toMatchObject({ status: 400, errorType: 'InvalidRequestException' });
  });
});

describe('routing', () => {
  it('claims only its POST paths', async () => {
    const res = await fetch(`${gateway.url}/Traces`, { method: 'GET' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/UnknownOperationException/);
  });
});
