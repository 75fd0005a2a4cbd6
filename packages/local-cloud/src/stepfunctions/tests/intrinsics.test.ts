// Expected values are the AWS Step Functions developer guide's intrinsic-function examples
// (the SHA-1 digest checked against coreutils' sha1sum).
import { evaluateIntrinsic } from '../asl/intrinsics';
import { StatesError } from '../asl/errors';

const run = (expr: string, input: unknown = {}, ctx: unknown = {}): unknown => evaluateIntrinsic(expr, input, ctx, 'S');
const nine = { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] };

describe('intrinsic functions (docs examples)', () => {
  it.each([
    ["States.Format('Hello, my name is {}.', $.name)", { name: 'Arnav' }, 'Hello, my name is Arnav.'],
    ['States.StringToJson($.escapedJsonString)', { escapedJsonString: '{"foo": "bar"}' }, { foo: 'bar' }],
    ['States.JsonToString($.unescapedJson)', { unescapedJson: { foo: 'bar' } }, '{"foo":"bar"}'],
    ["States.Array('Foo', 2020, $.someJson, null)", { someJson: { random: 'abcdefghij' } }, ['Foo', 2020, { random: 'abcdefghij' }, null]],
    ['States.ArrayPartition($.inputArray,4)', nine, [[1, 2, 3, 4], [5, 6, 7, 8], [9]]],
    ['States.ArrayContains($.inputArray, $.lookingFor)', { ...nine, lookingFor: 5 }, true],
    ['States.ArrayRange(1, 9, 2)', {}, [1, 3, 5, 7, 9]],
    ['States.ArrayGetItem($.inputArray, $.index)', { ...nine, index: 5 }, 6],
    ['States.ArrayLength($.inputArray)', nine, 9],
    ['States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] }, [1, 2, 3, 4]],
    ['States.Base64Encode($.input)', { input: 'Data to encode' }, 'RGF0YSB0byBlbmNvZGU='],
    ['States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' }, 'Data to encode'],
    ['States.Hash($.Data, $.Algorithm)', { Data: 'input data', Algorithm: 'SHA-1' }, 'aaff4a450a104cd177d28d18d74485e8cae074b7'],
    [
      'States.JsonMerge($.json1, $.json2, false)',
      { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } },
      { a: { a3: 1, a4: 2 }, b: 2, c: 3 },
    ],
    ['States.MathAdd($.value1, $.step)', { value1: 111, step: -1 }, 110],
    ['States.StringSplit($.inputString, $.splitter)', { inputString: '1,2,3,4,5', splitter: ',' }, ['1', '2', '3', '4', '5']],
    ['States.StringSplit($.inputString, $.splitter)', { inputString: 'This.is+a,test=string', splitter: '.+,=' }, ['This', 'is', 'a', 'test', 'string']],
  ])('%s', (expr, input, expected) => {
    expect(run(expr, input)).toEqual(expected);
  });

  it('nests calls and reads the context object', () => {
    expect(run("States.Format('{} has {} items', $$.Execution.Name, States.ArrayLength($.xs))", { xs: [1, 2] }, { Execution: { Name: 'ex1' } })).toBe(
      'ex1 has 2 items'
    );
  });

  it('keeps escaped braces and quotes in Format', () => {
    expect(run("States.Format('literal \\{\\} and \\'quoted\\' {}', $.v)", { v: 7 })).toBe("literal {} and 'quoted' 7");
  });

  it('MathRandom stays in range and repeats itself with a seed', () => {
    const v = run('States.MathRandom(1, 999)') as number;
    expect(v).toBeGreaterThanOrEqual(1);
    expect(v).toBeLessThan(999);
    expect(run('States.MathRandom(1, 999, 42)')).toBe(run('States.MathRandom(1, 999, 42)'));
  });

  it('UUID is a v4 UUID', () => {
    expect(run('States.UUID()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ['States.ArrayGetItem($.inputArray, 20)', nine],
    ['States.JsonMerge($.a, $.a, true)', { a: {} }],
    ["States.Hash('x', 'SHA-3')", {}],
    ["States.StringToJson('not json')", {}],
    ['States.Nope(1)', {}],
    ["States.Format('{} {}', 1)", {}],
  ])('%s fails with States.IntrinsicFailure', (expr, input) => {
    expect.assertions(1);
    try {
      run(expr, input);
    } catch (err) {
      expect((err as StatesError).error).toBe('States.IntrinsicFailure');
    }
  });
});
