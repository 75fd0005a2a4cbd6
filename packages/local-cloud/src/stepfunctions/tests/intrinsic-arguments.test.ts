// Intrinsic arguments as the developer guide states them ("Intrinsic functions for JSONPath
// states"): non-integers rounded where it says so, the 256 KiB array bound, MathAdd's 32-bit
// range, and the escapes of string literals (\' \{ \} \\; any other backslash is an error).
import { StatesError } from '../asl/errors';
import { evaluateIntrinsic } from '../asl/intrinsics';

const run = (expr: string, input: unknown = {}): unknown => evaluateIntrinsic(expr, input, {}, 'S');
const errorOf = (expr: string, input: unknown = {}): string => {
  try {
    run(expr, input);
  } catch (err) {
    return (err as StatesError).error;
  }
  return 'no error';
};

describe('non-integer arguments are rounded to the nearest integer', () => {
  // AWS's own answers for these inputs (halves round up, also below zero).
  it.each([
    [1.49, 1.5, 3],
    [1.5, 1.51, 4],
    [-1.49, -1.5, -2],
    [-1.5, -1.51, -3],
  ])('States.MathAdd(%d, %d) is %d', (a, b, sum) => {
    expect(run('States.MathAdd($.a, $.b)', { a, b })).toBe(sum);
  });

  it('States.ArrayRange rounds start, end and step', () => {
    expect(run('States.ArrayRange(1.5, 6.4, 1.6)')).toEqual([2, 4, 6]);
  });

  it('States.ArrayPartition rounds the chunk size', () => {
    expect(run('States.ArrayPartition($.xs, 2.5)', { xs: [1, 2, 3, 4, 5] })).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('States.MathRandom rounds start and end (start inclusive, end exclusive)', () => {
    for (let i = 0; i < 50; i++) expect([2, 3]).toContain(run('States.MathRandom(1.5, 3.6)'));
  });

  it('a chunk size that rounds to 0, a zero step, a non-number stay States.IntrinsicFailure', () => {
    expect(errorOf('States.ArrayPartition($.xs, 0.4)', { xs: [1] })).toBe('States.IntrinsicFailure');
    expect(errorOf('States.ArrayRange(1, 5, 0.2)')).toBe('States.IntrinsicFailure');
    expect(errorOf("States.MathAdd('1', 2)")).toBe('States.IntrinsicFailure');
  });
});

describe('bounds', () => {
  it('States.MathAdd takes operands in -2147483648..2147483647', () => {
    expect(run('States.MathAdd(2147483647, -2147483648)')).toBe(-1);
    expect(errorOf('States.MathAdd(2147483648, 1)')).toBe('States.IntrinsicFailure');
  });

  it('ArrayPartition and ArrayContains refuse an input array over 256 KiB', () => {
    const xs = ['x'.repeat(262_144)];
    expect(errorOf('States.ArrayContains($.xs, 1)', { xs })).toBe('States.IntrinsicFailure');
    expect(errorOf('States.ArrayPartition($.xs, 1)', { xs })).toBe('States.IntrinsicFailure');
  });
});

describe('escapes in string literals', () => {
  it.each([
    ["States.Array('it\\'s')", ["it's"]],
    ["States.Array('a\\{b\\}c')", ['a{b}c']],
    ["States.Array('back\\\\slash')", ['back\\slash']],
    ["States.Format('\\\\{}', 'x')", ['\\x']],
  ])('%s', (expr, expected) => {
    const out = run(expr);
    expect(Array.isArray(out) ? out : [out]).toEqual(expected);
  });

  it('an open escape (a backslash before any other character) is a runtime error', () => {
    expect(errorOf("States.Array('line\\nbreak')")).toBe('States.Runtime');
    expect(errorOf('States.StringToJson(\'{"a":"\\"q\\""}\')')).toBe('States.Runtime');
  });

  it('a template read from a path is plain text: its backslashes stay, its {} are still filled', () => {
    expect(run('States.Format($.t, 1)', { t: 'C:\\dir\\{}' })).toBe('C:\\dir\\1');
  });
});
