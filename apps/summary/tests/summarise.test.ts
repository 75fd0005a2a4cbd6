import fc from 'fast-check';
import { type FanInFailure, type FanInSuccess, SUMMARY_CAUSE_MAX_CHARS, SUMMARY_MAX_ERROR_NAMES, SUMMARY_MAX_FAILURES, SUMMARY_OTHER_ERRORS } from '@fanout/shared-types';
import { compareCaseIds, durationStats, nearestRank, summarise } from '../src/summarise';

const ok = (caseId: string, durationMs: number): FanInSuccess => ({ caseId, durationMs });
const ko = (caseId: string, error = 'ComputationFailed', cause = 'bad data'): FanInFailure => ({ caseId, error, cause });

describe('nearestRank / durationStats', () => {
  it('takes the value at rank ceil(p/100 * n), never interpolating', () => {
    // prepare
    const sorted = Array.from({ length: 20 }, (_, i) => (i + 1) * 10); // 10 … 200

    // act / assert
    expect(nearestRank(sorted, 50)).toBe(100); // rank 10
    expect(nearestRank(sorted, 95)).toBe(190); // rank 19
    expect(nearestRank([7], 95)).toBe(7);
    expect(nearestRank([], 50)).toBe(0);
    expect(durationStats([300, 100, 200])).toEqual({ min: 100, p50: 200, p95: 300, max: 300, total: 600 });
  });
});

