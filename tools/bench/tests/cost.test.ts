import type { FunctionFacts } from '../src/aws/preflight';
import { PRICES } from '../src/cost/prices';
import { runCost } from '../src/cost/units';
import { expressBilledMemoryMb, expressBilledMs } from '../src/cost/express';
import type { RunMetrics } from '../src/measure/run-metrics';
import type { DistributedMapSettings } from '../src/patterns/distributed-settings';

const fn = (memoryMb: number, architecture = 'arm64'): FunctionFacts => ({ name: 'f', memoryMb, architecture, logGroup: '/aws/lambda/f', source: 'GetFunctionConfiguration' });

function metrics(overrides: { logs: RunMetrics['lambda']['logs']; reported: number; billedMs: number; usage: RunMetrics['usage'] }): RunMetrics {
  return {
    status: 'SUCCEEDED',
    historyEvents: 0,
    counts: { succeeded: 0, failed: 0, missing: 0, duplicated: 0, source: 'summary' },
    failuresByError: {},
    retries: 0,
    caseMs: [],
    dispatchMs: [],
    concurrency: [],
    peakConcurrency: 0,
    lambda: { logs: overrides.logs, invocations: [], reported: overrides.reported, billedMs: overrides.billedMs, coldStarts: 0, duplicateInvocations: 0, deliveryMs: [], answerMs: [] },
    usage: overrides.usage,
    notes: [],
  };
}

