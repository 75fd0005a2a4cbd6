import { AWS_LIMITS, FAN_IN_ASSUMPTIONS, PATTERN_IDS, SEND_TASK_RETRY, estimateExecution, executionProblems, historyEvents, patternCeilings, payloadBytes, sendTaskRetryBudgetSeconds } from '../src';

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

  it.each(PATTERN_IDS)('%s: the payload ceiling sits above the history ceiling, whether every case succeeds or every case fails', (pattern) => {
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
