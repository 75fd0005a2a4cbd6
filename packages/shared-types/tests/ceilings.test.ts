import { AWS_LIMITS, FAN_IN_ASSUMPTIONS, SEND_TASK_RETRY, estimateExecution, executionProblems, historyEvents, patternCeilings, payloadBytes, sendTaskRetryBudgetSeconds } from '../src';

const seedCases = (n: number) => Array.from({ length: n }, (_, i) => ({ caseId: String(i) }));

describe('patternCeilings', () => {
  it.each([
    // pattern, maxCases, events per case, fixed events
    ['map-in-parallel', 3_567, 7, 29],
    ['map-eventbridge-callback', 3_123, 8, 15],
  ] as const)('%s carries at most %i seed-format cases, bound by the history (%i events per case)', (pattern, maxCases, perCase, fixed) => {
    // act
    const ceilings = patternCeilings(pattern, { slots: 3 });

    // assert
    expect(ceilings).toMatchObject({ maxCases, bindingLimit: 'history', historyEventsPerCase: perCase, historyFixedEvents: fixed, payloadBytesPerCase: 45 });
    expect(fixed + maxCases * perCase).toBeLessThanOrEqual(AWS_LIMITS.historyEvents);
    expect(fixed + (maxCases + 1) * perCase).toBeGreaterThan(AWS_LIMITS.historyEvents);
  });

  it.each(['map-in-parallel', 'map-eventbridge-callback'] as const)('%s: the payload ceiling sits above the history ceiling, whether every case succeeds or every case fails', (pattern) => {
    for (const failedShare of [0, 0.5, 1]) {
      const ceilings = patternCeilings(pattern, { failedShare });
      expect([failedShare, ceilings.maxCasesByPayload > ceilings.maxCasesByHistory]).toEqual([failedShare, true]);
    }
  });

  it('drops with failures (4 more events each) and retries (3 each), and with more slots (4 fixed events each)', () => {
    expect(patternCeilings('map-in-parallel', { failedShare: 1 }).maxCases).toBe(Math.floor((25_000 - 29) / 11));
    expect(patternCeilings('map-in-parallel', { retriesPerCase: 1 }).maxCases).toBe(Math.floor((25_000 - 29) / 10));
    expect(patternCeilings('map-in-parallel', { slots: 10 }).historyFixedEvents).toBe(57);
    expect(patternCeilings('map-eventbridge-callback', { slots: 10 }).historyFixedEvents).toBe(15);
  });

  it('names the payload as binding when caseIds are long enough, and rejects nonsense options', () => {
    expect(patternCeilings('map-in-parallel', { caseIdChars: 200 })).toMatchObject({ bindingLimit: 'payload' });
    expect(() => patternCeilings('map-in-parallel', { slots: 0 })).toThrow('slots must be a whole number ≥ 1, got 0');
    expect(() => patternCeilings('map-in-parallel', { failedShare: 2 })).toThrow('failedShare must be between 0 and 1, got 2');
  });
});

describe('estimateExecution', () => {
  it('bounds the real fan-in from above: the JSON of every outcome, 6-digit durations and the longest ARN', () => {
    // prepare: what Summarize would be given for 3 succeeded cases and one failure
    const cases = [...seedCases(3), { caseId: '3', failure: { error: 'ComputationFailed' } }];
    const real = {
      FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:fanout-map-eventbridge-callback-summary',
      Payload: { requestId: 'r', expectedCaseIds: ['0', '1', '2', '3'], results: [{ caseId: '0', durationMs: 5003 }, { caseId: '1', durationMs: 5001 }, { caseId: '2', durationMs: 5000 }, { caseId: '3', error: 'ComputationFailed' }] },
    };

    // act
    const estimate = estimateExecution('map-eventbridge-callback', { requestId: 'r', cases });

    // assert
    expect(estimate.fanInBytes).toBeGreaterThanOrEqual(payloadBytes(real));
    expect(estimate.fanInBytes - payloadBytes(real)).toBeLessThanOrEqual(FAN_IN_ASSUMPTIONS.functionArnChars + 3 * 2);
    expect(estimate.historyEvents).toBe(historyEvents('map-eventbridge-callback', { succeeded: 3, failed: 1 }));
  });

  it('agrees with patternCeilings: no problem at the ceiling, the history one case above', () => {
    const { maxCases } = patternCeilings('map-eventbridge-callback');
    expect(executionProblems('map-eventbridge-callback', { requestId: '123456', cases: seedCases(maxCases) })).toEqual([]);
    expect(executionProblems('map-eventbridge-callback', { requestId: '123456', cases: seedCases(maxCases + 1) })).toEqual([expect.stringContaining('its history (≈25007 events) passes the 25,000-event limit')]);
  });
});

