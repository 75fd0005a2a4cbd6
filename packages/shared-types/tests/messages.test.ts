import {
  CallbackEventSchema,
  ComputeInputSchema,
  SummaryInputSchema,
  ValidationError,
  failedCaseId,
  invalidCaseIdLabel,
  parseFlatRequest,
  parseSlottedRequest,
  parseSummaryInput,
  parseWith,
} from '../src';

function caughtError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseFlatRequest', () => {
  it('accepts the seeds format', () => {
    // prepare
    const text = '{"requestId":"123456","requests":[{"caseId":"0"},{"caseId":"1"}],"length":"2"}';

    // act
    const request = parseFlatRequest(JSON.parse(text));

    // assert
    expect(request.requests.map((c) => c.caseId)).toEqual(['0', '1']);
    expect(JSON.stringify(request)).toBe(text);
  });

  it('accepts the optional simulation fields', () => {
    const request = parseFlatRequest({
      requestId: 'r',
      requests: [{ caseId: '0', durationMs: 10, failure: { error: 'ComputationFailed', cause: 'injected' } }],
      length: '1',
    });
    expect(request.requests[0]?.failure?.error).toBe('ComputationFailed');
  });

  it('names the file, the field and the index of a bad case', () => {
    // act
    const error = caughtError(() =>
      parseFlatRequest({ requestId: '1', requests: [{ caseId: '0' }, { caseId: 7 }], length: '2' }, 'datasets/flat/dataset_2.json'),
    );

    // assert
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain('datasets/flat/dataset_2.json');
    expect(error.issues).toEqual([{ path: 'requests[1].caseId', message: 'caseId must be a string' }]);
  });

  it('rejects unknown fields, such as a misspelt caseId', () => {
    const error = caughtError(() => parseFlatRequest({ requestId: '1', requests: [{ caseID: '0' }], length: '1' }));
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['requests[0].caseId', 'requests[0].caseID']));
  });

  it('rejects a numeric length and a length that disagrees with the cases', () => {
    expect(caughtError(() => parseFlatRequest({ requestId: '1', requests: [], length: 0 })).issues[0]?.path).toBe('length');
    const wrong = caughtError(() => parseFlatRequest({ requestId: '1', requests: [{ caseId: 'a' }], length: '2' }));
    expect(wrong.issues[0]).toEqual({ path: 'length', message: 'says "2" but requests holds 1 cases' });
  });

  it('rejects duplicate caseIds, naming both places', () => {
    const error = caughtError(() =>
      parseFlatRequest({ requestId: '1', requests: [{ caseId: 'a' }, { caseId: 'b' }, { caseId: 'a' }], length: '3' }),
    );
    expect(error.issues).toEqual([{ path: 'requests[2].caseId', message: 'duplicate caseId "a" (first at requests[0])' }]);
  });

  it('rejects a negative or fractional duration', () => {
    const error = caughtError(() =>
      parseFlatRequest({ requestId: '1', requests: [{ caseId: 'a', durationMs: -1 }, { caseId: 'b', durationMs: 1.5 }], length: '2' }),
    );
    expect(error.issues.map((i) => i.path)).toEqual(['requests[0].durationMs', 'requests[1].durationMs']);
  });
});

describe('parseSlottedRequest', () => {
  it('accepts the seeds format', () => {
    const request = parseSlottedRequest({ requestId: '123456', requestSlots: [{ requests: [{ caseId: '0' }] }, { requests: [] }] });
    expect(request.requestSlots).toHaveLength(2);
  });

  it('finds duplicates across slots', () => {
    const error = caughtError(() =>
      parseSlottedRequest({ requestId: '1', requestSlots: [{ requests: [{ caseId: 'x' }] }, { requests: [{ caseId: 'x' }] }] }),
    );
    expect(error.issues).toEqual([
      { path: 'requestSlots[1].requests[0].caseId', message: 'duplicate caseId "x" (first at requestSlots[0].requests[0])' },
    ]);
  });

  it('rejects a request without slots', () => {
    expect(caughtError(() => parseSlottedRequest({ requestId: '1', requestSlots: [] })).issues[0]?.path).toBe('requestSlots');
  });
});

