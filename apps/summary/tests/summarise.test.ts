import type { CaseFailure, ComputeResult } from '@fanout/shared-types';
import { durationStats, nearestRank, summarise } from '../src/summarise';

const ok = (caseId: string, durationMs: number, requestId = 'r1'): ComputeResult => ({ requestId, request: { caseId }, durationMs, state: 'SUCCEEDED' });
const ko = (caseId: string, error = 'ComputationFailed', cause = 'bad data'): CaseFailure => ({ requestId: 'r1', request: { caseId }, state: 'FAILED', error, cause });

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
      cases: 3,
      succeeded: 2,
      failed: 1,
      missing: ['3'],
      duplicated: ['1'],
      failures: [{ caseId: '2', error: 'DiskFull', cause: 'no space' }],
      durationMs: { min: 5000, p50: 5000, p95: 5100, max: 5100, total: 10100 },
    });
    expect(unexpected).toEqual([]);
  });

  it('accepts the flat results of one Map and counts a retried case once, as succeeded', () => {
    // act
    const { summary } = summarise({ requestId: 'r1', expectedCaseIds: ['a', 'b'], results: [ko('a'), ok('a', 10), ok('b', 20)] });

    // assert
    expect(summary).toMatchObject({ cases: 2, succeeded: 2, failed: 0, duplicated: ['a'], failures: [], durationMs: { min: 10, max: 20, total: 30 } });
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

  it.each([
    ['a result without state', { requestId: 'r1', expectedCaseIds: [], results: [{ requestId: 'r1', request: { caseId: '0' } }] }, /results\[0\]/],
    ['a negative duration', { requestId: 'r1', expectedCaseIds: [], results: [[{ ...ok('0', 1), durationMs: -1 }]] }, /results\[0\]\[0\]\.durationMs/],
    ['no expectedCaseIds', { requestId: 'r1', results: [] }, /expectedCaseIds/],
    ['a duplicated expected caseId', { requestId: 'r1', expectedCaseIds: ['0', '0'], results: [] }, /expectedCaseIds\[1\]: duplicate caseId "0"/],
    ["another request's result", { requestId: 'r1', expectedCaseIds: [], results: [[ok('0', 1), ok('1', 1, 'r2')]] }, /results\[0\]\[1\]\.requestId: is "r2"/],
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
