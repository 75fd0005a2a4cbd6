import ipaddr from 'ipaddr.js';
import { EVENTBRIDGE_LIMITS } from '../limits';
import { PatternError, type ExcludableMatcher, type LeafMatcher, type NumericBound, type Scalar } from './types';

/** Every operator name a match expression may use; none may be a field name inside `$or`. */
export const OPERATORS = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'cidr', 'exists'] as const;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field's value list (`"state": [ … ]`): exact values and match expressions, any of which may match. */
export function compileLeaf(values: readonly Json[], path: string): LeafMatcher[] {
  if (values.length === 0) throw new PatternError('Empty arrays are not allowed', path);
  return values.map((v, i) => {
    const at = `${path}[${i}]`;
    if (isObject(v)) return compileExpression(v, at);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return { op: 'equals', value: v };
    if (typeof v === 'number') return { op: 'equals', value: v };
    throw new PatternError('Match value must be String, number, true, false, or null', at);
  });
}

function soleEntry(expr: Record<string, Json>, at: string, what = 'match expression'): [string, Json] {
  const entries = Object.entries(expr);
  if (entries.length === 0) throw new PatternError(`${what} name not found`, at);
  if (entries.length > 1) throw new PatternError(`Only one key allowed in ${what}`, at);
  return entries[0] as [string, Json];
}

function requireString(v: Json, op: string, at: string): string {
  if (typeof v !== 'string') throw new PatternError(`${op} match pattern must be a string`, `${at}.${op}`);
  return v;
}

function compileExpression(expr: Record<string, Json>, at: string): LeafMatcher {
  const [op, arg] = soleEntry(expr, at);
  switch (op) {
    case 'prefix':
    case 'suffix':
      return compileAffix(op, arg, at);
    case 'equals-ignore-case':
      return { op, value: requireString(arg, op, at) };
    case 'wildcard':
      return { op, regex: compileWildcard(requireString(arg, op, at), `${at}.${op}`) };
    case 'anything-but':
      return { op, excluded: compileAnythingBut(arg, `${at}.anything-but`) };
    case 'numeric':
      return compileNumeric(arg, `${at}.numeric`);
    case 'cidr':
      return { op, network: compileCidr(requireString(arg, op, at), `${at}.cidr`) };
    case 'exists':
      if (typeof arg !== 'boolean') throw new PatternError('exists match pattern must be either true or false.', `${at}.exists`);
      return { op, value: arg };
    default:
      throw new PatternError(`Unrecognized match type ${op}`, at);
  }
}

/** `{"prefix": "x"}` or `{"prefix": {"equals-ignore-case": "x"}}` (likewise suffix). */
function compileAffix(op: 'prefix' | 'suffix', arg: Json, at: string): LeafMatcher {
  if (isObject(arg)) {
    const [inner, value] = soleEntry(arg, `${at}.${op}`);
    if (inner !== 'equals-ignore-case') throw new PatternError(`Unsupported ${op} pattern: ${inner}`, `${at}.${op}`);
    return { op, value: requireString(value, inner, `${at}.${op}`), ignoreCase: true };
  }
  return { op, value: requireString(arg, op, at), ignoreCase: false };
}

function compileAnythingBut(arg: Json, at: string): ExcludableMatcher[] {
  if (isObject(arg)) {
    const [inner, value] = soleEntry(arg, at, 'anything-but expression');
    const innerAt = `${at}.${inner}`;
    switch (inner) {
      case 'prefix':
      case 'suffix': {
        const text = requireString(value, inner, at);
        if (text === '') throw new PatternError('Null prefix/suffix not allowed', innerAt);
        return [{ op: inner, value: text, ignoreCase: false }];
      }
      case 'equals-ignore-case':
        return stringList(value, inner, innerAt).map((s) => ({ op: inner, value: s }));
      case 'wildcard':
        return stringList(value, inner, innerAt).map((s, i) => ({ op: inner, regex: compileWildcard(s, Array.isArray(value) ? `${innerAt}[${i}]` : innerAt) }));
      default:
        throw new PatternError(`Unsupported anything-but pattern: ${inner}`, at);
    }
  }
  if (typeof arg === 'string' || typeof arg === 'number') return [{ op: 'equals', value: checkedNumber(arg, at) }];
  if (!Array.isArray(arg)) throw new PatternError('Value of anything-but must be an array or single string/number value.', at);
  const strings = arg.every((v) => typeof v === 'string');
  const numbers = arg.every((v) => typeof v === 'number');
  if (arg.length === 0 || (!strings && !numbers)) {
    throw new PatternError('Inside anything but list, either all values are number or string, mixed type is not supported', at);
  }
  return arg.map((v, i) => ({ op: 'equals', value: checkedNumber(v as string | number, `${at}[${i}]`) }));
}