describe('sendTaskRetryBudgetSeconds', () => {
  it('adds the SDK backoff caps of every retry of a throttled answer: 0.5 + 1 + 2 + 4 s', () => {
    expect(SEND_TASK_RETRY).toEqual({ retryMode: 'adaptive', maxAttempts: 5 });
    expect(sendTaskRetryBudgetSeconds()).toBe(7.5);
    expect(sendTaskRetryBudgetSeconds(1)).toBe(0);
    expect(sendTaskRetryBudgetSeconds(10)).toBe(0.5 + 1 + 2 + 4 + 8 + 16 + 20 + 20 + 20);
  });
});

describe('distributed-map ceilings', () => {
  it('records a constant parent history: no event per case, two more for an items request', () => {
    // act
    const inline = patternCeilings('distributed-map');
    const s3 = patternCeilings('distributed-map', { itemSource: 's3' });

    // assert
    expect([inline.maxCasesByHistory, inline.historyEventsPerCase, inline.historyFixedEvents, s3.historyFixedEvents]).toEqual([Number.POSITIVE_INFINITY, 0, 19, 21]);
    expect(historyEvents('distributed-map', { succeeded: 10_000, failed: 500, retries: 900 })).toBe(19);
  });

  it('is bound by the 256 KiB request with the cases inline, and by the Summary at its worst with items in S3', () => {
    // act
    const inline = patternCeilings('distributed-map');
    const s3 = patternCeilings('distributed-map', { itemSource: 's3' });

    // assert
    expect(inline).toMatchObject({ bindingLimit: 'input', maxCases: inline.maxCasesByInput });
    expect(s3).toMatchObject({ bindingLimit: 'payload', maxCases: s3.maxCasesByPayload, maxCasesByInput: AWS_LIMITS.distributedMapMaxItems });
    // The inline limit is the request's own: one case more does not fit in 256 KiB.
    const request = (n: number) => ({ requestId: 'r'.repeat(FAN_IN_ASSUMPTIONS.requestIdChars), requests: Array.from({ length: n }, (_, i) => ({ caseId: i.toString(36).padStart(4, '0') })), length: String(n) });
    expect(payloadBytes(request(inline.maxCases))).toBeLessThanOrEqual(AWS_LIMITS.sfnPayloadBytes);
    expect(payloadBytes(request(inline.maxCases + 1))).toBeGreaterThan(AWS_LIMITS.sfnPayloadBytes - 20);
    expect(s3.maxCases).toBeGreaterThan(inline.maxCases);
  });

  it('agrees with executionProblems: the items suggestion past the inline ceiling, the Summary past the S3 one', () => {
    // prepare
    const inline = patternCeilings('distributed-map').maxCases;
    const s3 = patternCeilings('distributed-map', { itemSource: 's3' }).maxCases;
    const cases = (n: number) => Array.from({ length: n }, (_, i) => ({ caseId: i.toString(36).padStart(4, '0') }));

    // act / assert
    expect(executionProblems('distributed-map', { requestId: '123456', cases: cases(inline) })).toEqual([]);
    expect(executionProblems('distributed-map', { requestId: '123456', cases: cases(inline + 400) })).toEqual([expect.stringContaining('write the cases as an items object')]);
    expect(executionProblems('distributed-map', { requestId: '123456', cases: cases(s3), itemSource: 's3' })).toEqual([]);
    expect(executionProblems('distributed-map', { requestId: '123456', cases: cases(s3 + 1), itemSource: 's3' })).toEqual([expect.stringContaining('its Summary')]);
  });

  it('bounds the real worst Summary from above', () => {
    // prepare: every case missing but 100 listed failures with causes cut to 500 characters
    const cases = seedCases(2_000);
    const summary = {
      requestId: '123456', expected: 2_000, cases: 100, succeeded: 0, failed: 100,
      missing: cases.slice(100).map((c) => c.caseId), duplicated: [], unfinished: 2_000, unfinishedPercentage: 100,
      failures: cases.slice(0, 100).map((c) => ({ caseId: c.caseId, error: 'States.Timeout', cause: 'c'.repeat(500) })),
      failuresByError: { 'States.Timeout': 100 },
      durationMs: { min: 0, p50: 0, p95: 0, max: 0, total: 0 },
    };

    // act
    const estimate = estimateExecution('distributed-map', { requestId: '123456', cases, itemSource: 's3' });

    // assert
    expect(estimate.fanInBytes).toBeGreaterThanOrEqual(payloadBytes(summary));
    expect(estimate.historyEvents).toBe(21);
  });
});
