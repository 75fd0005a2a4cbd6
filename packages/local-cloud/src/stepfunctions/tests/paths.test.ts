// JSONPath edge cases as Step Functions (Jayway JSONPath) reads them.
import { StatesError } from '../asl/errors';
import { applyInputPath } from '../asl/payload';

describe('paths', () => {
  it('[-1] is the last item, a definite path as in Jayway JSONPath', () => {
    expect(applyInputPath('$.a[-1]', { a: [1, 2, 3] }, 'S')).toBe(3);
    expect(() => applyInputPath('$.a[-4]', { a: [1, 2, 3] }, 'S')).toThrow(StatesError);
  });

  it('an indefinite path over an empty or missing array yields [] (not States.Runtime)', () => {
    expect(applyInputPath('$.a[*].b', { a: [] }, 'S')).toEqual([]);
    expect(applyInputPath('$.items[?(@.n > 1)]', { items: [{ n: 1 }] }, 'S')).toEqual([]);
  });

  it('a path that does not start with $ is States.Runtime, not an empty match', () => {
    expect(() => applyInputPath('a.b', { a: { b: 1 } }, 'S')).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });
});