function stringList(value: Json, op: string, at: string): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
  throw new PatternError(`Inside anything-but/${op}, only a string or a non-empty list of strings is supported`, at);
}

function checkedNumber<T extends Scalar>(v: T, at: string): T {
  if (typeof v === 'number' && (v < EVENTBRIDGE_LIMITS.numericMin || v > EVENTBRIDGE_LIMITS.numericMax)) {
    throw new PatternError(`Value ${v} is out of the numeric range ${EVENTBRIDGE_LIMITS.numericMin} to ${EVENTBRIDGE_LIMITS.numericMax}`, at);
  }
  return v;
}

/** `["=", n]`, `[">"|">=", n]`, `["<"|"<=", n]`, or `[">"|">=", a, "<"|"<=", b]` with a < b. */
function compileNumeric(arg: Json, at: string): LeafMatcher {
  if (!Array.isArray(arg)) throw new PatternError('Value of numeric must be an array.', at);
  const operand = (i: number, op: unknown): number => {
    const v: unknown = arg[i];
    if (typeof v !== 'number') throw new PatternError(`Value of ${String(op)} must be numeric`, `${at}[${i}]`);
    return checkedNumber(v, `${at}[${i}]`);
  };
  const op: unknown = arg[0];
  if (typeof op !== 'string') throw new PatternError(`Invalid member in numeric match: ${JSON.stringify(op)}`, `${at}[0]`);
  const tooMany = (n: number): void => {
    if (arg.length > n) throw new PatternError('Too many elements in numeric expression', `${at}[${n}]`);
  };
  if (op === '=') {
    const value = operand(1, op);
    tooMany(2);
    return { op: 'numeric', equals: value };
  }
  if (op === '<' || op === '<=') {
    const upper: NumericBound = { value: operand(1, op), open: op === '<' };
    tooMany(2);
    return { op: 'numeric', upper };
  }
  if (op !== '>' && op !== '>=') throw new PatternError(`Unrecognized numeric range operator: ${op}`, `${at}[0]`);
  const lower: NumericBound = { value: operand(1, op), open: op === '>' };
  if (arg.length === 2) return { op: 'numeric', lower };
  const topOp: unknown = arg[2];
  if (topOp !== '<' && topOp !== '<=') throw new PatternError(`Bad numeric range operator: ${String(topOp)}`, `${at}[2]`);
  const upper: NumericBound = { value: operand(3, topOp), open: topOp === '<' };
  tooMany(4);
  if (!(lower.value < upper.value)) throw new PatternError(`Bottom must be less than top (${lower.value} >= ${upper.value})`, at);
  return { op: 'numeric', lower, upper };
}

function compileCidr(text: string, at: string): readonly [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const valid = text.includes(':') ? ipaddr.IPv6.isValidCIDR(text) : ipaddr.IPv4.isValidCIDRFourPartDecimal(text);
  if (!valid) throw new PatternError(`Malformed CIDR '${text}': expected an IPv4 or IPv6 address, '/', and a prefix length`, at);
  return ipaddr.parseCIDR(text);
}

/**
 * `*` matches any run of characters (none included); `\*` is a literal asterisk and `\\` a
 * literal backslash. Two `*` in a row and any other escape are refused, as event-ruler does.
 */
export function compileWildcard(text: string, at: string): RegExp {
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '*') {
      if (text[i + 1] === '*') throw new PatternError(`Consecutive wildcard characters at pos ${i + 1}`, at);
      source += '[\\s\\S]*';
    } else if (c === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') throw new PatternError(`Invalid escape character at pos ${i + 1}`, at);
      source += `\\${next}`;
      i++;
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'u');
}
