import { PathMatchedNothingError, applyTemplate, evaluatePath, isIndefinitePath } from './support/payload-template';

describe('payload templates (test helper)', () => {
  const input = { items: [{ id: 'a' }, { id: 'b' }], one: [{ id: 'a' }], none: [] as { id: string }[], list: [1, 2] };

  it('tells indefinite paths (wildcard, deep scan, filter, union, slice) from definite ones', () => {
    expect(['$.items[*].id', '$..id', '$.items[?(@.id)]', '$.items[0,1]', '$.items[0:1]', '$.*'].map(isIndefinitePath)).toEqual([true, true, true, true, true, true]);
    expect(['$', '$.items', '$.items[0].id', "$['items']"].map(isIndefinitePath)).toEqual([false, false, false, false]);
  });

  it('returns an array for an indefinite path whatever the number of matches, as AWS does', () => {
    expect(evaluatePath('$.items[*].id', input, {})).toEqual(['a', 'b']);
    expect(evaluatePath('$.one[*].id', input, {})).toEqual(['a']);
    expect(evaluatePath('$.none[*].id', input, {})).toEqual([]);
  });

  it('returns the value of a definite path, arrays included, and fails when it matches nothing', () => {
    expect(evaluatePath('$.list', input, {})).toEqual([1, 2]);
    expect(evaluatePath('$.none', input, {})).toEqual([]);
    expect(evaluatePath('$.items[1].id', input, {})).toBe('b');
    expect(() => evaluatePath('$.missing', input, {})).toThrow(PathMatchedNothingError);
  });

  it('reads $$ paths from the context object and copies other keys as they are', () => {
    expect(applyTemplate({ 'id.$': '$$.Map.Item.Value.id', fixed: 'x', nested: { 'n.$': '$.list' } }, input, { Map: { Item: { Value: { id: 'c' } } } })).toEqual({
      id: 'c',
      fixed: 'x',
      nested: { n: [1, 2] },
    });
  });
});
