import { createLogger } from '@fanout/lambda-log';
import { SFNClient } from '@aws-sdk/client-sfn';
import * as AWSXRay from 'aws-xray-sdk-core';
import { COMPUTING_SUBSEGMENT, createTracer, sampledTraceActive } from '../src';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => void lines.push(JSON.parse(l) as Record<string, unknown>) });
  return { lines, logger };
}

/** Runs `fn` with `segment` as the current X-Ray context, as the SDK's middleware does per request. */
function withSegment<T>(segment: AWSXRay.Segment, fn: () => Promise<T>): Promise<T> {
  return AWSXRay.getNamespace().runPromise(async () => {
    AWSXRay.setSegment(segment);
    return fn();
  });
}

describe('createTracer().traceComputing', () => {
  it('does not load the X-Ray SDK when the invocation is not sampled', async () => {
    // prepare
    const load = jest.fn(() => AWSXRay);
    const tracer = createTracer({ isActive: () => false, load, logger: capturingLogger().logger });

    // act
    const result = await tracer.traceComputing({ requestId: 'r1', caseId: 'c7' }, async () => 42);

    // assert
    expect(result).toBe(42);
    expect(load).not.toHaveBeenCalled();
  });

  it('records a computing subsegment annotated with requestId only, caseId as metadata (50 indexed annotations per trace)', async () => {
    // prepare
    const segment = new AWSXRay.Segment('compute-direct');
    const tracer = createTracer({ isActive: () => true, logger: capturingLogger().logger });
    const before = Date.now() / 1000;

    // act
    const result = await withSegment(segment, () =>
      tracer.traceComputing({ requestId: 'request-1', caseId: 'case-7' }, async () => {
        await new Promise((r) => setTimeout(r, 5));
        return 'done';
      }),
    );

    // assert
    expect(result).toBe('done');
    const sub = segment.subsegments?.[0] as (AWSXRay.Subsegment & { annotations?: Record<string, unknown>; metadata?: Record<string, Record<string, unknown>>; end_time?: number }) | undefined;
    expect(sub?.name).toBe(COMPUTING_SUBSEGMENT);
    expect(sub?.annotations).toEqual({ requestId: 'request-1' });
    expect(sub?.metadata).toEqual({ default: { caseId: 'case-7' } });
    expect(sub?.start_time).toBeGreaterThanOrEqual(Math.floor(before));
    expect(sub?.end_time).toBeGreaterThanOrEqual(sub?.start_time ?? Infinity);
    expect(sub?.isClosed()).toBe(true);
  });

  it('records the failure on the subsegment and rethrows it unchanged', async () => {
    // prepare
    const segment = new AWSXRay.Segment('compute-direct');
    const tracer = createTracer({ isActive: () => true, logger: capturingLogger().logger });
    const failure = Object.assign(new Error('no space left'), { name: 'DiskFull' });

    // act
    const thrown = await withSegment(segment, () =>
      tracer.traceComputing({ requestId: 'r1', caseId: 'c2' }, async () => {
        throw failure;
      }),
    ).catch((e: unknown) => e);

    // assert
    expect(thrown).toBe(failure);
    const sub = segment.subsegments?.[0] as unknown as { fault?: boolean; cause?: { exceptions?: { type?: string }[] } };
    expect(sub.fault).toBe(true);
    expect(sub.cause?.exceptions?.[0]?.type).toBe('DiskFull');
  });

  it('logs instead of throwing when there is no segment (a local run)', async () => {
    // prepare
    const { lines, logger } = capturingLogger();
    const tracer = createTracer({ isActive: () => true, logger });

    // act
    const result = await tracer.traceComputing({ requestId: 'r1', caseId: 'c1' }, async () => 'ok');

    // assert
    expect(result).toBe('ok');
    expect(lines.find((l) => l['level'] === 'warn' && String(l['message']).includes('context missing'))).toMatchObject({ requestId: 'r1', caseId: 'c1' });
  });

  it('logs and carries on when the SDK cannot be loaded', async () => {
    // prepare
    const { lines, logger } = capturingLogger();
    const tracer = createTracer({ isActive: () => true, logger, load: () => { throw new Error('not installed'); } });

    // act
    const result = await tracer.traceComputing({ requestId: 'r1', caseId: 'c1' }, async () => 'ok');

    // assert
    expect(result).toBe('ok');
    expect(lines.find((l) => l['level'] === 'error')?.['message']).toMatch(/could not be loaded/);
  });
});

describe('createTracer().traceAwsClient', () => {
  it('wraps a client with captureAWSv3Client once, and only when tracing is on', () => {
    // prepare
    let active = false;
    const tracer = createTracer({ isActive: () => active, logger: capturingLogger().logger });
    const client = new SFNClient({ region: 'us-east-1' });
    const middlewareCount = () => client.middlewareStack.identify().length;
    const initial = middlewareCount();

    // act
    tracer.traceAwsClient(client);
    const whenOff = middlewareCount();
    active = true;
    tracer.traceAwsClient(client);
    tracer.traceAwsClient(client);
    const whenOn = middlewareCount();

    // assert
    expect(whenOff).toBe(initial);
    expect(whenOn).toBe(initial + 1);
    expect(client.middlewareStack.identify().some((m) => m.startsWith('XRaySDKInstrumentation'))).toBe(true);
  });
});

describe('sampledTraceActive', () => {
  it('is on for a sampled Lambda trace header only', () => {
    const root = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8';
    expect(sampledTraceActive({ _X_AMZN_TRACE_ID: `${root};Sampled=1` })).toBe(true);
    expect(sampledTraceActive({ _X_AMZN_TRACE_ID: `${root};Sampled=0` })).toBe(false);
    expect(sampledTraceActive({})).toBe(false);
    expect(sampledTraceActive({ _X_AMZN_TRACE_ID: `${root};Sampled=1`, AWS_XRAY_SDK_ENABLED: 'false' })).toBe(false);
  });
});