describe('the cost of a run from its counted units', () => {
  it('prices 1,000 invoked cases of 5 s at 256 MB, billed from the logs', () => {
    // prepare: 1,000 REPORT lines of 5,000 ms billed; 7 transitions a case and 20 more; a 200 ms Summary at 512 MB
    const m = metrics({ logs: 'complete', reported: 1000, billedMs: 5_000_000, usage: { stateTransitions: 7020, invokeAttempts: 1000, eventsPut: 0, caseTaskMs: 5_100_000, summaryTaskMs: 200, summaryInvocations: 1 } });
    // act
    const cost = runCost(m, fn(256), fn(512), 0);
    // assert
    expect(cost.units).toEqual({
      stateTransitions: 7020,
      lambdaRequests: 1001,
      lambdaGbSeconds: 5000 * 0.25 + 0.2 * 0.5,
      eventBridgeEvents: 0,
      xrayTraces: 1,
      sqsRequests: 0,
      expressRequests: 0,
      expressGbSeconds: 0,
      s3PutRequests: 0,
      s3GetRequests: 0,
    });
    expect(cost.usd.stateTransitions).toBeCloseTo(7020 * 0.000025, 12);
    expect(cost.usd.lambdaGbSeconds).toBeCloseTo(1250.1 * 0.0000133334, 12);
    expect(cost.usd.lambdaRequests).toBeCloseTo(1001 * 0.0000002, 12);
    expect(cost.totalUsd).toBeCloseTo(0.1755 + 0.01666841 + 0.0002002 + 0.000005, 6);
    expect(cost.lambdaSource).toBe('logs');
  });

  it('falls back to the task durations when the logs are not complete, and counts one request per event put', () => {
    // prepare: the callback pattern, 10 events put, logs unavailable
    const m = metrics({ logs: 'unavailable', reported: 0, billedMs: 0, usage: { stateTransitions: 100, invokeAttempts: 0, eventsPut: 10, caseTaskMs: 52_000, summaryTaskMs: 100, summaryInvocations: 1 } });
    // act
    const cost = runCost(m, fn(1024), fn(512), 2);
    // assert
    expect(cost.lambdaSource).toBe('history');
    expect(cost.units).toMatchObject({ lambdaRequests: 11, lambdaGbSeconds: 52 + 0.05, eventBridgeEvents: 10, sqsRequests: 2 });
    expect(cost.usd.eventBridgeEvents).toBeCloseTo(10 * PRICES.eventBridgeEvent.usd, 12);
    expect(cost.usd.sqsRequests).toBeCloseTo(2 * PRICES.sqsRequest.usd, 12);
  });

  it('uses the x86 GB-second price for an x86_64 function', () => {
    const m = metrics({ logs: 'complete', reported: 1, billedMs: 1000, usage: { stateTransitions: 0, invokeAttempts: 1, eventsPut: 0, caseTaskMs: 1000, summaryTaskMs: 0, summaryInvocations: 0 } });
    expect(runCost(m, fn(1024, 'x86_64'), fn(512), 0).usd.lambdaGbSeconds).toBeCloseTo(PRICES.lambdaX86GbSecond.usd, 12);
  });

  it('bills a Distributed Map\u2019s Express children per request and per GB-second (100 ms steps, 64 MB chunks), and its S3 requests', () => {
    // prepare: 1,000 children of 5,020 ms, 60-byte inputs, an 8 KB child definition; 5 PUTs and 4 GETs
    const children = Array.from({ length: 1000 }, () => ({ status: 'SUCCEEDED', startMs: 0, stopMs: 5020, cases: ['0'], outcomes: [{ caseId: '0' }], inputBytes: 60 }));
    const pending = { status: 'PENDING', cases: ['1'], outcomes: [], inputBytes: 60 };
    const m = metrics({ logs: 'complete', reported: 1000, billedMs: 5_000_000, usage: { stateTransitions: 8, invokeAttempts: 1000, eventsPut: 0, caseTaskMs: 0, summaryTaskMs: 0, summaryInvocations: 1 } });
    m.mapRun = { children: [...children, pending], resultFiles: 3, itemSource: 's3', s3Puts: 5, s3Gets: 4 };
    const map: DistributedMapSettings = { stateName: 'M', label: 'M', executionType: 'EXPRESS', maxConcurrency: 1000, childDefinitionBytes: 8210, childMapSteps: 0 };
    // act
    const cost = runCost(m, fn(256), fn(512), 0, map);
    // assert: 5,100 billed ms × 64 MB each; the child that never started is not billed
    expect(cost.units).toMatchObject({ expressRequests: 1000, s3PutRequests: 5, s3GetRequests: 4 });
    expect(cost.units.expressGbSeconds).toBeCloseTo(1000 * 5.1 * (64 / 1024), 9);
    expect(cost.usd.expressRequests).toBeCloseTo(1000 * 0.000001, 12);
    expect(cost.usd.expressGbSeconds).toBeCloseTo(318.75 * (0.06 / 3600), 12);
    expect(cost.usd.s3PutRequests).toBeCloseTo(5 * 0.000005, 12);
    expect(cost.usd.s3GetRequests).toBeCloseTo(4 * 0.0000004, 12);
  });

  it('estimates an Express execution\u2019s memory as AWS\u2019s page does, in 64 MB chunks, and its duration in 100 ms steps', () => {
    // AWS's example: 50 MB + a 50 KB definition + 32 KB of data × 400 Map steps = 62.85 MB → 64 MB
    expect(expressBilledMemoryMb(50 * 1024, 32 * 1024, 400)).toBe(64);
    expect(expressBilledMemoryMb(1024, 15 * 1024 * 1024, 1)).toBe(128);
    expect([expressBilledMs(1), expressBilledMs(100), expressBilledMs(5001)]).toEqual([100, 100, 5100]);
  });

  it('leaves Standard children out, saying so (their transitions are in their own histories)', () => {
    const m = metrics({ logs: 'complete', reported: 1, billedMs: 1000, usage: { stateTransitions: 8, invokeAttempts: 1, eventsPut: 0, caseTaskMs: 0, summaryTaskMs: 0, summaryInvocations: 1 } });
    m.mapRun = { children: [{ status: 'SUCCEEDED', startMs: 0, stopMs: 1000, cases: ['0'], outcomes: [], inputBytes: 1 }], resultFiles: 1, itemSource: 'request', s3Puts: 2, s3Gets: 2 };
    const cost = runCost(m, fn(256), fn(512), 0, { stateName: 'M', label: 'M', executionType: 'STANDARD', maxConcurrency: 10, childDefinitionBytes: 1, childMapSteps: 0 });
    expect(cost.units.expressRequests).toBe(0);
    expect(cost.notes).toEqual(['Standard child executions bill their own state transitions, which are in their histories: not counted']);
  });

  it('names a source for every price', () => {
    for (const price of Object.values(PRICES)) expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\/[a-z0-9-]+\/pricing\/$/);
  });
});
