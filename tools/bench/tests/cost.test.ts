import type { FunctionFacts } from '../src/aws/preflight';
import { PRICES } from '../src/cost/prices';
import { runCost } from '../src/cost/units';
import type { RunMetrics } from '../src/measure/run-metrics';

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
    expect(cost.units).toEqual({ stateTransitions: 7020, lambdaRequests: 1001, lambdaGbSeconds: 5000 * 0.25 + 0.2 * 0.5, eventBridgeEvents: 0, xrayTraces: 1, sqsRequests: 0 });
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

  it('names a source for every price', () => {
    for (const price of Object.values(PRICES)) expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\/[a-z-]+\/pricing\/$/);
  });
});