describe('Lambda event schemas', () => {
  it('validates a compute input', () => {
    expect(() => parseWith(ComputeInputSchema, { requestId: '1', request: { caseId: '3' } }, 'event', 'compute input')).not.toThrow();
    const error = caughtError(() => parseWith(ComputeInputSchema, { requestId: '1' }, 'event', 'compute input'));
    expect(error.issues[0]?.path).toBe('request');
  });

  it('validates the callback event and points at a missing token', () => {
    const event = { source: 'com.computing.lambda', 'detail-type': 'ComputeRequested', id: 'e1', detail: { payload: { requestId: '1', request: { caseId: '0' } } } };
    const error = caughtError(() => parseWith(CallbackEventSchema, event, 'event', 'callback event'));
    expect(error.issues[0]?.path).toBe('detail.taskToken');
  });

  it('accepts summary input as one array or one array per branch', () => {
    const ok = { requestId: '1', request: { caseId: '0' }, durationMs: 5, state: 'SUCCEEDED' };
    const failed = { requestId: '1', request: { caseId: '1' }, state: 'FAILED', error: 'E', cause: 'c' };
    expect(() => parseWith(SummaryInputSchema, { requestId: '1', expectedCaseIds: ['0', '1'], results: [ok, failed] }, 'e', 's')).not.toThrow();
    expect(() => parseWith(SummaryInputSchema, { requestId: '1', expectedCaseIds: ['0', '1'], results: [[ok], [failed]] }, 'e', 's')).not.toThrow();
    expect(() => parseWith(SummaryInputSchema, { requestId: '1', expectedCaseIds: [], results: [{ state: 'MAYBE' }] }, 'e', 's')).toThrow(ValidationError);
  });
});

describe('parseSummaryInput', () => {
  const ok = (caseId: string) => ({ requestId: '1', request: { caseId }, durationMs: 5, state: 'SUCCEEDED' });
  const failed = (request: unknown) => ({ requestId: '1', request, state: 'FAILED', error: 'ValidationError', cause: 'c' });

  it('accepts flat and per-branch results and gives each outcome its path', () => {
    // act
    const flat = parseSummaryInput({ requestId: '1', expectedCaseIds: [], results: [ok('0'), failed({ caseId: '1' })] });
    const nested = parseSummaryInput({ requestId: '1', expectedCaseIds: [], results: [[ok('0')], [], [ok('2'), failed({ caseId: '3' })]] });

    // assert
    expect(flat.outcomes.map((o) => o.path)).toEqual(['results[0]', 'results[1]']);
    expect(nested.outcomes.map((o) => o.path)).toEqual(['results[0][0]', 'results[2][0]', 'results[2][1]']);
    expect(nested.outcomes[2]?.outcome).toMatchObject({ state: 'FAILED', request: { caseId: '3' } });
  });

  it('accepts a failed case whatever its request held (the reason it failed), and one without a cause', () => {
    // prepare: what the Catch records for a case compute-direct rejected for an unknown field
    const rejected = failed({ caseId: '1', colour: 'red' });
    const noCause = { requestId: '1', request: { caseId: '2' }, state: 'FAILED', error: 'States.Timeout' };

    // act
    const input = parseSummaryInput({ requestId: '1', expectedCaseIds: ['1'], results: [[ok('0')], [rejected, noCause]] });

    // assert
    expect(input.outcomes.map((o) => o.outcome.request)).toEqual([{ caseId: '0' }, { caseId: '1', colour: 'red' }, { caseId: '2' }]);
    expect(() => parseWith(SummaryInputSchema, { requestId: '1', expectedCaseIds: [], results: [[rejected]] }, 'e', 's')).not.toThrow();
  });

  it.each([
    ['a wrong state', [[ok('0')], [ok('1'), ok('2'), ok('3'), { ...ok('4'), state: 'MAYBE' }]], 'results[1][3].state'],
    ['a succeeded case with an unknown field', [[ok('0')], [{ ...ok('1'), request: { caseId: '1', colour: 'red' } }]], 'results[1][0].request.colour'],
    ['a negative duration in a flat list', [ok('0'), { ...ok('1'), durationMs: -3 }], 'results[1].durationMs'],
    ['a failure without error', [[{ requestId: '1', request: {}, state: 'FAILED' }]], 'results[0][0].error'],
    ['a failure whose request is not an object', [[failed('case 1')]], 'results[0][0].request'],
    ['an outcome that is not an object', [[ok('0'), null]], 'results[0][1]'],
    ['a branch that is not an array', [[ok('0')], ok('1')], 'results[1]'],
    ['an array among flat outcomes', [ok('0'), [ok('1')]], 'results[1]'],
  ])('names the exact item and field of %s', (_label, results, path) => {
    // act
    const error = caughtError(() => parseSummaryInput({ requestId: '1', expectedCaseIds: [], results }, 'summary event'));

    // assert
    expect(error.issues.map((i) => i.path)).toEqual([path]);
    expect(error.message).toContain('summary event');
    expect(error.message).not.toContain('Expected (Object | Array)');
  });
});

describe('failedCaseId', () => {
  it('uses caseId when it is a valid one, else nothing (the summary labels it by position)', () => {
    expect(failedCaseId({ caseId: '7', extra: true })).toBe('7');
    expect(failedCaseId({ caseId: 7 })).toBeUndefined();
    expect(failedCaseId({ caseId: '' })).toBeUndefined();
    expect(failedCaseId({ caseId: 'x'.repeat(257) })).toBeUndefined();
    expect(failedCaseId({})).toBeUndefined();
    expect(invalidCaseIdLabel('results[1][3]')).toBe('(invalid caseId at results[1][3])');
  });
});
