// Invalid patterns are refused with the reason and the field path, as EventBridge refuses them.
import { compilePattern } from '../pattern/compile-pattern';
import { PatternError } from '../pattern/types';

function refusal(pattern: unknown): PatternError {
  const text = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
  try {
    compilePattern(text);
  } catch (err) {
    if (err instanceof PatternError) return err;
    throw err;
  }
  throw new Error(`pattern was accepted: ${text}`);
}

describe('pattern validation', () => {
  it.each([
    ['not JSON', '{"source": [', 'not valid JSON', ''],
    ['not an object', '["aws.ec2"]', 'Filter is not an object', ''],
    ['an empty object', {}, 'Empty objects are not allowed', ''],
    ['a scalar field', { source: 'aws.ec2' }, '"source" must be an object or an array', 'source'],
    ['an empty value list', { detail: { state: [] } }, 'Empty arrays are not allowed', 'detail.state'],
    ['a nested array', { source: [['a']] }, 'Match value must be String', 'source[0]'],
    ['an unknown operator', { source: [{ contains: 'x' }] }, 'Unrecognized match type contains', 'source[0]'],
    ['two operators in one expression', { source: [{ prefix: 'a', suffix: 'b' }] }, 'Only one key allowed', 'source[0]'],
    ['a prefix on a number', { n: [{ prefix: 5 }] }, 'prefix match pattern must be a string', 'n[0].prefix'],
    ['a suffix on a number', { n: [{ suffix: 5 }] }, 'suffix match pattern must be a string', 'n[0].suffix'],
    ['equals-ignore-case on a number', { n: [{ 'equals-ignore-case': 1 }] }, 'must be a string', 'n[0].equals-ignore-case'],
    ['exists with a string', { n: [{ exists: 'yes' }] }, 'exists match pattern must be either true or false.', 'n[0].exists'],
    ['numeric without an array', { n: [{ numeric: 5 }] }, 'Value of numeric must be an array.', 'n[0].numeric'],
    ['numeric with a bad operator', { n: [{ numeric: ['!=', 5] }] }, 'Unrecognized numeric range operator', 'n[0].numeric[0]'],
    ['numeric with a string operand', { n: [{ numeric: ['>', '5'] }] }, 'Value of > must be numeric', 'n[0].numeric[1]'],
    ['numeric with extra terms', { n: [{ numeric: ['=', 5, '<', 6] }] }, 'Too many elements', 'n[0].numeric[2]'],
    ['numeric with an upper bound first', { n: [{ numeric: ['<', 5, '>', 1] }] }, 'Too many elements', 'n[0].numeric[2]'],
    ['an inverted numeric range', { n: [{ numeric: ['>', 5, '<', 1] }] }, 'Bottom must be less than top', 'n[0].numeric'],
    ['a numeric beyond the range', { n: [{ numeric: ['>', 1e10] }] }, 'out of the numeric range', 'n[0].numeric[1]'],
    ['anything-but with mixed types', { n: [{ 'anything-but': ['a', 1] }] }, 'mixed type is not supported', 'n[0].anything-but'],
    ['anything-but with null', { n: [{ 'anything-but': null }] }, 'must be an array or single string/number', 'n[0].anything-but'],
    ['anything-but with an empty prefix', { n: [{ 'anything-but': { prefix: '' } }] }, 'Null prefix/suffix not allowed', 'n[0].anything-but.prefix'],
    ['anything-but numeric', { n: [{ 'anything-but': { numeric: ['>', 1] } }] }, 'Unsupported anything-but pattern: numeric', 'n[0].anything-but'],
    ['a malformed cidr', { ip: [{ cidr: '10.0.0.0' }] }, 'Malformed CIDR', 'ip[0].cidr'],
    ['a cidr past 32 bits', { ip: [{ cidr: '10.0.0.0/33' }] }, 'Malformed CIDR', 'ip[0].cidr'],
    ['consecutive wildcards', { f: [{ wildcard: 'a**b' }] }, 'Consecutive wildcard characters at pos 2', 'f[0].wildcard'],
    ['a bad wildcard escape', { f: [{ wildcard: 'a\\b' }] }, 'Invalid escape character at pos 2', 'f[0].wildcard'],
    ['$or with one alternative', { $or: [{ a: ['1'] }] }, 'at least 2 Objects', '$or'],
    ['$or with an object', { $or: { a: ['1'] } }, 'It must be an Array followed with $or.', '$or'],
    ['$or with a scalar alternative', { $or: [{ a: ['1'] }, 'b'] }, 'Only JSON object is allowed', '$or[1]'],
    ['an operator name inside $or', { $or: [{ numeric: ['1'] }, { prefix: ['a'] }] }, 'numeric is Ruler reserved fieldName', '$or[0].numeric'],
  ])('refuses %s', (_what, pattern, reason, path) => {
    // act
    const err = refusal(pattern);
    // assert
    expect(err.reason).toContain(reason);
    expect(err.path).toBe(path);
    expect(err.message).toMatch(/^Event pattern is not valid\. Reason: /);
  });

  it('refuses a pattern over 2,048 characters', () => {
    const long = { source: ['x'.repeat(2050)] };
    expect(refusal(long).reason).toContain('over the 2048-character limit');
  });

  it('refuses $or combinations that multiply past the limit', () => {
    const or = (k: string) => ({ $or: [{ [`${k}1`]: ['a'] }, { [`${k}2`]: ['a'] }, { [`${k}3`]: ['a'] }, { [`${k}4`]: ['a'] }] });
    const pattern = { a: or('a'), b: or('b'), c: or('c'), d: or('d'), e: or('e'), f: or('f') };
    expect(refusal(pattern).reason).toContain('$or combinations exceed');
  });

  it('accepts every documented operator in one pattern', () => {
    const pattern = {
      source: ['aws.ec2', { prefix: 'aws.' }, { suffix: 'ec2' }, { 'equals-ignore-case': 'AWS.EC2' }, { wildcard: 'aws.*' }],
      detail: {
        a: [{ 'anything-but': ['x', 'y'] }, { 'anything-but': { suffix: '.png' } }, { 'anything-but': { wildcard: ['*a', 'b*'] } }],
        n: [{ numeric: ['>=', 0, '<', 1e9] }, 1, null, true, ''],
        ip: [{ cidr: '2001:db8::/32' }, { cidr: '10.0.0.0/8' }],
        e: [{ exists: false }],
        $or: [{ x: [{ prefix: { 'equals-ignore-case': 'AB' } }] }, { y: [{ suffix: { 'equals-ignore-case': 'CD' } }] }],
      },
    };
    expect(compilePattern(JSON.stringify(pattern)).branches).toHaveLength(2);
  });
});
