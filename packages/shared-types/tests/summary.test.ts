import { SummaryInputSchema, ValidationError, failedCaseId, invalidCaseIdLabel, parseSummaryInput, parseWith, unfinishedPercentage } from '../src';
import { caughtValidationError } from '../testing/caught-validation-error';

const ok = (caseId: string) => ({ caseId, durationMs: 5 });
const failed = (caseId?: string) => ({ ...(caseId === undefined ? {} : { caseId }), error: 'ValidationError' });

describe('SummaryInputSchema', () => {
  it('accepts the compact outcomes as one array or one array per branch, and nothing else', () => {
    expect(() => parseWith(SummaryInputSchema, { requestId: '1', expectedCaseIds: ['0', '1'], results: [ok('0'), failed('1')] }, 'e', 's')).not.toThrow();
    expect(() => parseWith(SummaryInputSchema, { requestId: '1', expectedCaseIds: ['0', '1'], results: [[ok('0')], [failed()]] }, 'e', 's')).not.toThrow();
    // The ComputeResult a Lambda returns is not a fan-in outcome: the state machine must have compacted it.
    expect(() => parseWith(SummaryInputSchema, { requestId: '1', expectedCaseIds: [], results: [{ requestId: '1', request: { caseId: '0' }, durationMs: 5, state: 'SUCCEEDED' }] }, 'e', 's')).toThrow(ValidationError);
  });
});

describe('parseSummaryInput', () => {
  it('accepts flat and per-branch results, tells failures (with error) from successes, and gives each outcome its path', () => {
    // act
    const flat = parseSummaryInput({ requestId: '1', expectedCaseIds: [], results: [ok('0'), failed('1')] });
    const nested = parseSummaryInput({ requestId: '1', expectedCaseIds: [], results: [[ok('0')], [], [ok('2'), failed()]] });

    // assert
    expect(flat.outcomes.map((o) => o.path)).toEqual(['results[0]', 'results[1]']);
    expect(nested.outcomes.map((o) => o.path)).toEqual(['results[0][0]', 'results[2][0]', 'results[2][1]']);
    expect(nested.outcomes[2]?.outcome).toEqual({ error: 'ValidationError' });
  });

  it.each([
    ['a success with an extra field', [[ok('0')], [ok('1'), ok('2'), ok('3'), { ...ok('4'), state: 'SUCCEEDED' }]], 'results[1][3].state'],
    ['a negative duration in a flat list', [ok('0'), { ...ok('1'), durationMs: -3 }], 'results[1].durationMs'],
    ['a success without caseId', [[{ durationMs: 1 }]], 'results[0][0].caseId'],
    ['a failure whose error is not a string', [[{ caseId: '0', error: null }]], 'results[0][0].error'],
    ['an outcome that is not an object', [[ok('0'), null]], 'results[0][1]'],
    ['a branch that is not an array', [[ok('0')], ok('1')], 'results[1]'],
    ['an array among flat outcomes', [ok('0'), [ok('1')]], 'results[1]'],
  ])('names the exact item and field of %s', (_label, results, path) => {
    // act
    const error = caughtValidationError(() => parseSummaryInput({ requestId: '1', expectedCaseIds: [], results }, 'summary event'));

    // assert
    expect(error.issues.map((i) => i.path)).toEqual([path]);
    expect(error.message).toContain('summary event');
  });
});

describe('failedCaseId', () => {
  it('uses caseId when it is a valid one, else nothing (the summary labels it by position)', () => {
    expect(failedCaseId({ caseId: '7', error: 'E' })).toBe('7');
    expect(failedCaseId({ caseId: '', error: 'E' })).toBeUndefined();
    expect(failedCaseId({ caseId: 'x'.repeat(257), error: 'E' })).toBeUndefined();
    expect(failedCaseId({ error: 'E' })).toBeUndefined();
    expect(invalidCaseIdLabel('results[1][3]')).toBe('(invalid caseId at results[1][3])');
  });
});

describe('unfinishedPercentage', () => {
  it.each([
    [0, 0, 0],
    [0, 10, 0],
    [1, 3, 33.34],
    [1, 100_000, 0.01],
    [5, 100, 5],
    [7, 7, 100],
  ])('%i of %i → %f %% (rounded up, so a threshold of two decimals compares as the exact ratio would)', (unfinished, total, percent) => {
    expect(unfinishedPercentage(unfinished, total)).toBe(percent);
  });
});
