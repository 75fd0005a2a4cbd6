import { caseEndMs, caseTimelines } from '../../src/measure/cases';
import { normaliseHistory } from '../../src/measure/history';
import { patternById } from '../../src/patterns/registry';
import { CALLBACK_DATASET, CALLBACK_HISTORY } from '../support/aws-history';

const T0 = 1_796_000_000_000;
const callback = patternById('map-eventbridge-callback');

describe('case timelines from a hand-written AWS history (callback pattern)', () => {
  // prepare / act
  const timelines = caseTimelines(normaliseHistory(CALLBACK_HISTORY), callback!, { shape: 'flat', cases: CALLBACK_DATASET.requests });

  it('finds one timeline per Map iteration, named by the dataset case at its index', () => {
    expect(timelines.map((t) => [t.caseId, t.index])).toEqual([['0', 0], ['1', 1], ['2', 2]]);
  });

  it('follows each iteration through interleaved events: scheduled, started, submitted, ended', () => {
    expect(timelines[0]).toMatchObject({ outcome: 'succeeded', iterationStartMs: T0 + 30, attempts: [{ scheduledMs: T0 + 50, startedMs: T0 + 60, submittedMs: T0 + 100, endMs: T0 + 5100 }] });
    expect(caseEndMs(timelines[0]!)).toBe(T0 + 5100);
  });

  it('keeps every attempt of a retried case, and its final error', () => {
    const retried = timelines[1]!;
    expect(retried.attempts).toEqual([
      { scheduledMs: T0 + 51, startedMs: T0 + 61, endMs: T0 + 101, error: 'EventBridge.FailedEntry' },
      { scheduledMs: T0 + 1101, startedMs: T0 + 1110, submittedMs: T0 + 1150, endMs: T0 + 6150, error: 'ComputationFailed' },
    ]);
    expect(retried).toMatchObject({ outcome: 'failed', error: 'ComputationFailed', iterationEndMs: T0 + 6180 });
  });

  it('reads a TaskTimedOut as States.Timeout', () => {
    expect(timelines[2]).toMatchObject({ outcome: 'failed', error: 'States.Timeout', iterationStartMs: T0 + 5130 });
  });

  it('does not take the Summarize task for a case', () => {
    expect(timelines.flatMap((t) => t.attempts)).toHaveLength(4);
  });
});