describe('summarise', () => {
  it('summarises a Parallel of slots with mixed results, a missing and a duplicated case', () => {
    // prepare: slot 0 holds 0,1 and a duplicate of 1; slot 1 holds 2 (failed); case 3 never came back
    const input = {
      requestId: 'r1',
      expectedCaseIds: ['0', '1', '2', '3'],
      results: [[ok('0', 5000), ok('1', 5100), ok('1', 5300)], [ko('2', 'DiskFull', 'no space')]],
    };

    // act
    const { summary, unexpected } = summarise(input);

    // assert
    expect(summary).toEqual({
      requestId: 'r1',
      expected: 4,
      cases: 3,
      succeeded: 2,
      failed: 1,
      missing: ['3'],
      duplicated: ['1'],
      unfinished: 2,
      unfinishedPercentage: 50,
      failures: [{ caseId: '2', error: 'DiskFull', cause: 'no space' }],
      failuresByError: { DiskFull: 1 },
      durationMs: { min: 5000, p50: 5000, p95: 5100, max: 5100, total: 10100 },
    });
    expect(unexpected).toEqual([]);
  });

  it('accepts the flat results of one Map and counts a retried case once, as succeeded', () => {
    // act
    const { summary } = summarise({ requestId: 'r1', expectedCaseIds: ['a', 'b'], results: [ko('a'), ok('a', 10), ok('b', 20)] });

    // assert
    expect(summary).toMatchObject({ cases: 2, succeeded: 2, failed: 0, duplicated: ['a'], failures: [], failuresByError: {}, durationMs: { min: 10, max: 20, total: 30 } });
  });

  it('gives zeros, not NaN, when nothing succeeded', () => {
    // act
    const { summary } = summarise({ requestId: 'r1', expectedCaseIds: [], results: [] });

    // assert
    expect(summary.durationMs).toEqual({ min: 0, p50: 0, p95: 0, max: 0, total: 0 });
  });

  it('reports cases that were not expected', () => {
    // act
    const { summary, unexpected } = summarise({ requestId: 'r1', expectedCaseIds: ['a'], results: [ok('a', 1), ok('z', 2)] });

    // assert
    expect(unexpected).toEqual(['z']);
    expect(summary.cases).toBe(2);
  });

  it('lists at most SUMMARY_MAX_FAILURES failures in caseId order and counts all of them by error name', () => {
    // prepare: 2,000 failures in reverse order, each with a long cause, and a few successes
    const causes = 'x'.repeat(2_000);
    const failures = Array.from({ length: 2_000 }, (_, i) => ko(String(1_999 - i), i % 3 === 0 ? 'DiskFull' : 'ComputationFailed', causes));
    const input = { requestId: 'r1', expectedCaseIds: [], results: [...failures, ok('ok-1', 5), ok('ok-2', 7)] };

    // act
    const { summary } = summarise(input);

    // assert
    expect(summary.failed).toBe(2_000);
    expect(summary.failures).toHaveLength(SUMMARY_MAX_FAILURES);
    expect(summary.failures.map((f) => f.caseId)).toEqual(Array.from({ length: SUMMARY_MAX_FAILURES }, (_, i) => String(i)));
    expect(summary.failures[0]?.cause).toHaveLength(SUMMARY_CAUSE_MAX_CHARS);
    expect(summary.failuresByError).toEqual({ ComputationFailed: 1_333, DiskFull: 667 });
    expect(Object.values(summary.failuresByError).reduce((a, b) => a + b, 0)).toBe(summary.failed);
    expect(summary.succeeded).toBe(2);
  });

  it('folds error names beyond SUMMARY_MAX_ERROR_NAMES into one count, and counts "__proto__" as a name', () => {
    // prepare: one more distinct name than kept, plus two "__proto__" failures
    const names = Array.from({ length: SUMMARY_MAX_ERROR_NAMES + 1 }, (_, i) => `Error${String(i).padStart(3, '0')}`);
    const results = [...names.map((name, i) => ko(`c${i}`, name)), ko('p1', '__proto__'), ko('p2', '__proto__')];

    // act
    const { summary } = summarise({ requestId: 'r1', expectedCaseIds: [], results });

    // assert
    expect(Object.keys(summary.failuresByError)).toHaveLength(SUMMARY_MAX_ERROR_NAMES + 1);
    expect(Object.getOwnPropertyDescriptor(summary.failuresByError, '__proto__')?.value).toBe(2);
    expect(summary.failuresByError[SUMMARY_OTHER_ERRORS]).toBe(2);
    expect(Object.values(summary.failuresByError).reduce((a, b) => a + b, 0)).toBe(summary.failed);
  });

  it('summarises a case the computing Lambda rejected (extra field), and names a failure without a valid caseId by where it sat', () => {
    // prepare: what the Catch records for a case with an unknown field, and for items without a usable caseId
    const rejected = { caseId: '1', error: 'ValidationError', cause: '{"errorType":"ValidationError"}' };
    const noCaseId = { error: 'ValidationError', cause: 'c' };
    const emptyCaseId = { caseId: '', error: 'ValidationError' };
    const input = { requestId: 'r1', expectedCaseIds: ['0', '1', '2', '3'], results: [[ok('0', 10), rejected], [noCaseId, emptyCaseId]] };

    // act
    const { summary, unexpected } = summarise(input);

    // assert
    expect(summary).toMatchObject({ cases: 4, succeeded: 1, failed: 3, missing: ['2', '3'], failuresByError: { ValidationError: 3 } });
    expect(summary.failures).toEqual([
      { caseId: '(invalid caseId at results[1][0])', error: 'ValidationError', cause: 'c' },
      { caseId: '(invalid caseId at results[1][1])', error: 'ValidationError' },
      { caseId: '1', error: 'ValidationError', cause: '{"errorType":"ValidationError"}' },
    ]);
    expect(unexpected).toEqual([]);
  });

  it.each([
    ['none unfinished', ['0', '1'], [ok('0', 1), ok('1', 1)], 0, 0],
    ['one failed of three (rounded up)', ['0', '1', '2'], [ok('0', 1), ok('1', 1), ko('2')], 1, 33.34],
    ['one failed, one missing of four', ['0', '1', '2', '3'], [ok('0', 1), ko('1'), ok('2', 1)], 2, 50],
    ['every case failed without a caseId, though none was expected', [], [{ error: 'ValidationError' }, { error: 'ValidationError' }], 2, 100],
    ['an empty request', [], [], 0, 0],
  ])('counts unfinished cases (failed + missing) and their share of every case: %s', (_label, expectedCaseIds, results, unfinished, percentage) => {
    // act
    const { summary } = summarise({ requestId: 'r1', expectedCaseIds, results });

    // assert
    expect([summary.unfinished, summary.unfinishedPercentage]).toEqual([unfinished, percentage]);
  });

  it('orders caseIds numerically where they are numbers', () => {
    expect(['10', '9', 'b', '1a', '2', 'a'].sort(compareCaseIds)).toEqual(['1a', '2', '9', '10', 'a', 'b']);
    expect(['case-10', 'case-9', 'case-09', 'case-1b'].sort(compareCaseIds)).toEqual(['case-1b', 'case-09', 'case-9', 'case-10']);
    expect(['18446744073709551617', '18446744073709551616'].sort(compareCaseIds)).toEqual(['18446744073709551616', '18446744073709551617']);
  });

  it('orders caseIds totally: antisymmetric, equal only when identical, and a sort is ordered pairwise', () => {
    const caseId = fc.stringMatching(/^[0-9a-c_-]{0,6}$/);
    fc.assert(
      fc.property(caseId, caseId, (a, b) => {
        expect(Math.sign(compareCaseIds(a, b)) + Math.sign(compareCaseIds(b, a))).toBe(0);
        expect(compareCaseIds(a, b) === 0).toBe(a === b);
      }),
    );
    fc.assert(
      fc.property(fc.array(caseId, { maxLength: 12 }), (ids) => {
        const sorted = [...ids].sort(compareCaseIds);
        sorted.forEach((a, i) => sorted.slice(i + 1).forEach((b) => expect(compareCaseIds(a, b)).toBeLessThanOrEqual(0)));
      }),
    );
  });

  it('reports a caseId the request lists twice as duplicated, and still summarises', () => {
    // act
    const { summary } = summarise({ requestId: 'r1', expectedCaseIds: ['0', '0', '1', '2'], results: [[ok('0', 5)], [ok('1', 7)]] });

    // assert
    expect(summary).toMatchObject({ cases: 2, succeeded: 2, missing: ['2'], duplicated: ['0'] });
  });

  it.each([
    ['a success without duration', { requestId: 'r1', expectedCaseIds: [], results: [{ caseId: '0' }] }, /results\[0\]\.durationMs/],
    ['a negative duration', { requestId: 'r1', expectedCaseIds: [], results: [[{ ...ok('0', 1), durationMs: -1 }]] }, /results\[0\]\[0\]\.durationMs/],
    ['no expectedCaseIds', { requestId: 'r1', results: [] }, /expectedCaseIds/],
    ['an uncompacted result deep in a branch (the fan-in keeps caseId and durationMs only)', { requestId: 'r1', expectedCaseIds: [], results: [[ok('0', 1)], [ok('1', 1), ok('2', 1), ok('3', 1), { ...ok('4', 1), state: 'SUCCEEDED' }]] }, /results\[1\]\[3\]\.state/],
    ['a failure whose error is not a string', { requestId: 'r1', expectedCaseIds: [], results: [[{ caseId: '0', error: 7 }]] }, /results\[0\]\[0\]\.error: error must be a string/],
    ['an outcome that is not an object', { requestId: 'r1', expectedCaseIds: [], results: [[ok('0', 1), 'done']] }, /results\[0\]\[1\]: must be an outcome/],
    ['a mix of outcomes and branch arrays', { requestId: 'r1', expectedCaseIds: [], results: [[ok('0', 1)], ok('1', 1)] }, /results\[1\]: is not an array but results\[0\] is one/],
  ])('rejects %s with a ValidationError naming the field', (_label, input, where) => {
    // act
    const error = (() => {
      try {
        summarise(input);
      } catch (e) {
        return e;
      }
      return undefined;
    })();

    // assert
    expect(error).toMatchObject({ name: 'ValidationError' });
    expect((error as Error).message).toMatch(where);
  });
});
