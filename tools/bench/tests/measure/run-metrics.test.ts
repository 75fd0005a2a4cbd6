import { normaliseHistory } from '../../src/measure/history';
import { type RunObservation, measureRun } from '../../src/measure/run-metrics';
import { patternById } from '../../src/patterns/registry';
import { CALLBACK_DATASET, CALLBACK_HISTORY, CALLBACK_LOGS } from '../support/aws-history';
import { recorded } from '../support/recorded';

const T0 = 1_796_000_000_000;

describe('one run measured from a hand-written AWS history and its logs', () => {
  // prepare
  const observation: RunObservation = {
    pattern: patternById('map-eventbridge-callback')!,
    dataset: { shape: 'flat', cases: CALLBACK_DATASET.requests },
    status: 'FAILED',
    error: 'FailureThresholdExceeded',
    history: normaliseHistory(CALLBACK_HISTORY),
    logs: { state: 'partial', lines: CALLBACK_LOGS, note: '2 of 3 invocations have a REPORT line' },
    queueMessages: [{ name: 'rule DLQ', added: 0 }],
  };
  // act
  const m = measureRun(observation);

  it('takes the counts from the Summary the history holds, though the execution then failed its threshold', () => {
    expect(m.counts).toEqual({ succeeded: 1, failed: 2, missing: 0, duplicated: 0, source: 'summary' });
    expect(m.notes).toContain('execution FAILED (FailureThresholdExceeded) after its Summary: cases counted from the Summary in the history');
  });

  it('measures makespan, case latency and dispatch per case', () => {
    expect(m.makespanMs).toBe(15_430);
    expect(m.caseMs).toEqual([5070, 6119, 10_070]);
    expect(m.dispatchMs).toEqual([30, 30, 30]);
  });

  it('counts retries and final errors', () => {
    expect(m.retries).toBe(1);
    expect(m.failuresByError).toEqual({ ComputationFailed: 1, 'States.Timeout': 1 });
  });

  it('counts tasks in flight over time from ExecutionStarted', () => {
    expect(m.peakConcurrency).toBe(2);
    expect(m.concurrency.slice(0, 4)).toEqual([[0, 0], [60, 1], [61, 2], [101, 1]]);
  });

  it('splits the callback path with the logs: put → Lambda start, Lambda end → token answered', () => {
    expect(m.lambda.deliveryMs).toEqual([5, 5]);
    expect(m.lambda.answerMs).toEqual([5, 5]);
    expect(m.lambda).toMatchObject({ logs: 'partial', reported: 2, billedMs: 9980, coldStarts: 1, duplicateInvocations: 0, peakConcurrency: 2 });
    expect(m.notes.some((n) => n.startsWith('Lambda logs partial: 2 of 3'))).toBe(true);
  });

  it('counts the billable usage: transitions with retries, events put, task time, the Summary', () => {
    expect(m.usage).toEqual({ stateTransitions: 11, invokeAttempts: 0, eventsPut: 3, caseTaskMs: 20_000, summaryTaskMs: 100, summaryInvocations: 1 });
  });

  it('measures the history against its limit and the fan-in payload', () => {
    expect(m.historyEvents).toBe(47);
    expect(m.fanIn?.bytes).toBeGreaterThan(100);
  });
});

describe('runs recorded from the patterns (infra definitions, real handlers)', () => {
  it('map-in-parallel with injected failures: every failed case found in the history, as the Summary counts them', () => {
    // prepare
    const observation = recorded('map-in-parallel-10-failures');
    const injected = observation.dataset.cases.filter((c) => c.failure).length;
    // act
    const m = measureRun(observation);
    // assert
    expect(injected).toBeGreaterThan(0);
    expect(m.status).toBe('FAILED');
    expect(m.counts).toMatchObject({ succeeded: 10 - injected, failed: injected, missing: 0, source: 'summary' });
    expect(m.failuresByError).toEqual({ ComputationFailed: injected });
    expect(m.lambda.reported).toBe(10);
    expect(m.usage.invokeAttempts).toBe(10);
  });

  it('callback with one event delivered twice and one lost: the duplicate is counted, the lost case times out', () => {
    const m = measureRun(recorded('callback-10-duplicate-and-lost'));
    expect(m.counts).toMatchObject({ succeeded: 9, failed: 1, missing: 0 });
    expect(m.failuresByError).toEqual({ 'States.Timeout': 1 });
    expect(m.lambda.duplicateInvocations).toBe(1);
    expect(m.lambda.reported).toBe(10);
    expect(m.lambda.deliveryMs).toHaveLength(9);
    expect(m.usage.eventsPut).toBe(10);
  });
});
