import { makespanMs, normaliseHistory, stateOutputBytes } from '../../src/measure/history';
import { CALLBACK_HISTORY } from '../support/aws-history';

describe('normaliseHistory', () => {
  it('reads the wire format (epoch seconds) to epoch milliseconds and keeps each event details member', () => {
    // act
    const [first, second] = normaliseHistory(CALLBACK_HISTORY);
    // assert
    expect(first).toMatchObject({ id: 1, previousEventId: 0, type: 'ExecutionStarted', ms: 1_796_000_000_000 });
    expect(second).toMatchObject({ id: 2, type: 'MapStateEntered', ms: 1_796_000_000_010, details: { name: 'ComputeCases' } });
  });

  it('reads the SDK form (Date) and a saved copy (ISO text) the same way, and orders by id', () => {
    // prepare
    const sdk = [
      { id: 2, previousEventId: 1, timestamp: new Date('2026-12-02T10:00:01.500Z'), type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '{}' } },
      { id: 1, previousEventId: 0, timestamp: '2026-12-02T10:00:00.000Z', type: 'ExecutionStarted' },
    ];
    // act
    const events = normaliseHistory(sdk);
    // assert
    expect(events.map((e) => e.id)).toEqual([1, 2]);
    expect(makespanMs(events)).toBe(1500);
    expect(events[0]?.details).toEqual({});
  });

  it('refuses what is not a history event, naming it', () => {
    expect(() => normaliseHistory([{ id: 1, type: 'ExecutionStarted', timestamp: 'yesterday' }])).toThrow(/history event 1: timestamp "yesterday"/);
    expect(() => normaliseHistory([{ hello: 'world' }])).toThrow(/not a history event/);
  });
});

describe('makespan and a state output', () => {
  const events = normaliseHistory(CALLBACK_HISTORY);

  it('spans ExecutionStarted to the execution end, whatever the end', () => {
    expect(makespanMs(events)).toBe(15_430);
    expect(makespanMs(events.slice(0, 10))).toBeUndefined();
  });

  it('measures a state output in UTF-8 bytes and says whether the history cut it', () => {
    const { output } = CALLBACK_HISTORY.find((e) => e.id === 38)?.['stateExitedEventDetails'] as { output: string };
    expect(stateOutputBytes(events, 'ComputeCases')).toEqual({ bytes: Buffer.byteLength(output), truncated: false });
    expect(stateOutputBytes(events, 'NoSuchState')).toBeUndefined();
  });
});
