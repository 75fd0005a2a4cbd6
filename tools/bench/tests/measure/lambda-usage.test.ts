import { lambdaUsage } from '../../src/measure/lambda-usage';

const start = (id: string, ms: number) => ({ timestamp: ms, message: `START RequestId: ${id} Version: $LATEST` });
const report = (id: string, ms: number, duration: number) => ({ timestamp: ms, message: `REPORT RequestId: ${id}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.ceil(duration)} ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB` });
const caseLine = (id: string, caseId: string, ms: number) => ({ timestamp: ms, message: JSON.stringify({ level: 'info', message: 'computing', caseId, awsRequestId: id }) });

describe('Lambda usage from the logs of one run', () => {
  it('does not count an invocation starting in the millisecond its predecessor ended as running beside it', () => {
    // prepare: one slot, A runs 1000–1999.6, B starts at 1999 (its start truncated to the millisecond)
    const lines = [start('A', 1000), caseLine('A', '0', 1000), report('A', 2000, 999.6), start('B', 1999), caseLine('B', '1', 1999), report('B', 3000, 1000)];
    // act
    const usage = lambdaUsage({ state: 'complete', lines }, [], 1000, false);
    // assert
    expect(usage.peakConcurrency).toBe(1);
    expect(usage.billedMs).toBe(2000);
  });

  it('leaves out invocations that started before the execution (an earlier run in the log window)', () => {
    const lines = [start('old', 900), caseLine('old', '0', 900), report('old', 1500, 600), start('A', 1000), caseLine('A', '0', 1000), report('A', 2000, 1000)];
    const usage = lambdaUsage({ state: 'complete', lines }, [], 1000, false);
    expect(usage.invocations.map((i) => i.requestId)).toEqual(['A']);
    expect(usage.duplicateInvocations).toBe(0);
  });

  it('leaves out an invocation whose start is not in the log window, only its end (the previous run ending just before)', () => {
    // prepare: "old" started before the window; its last handler line and its REPORT are inside it
    const lines = [caseLine('old', '0', 950), report('old', 960, 5000), start('A', 1000), caseLine('A', '0', 1000), report('A', 2000, 1000)];
    // act
    const usage = lambdaUsage({ state: 'complete', lines }, [], 1000, false);
    // assert
    expect(usage).toMatchObject({ reported: 1, billedMs: 1000, duplicateInvocations: 0 });
  });

  it('counts a case invoked twice as one duplicate', () => {
    const lines = [start('A', 1000), caseLine('A', '7', 1000), report('A', 2000, 1000), start('B', 1500), caseLine('B', '7', 1500), report('B', 2500, 1000)];
    expect(lambdaUsage({ state: 'complete', lines }, [], 1000, false)).toMatchObject({ duplicateInvocations: 1, peakConcurrency: 2, reported: 2 });
  });
});
