import { outcomesOfResultFile } from '../src/result-files';
import { failed, item, succeeded } from './support/map-run';

describe('outcomesOfResultFile', () => {
  it('takes each succeeded child its outcome, with where it was read', () => {
    // act
    const read = outcomesOfResultFile([succeeded(item('0'), { caseId: '0', durationMs: 5002 }), succeeded(item('1'), { caseId: '1', error: 'ComputationFailed' })], 'SUCCEEDED_0.json');

    // assert
    expect(read).toEqual({
      outcomes: [
        { outcome: { caseId: '0', durationMs: 5002 }, path: 'SUCCEEDED_0.json[0].Output' },
        { outcome: { caseId: '1', error: 'ComputationFailed' }, path: 'SUCCEEDED_0.json[1].Output' },
      ],
      issues: [],
    });
  });

  it('takes every outcome of a batch (the child inline Map over its Items)', () => {
    // prepare
    const batch = { Items: [{ caseId: '0' }, { caseId: '1' }], BatchInput: { requestId: 'r1' } };

    // act
    const read = outcomesOfResultFile([succeeded(batch, [{ caseId: '0', durationMs: 1 }, { error: 'ValidationError' }])], 'SUCCEEDED_0.json');

    // assert
    expect(read.outcomes).toEqual([
      { outcome: { caseId: '0', durationMs: 1 }, path: 'SUCCEEDED_0.json[0].Output[0]' },
      { outcome: { error: 'ValidationError' }, path: 'SUCCEEDED_0.json[0].Output[1]' },
    ]);
  });

  it('makes every case of a child that failed outright a failure with its Error and Cause, or its Status', () => {
    // prepare
    const batch = { Items: [{ caseId: '4' }, { caseId: 5 }], BatchInput: { requestId: 'r1' } };

    // act
    const read = outcomesOfResultFile(
      [failed(item('3'), 'States.Timeout', 'The execution timed out after 300 seconds.'), failed(batch, undefined, 'aborted by the Map Run', 'ABORTED')],
      'FAILED_0.json',
    );

    // assert
    expect(read.outcomes).toEqual([
      { outcome: { caseId: '3', error: 'States.Timeout', cause: 'The execution timed out after 300 seconds.' }, path: 'FAILED_0.json[0].Input' },
      { outcome: { caseId: '4', error: 'ABORTED', cause: 'aborted by the Map Run' }, path: 'FAILED_0.json[1].Input.Items[0]' },
      { outcome: { error: 'ABORTED', cause: 'aborted by the Map Run' }, path: 'FAILED_0.json[1].Input.Items[1]' },
    ]);
  });

  it.each([
    ['a file that is not an array', { entries: 1 }, 'SUCCEEDED_0.json'],
    ['an entry without Status', [{ Input: '{}' }], 'SUCCEEDED_0.json[0].Status'],
    ['an Output that is not JSON', [{ ...succeeded(item('0'), {}), Output: '{oops' }], 'SUCCEEDED_0.json[0].Output'],
    ['a succeeded child without Output', [{ Status: 'SUCCEEDED', Input: '{}' }], 'SUCCEEDED_0.json[0].Output'],
    ['an uncompacted ComputeResult', [succeeded(item('0'), { requestId: 'r1', request: { caseId: '0' }, durationMs: 1, state: 'SUCCEEDED' })], 'SUCCEEDED_0.json[0].Output.caseId'],
  ])('reports %s at its place', (_what, entries, path) => {
    // act
    const read = outcomesOfResultFile(entries, 'SUCCEEDED_0.json');

    // assert
    expect(read.issues[0]?.path).toBe(path);
  });
});
