import { CallbackEventSchema, ComputeInputSchema, ValidationError, parseFlatRequest, parseSlottedRequest, parseWith } from '../src';
import { caughtValidationError } from '../testing/caught-validation-error';

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
    const error = caughtValidationError(() =>
      parseFlatRequest({ requestId: '1', requests: [{ caseId: '0' }, { caseId: 7 }], length: '2' }, 'datasets/flat/dataset_2.json'),
    );

    // assert
    expect(error.name).toBe('ValidationError');
    expect(error.message).toContain('datasets/flat/dataset_2.json');
    expect(error.issues).toEqual([{ path: 'requests[1].caseId', message: 'caseId must be a string' }]);
  });

  it('rejects unknown fields, such as a misspelt caseId', () => {
    const error = caughtValidationError(() => parseFlatRequest({ requestId: '1', requests: [{ caseID: '0' }], length: '1' }));
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['requests[0].caseId', 'requests[0].caseID']));
  });

  it('rejects a numeric length and a length that disagrees with the cases', () => {
    expect(caughtValidationError(() => parseFlatRequest({ requestId: '1', requests: [], length: 0 })).issues[0]?.path).toBe('length');
    const wrong = caughtValidationError(() => parseFlatRequest({ requestId: '1', requests: [{ caseId: 'a' }], length: '2' }));
    expect(wrong.issues[0]).toEqual({ path: 'length', message: 'says "2" but requests holds 1 cases' });
  });

  it('rejects duplicate caseIds, naming both places', () => {
    const error = caughtValidationError(() =>
      parseFlatRequest({ requestId: '1', requests: [{ caseId: 'a' }, { caseId: 'b' }, { caseId: 'a' }], length: '3' }),
    );
    expect(error.issues).toEqual([{ path: 'requests[2].caseId', message: 'duplicate caseId "a" (first at requests[0])' }]);
  });

  it('rejects a negative or fractional duration', () => {
    const error = caughtValidationError(() =>
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
    const error = caughtValidationError(() =>
      parseSlottedRequest({ requestId: '1', requestSlots: [{ requests: [{ caseId: 'x' }] }, { requests: [{ caseId: 'x' }] }] }),
    );
    expect(error.issues).toEqual([
      { path: 'requestSlots[1].requests[0].caseId', message: 'duplicate caseId "x" (first at requestSlots[0].requests[0])' },
    ]);
  });

  it('rejects a request without slots', () => {
    expect(caughtValidationError(() => parseSlottedRequest({ requestId: '1', requestSlots: [] })).issues[0]?.path).toBe('requestSlots');
  });
});

describe('Lambda event schemas', () => {
  it('validates a compute input', () => {
    expect(() => parseWith(ComputeInputSchema, { requestId: '1', request: { caseId: '3' } }, 'event', 'compute input')).not.toThrow();
    const error = caughtValidationError(() => parseWith(ComputeInputSchema, { requestId: '1' }, 'event', 'compute input'));
    expect(error.issues[0]?.path).toBe('request');
  });

  it('validates the callback event and points at a missing token', () => {
    const event = { source: 'com.computing.lambda', 'detail-type': 'ComputeRequested', id: 'e1', detail: { payload: { requestId: '1', request: { caseId: '0' } } } };
    const error = caughtValidationError(() => parseWith(CallbackEventSchema, event, 'event', 'callback event'));
    expect(error.issues[0]?.path).toBe('detail.taskToken');
  });
});
