import ipaddr from 'ipaddr.js';
import { EVENTBRIDGE_LIMITS } from '../limits';
import type { CompiledPattern, LeafMatcher, NumericBound, PatternNode, Scalar } from './types';

type JsonObject = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: JsonObject | undefined, key: string): unknown => (o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined);

/** Whether an event (the parsed envelope) matches a compiled pattern. Pure. */
export function matchesPattern(pattern: CompiledPattern, event: unknown): boolean {
  return pattern.branches.some((branch) => matchNode(branch, event));
}

/**
 * Every condition of a node holds on one object. A child pattern reached through an array in the
 * event must hold inside a single element (array-consistent matching); a missing or scalar value
 * stands for an object without fields, where only `exists: false` holds.
 */
function matchNode(node: PatternNode, value: unknown): boolean {
  const obj = isObject(value) ? value : undefined;
  for (const leaf of node.leaves) {
    if (!matchLeaf(leaf.matchers, scalarsOf(own(obj, leaf.key)))) return false;
  }
  for (const [key, child] of node.children) {
    const candidates = objectsOf(own(obj, key));
    if (!(candidates.length === 0 ? matchNode(child, undefined) : candidates.some((c) => matchNode(child, c)))) return false;
  }
  return true;
}

/** The leaf values at a field: the value itself, or every scalar of an array (nested arrays flattened). Objects are not leaves. */
function scalarsOf(value: unknown, out: Scalar[] = []): Scalar[] {
  if (Array.isArray(value)) for (const v of value) scalarsOf(v, out);
  else if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.push(value);
  return out;
}

function objectsOf(value: unknown, out: JsonObject[] = []): JsonObject[] {
  if (Array.isArray(value)) for (const v of value) objectsOf(v, out);
  else if (isObject(value)) out.push(value);
  return out;
}

function matchLeaf(matchers: readonly LeafMatcher[], values: readonly Scalar[]): boolean {
  return matchers.some((m) => (m.op === 'exists' ? m.value === (values.length > 0) : values.some((v) => matchValue(m, v))));
}

const fold = (s: string): string => s.toLowerCase();

/** Numbers compare at six digits after the point, as EventBridge's numeric matching does. */
const quantize = (n: number): number => Math.round(n * 1e6);
const inNumericRange = (n: number): boolean => n >= EVENTBRIDGE_LIMITS.numericMin && n <= EVENTBRIDGE_LIMITS.numericMax;

function matchValue(m: Exclude<LeafMatcher, { op: 'exists' }>, v: Scalar): boolean {
  switch (m.op) {
    case 'equals':
      if (typeof m.value === 'number') return typeof v === 'number' && (v === m.value || (inNumericRange(v) && quantize(v) === quantize(m.value)));
      return v === m.value;
    case 'prefix':
      return typeof v === 'string' && (m.ignoreCase ? fold(v).startsWith(fold(m.value)) : v.startsWith(m.value));
    case 'suffix':
      return typeof v === 'string' && (m.ignoreCase ? fold(v).endsWith(fold(m.value)) : v.endsWith(m.value));
    case 'equals-ignore-case':
      return typeof v === 'string' && fold(v) === fold(m.value);
    case 'wildcard':
      return typeof v === 'string' && m.regex.test(v);
    case 'anything-but':
      return !m.excluded.some((e) => matchValue(e, v));
    case 'numeric':
      return typeof v === 'number' && inNumericRange(v) && numericHolds(m, quantize(v));
    case 'cidr':
      return typeof v === 'string' && inNetwork(v, m.network);
  }
}

function numericHolds(m: { lower?: NumericBound; upper?: NumericBound; equals?: number }, q: number): boolean {
  if (m.equals !== undefined && q !== quantize(m.equals)) return false;
  if (m.lower && !(m.lower.open ? q > quantize(m.lower.value) : q >= quantize(m.lower.value))) return false;
  if (m.upper && !(m.upper.open ? q < quantize(m.upper.value) : q <= quantize(m.upper.value))) return false;
  return true;
}

function inNetwork(text: string, network: readonly [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  const [base, bits] = network;
  if (base.kind() === 'ipv4') {
    if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return false;
    return ipaddr.IPv4.parse(text).match(base, bits);
  }
  if (!ipaddr.IPv6.isValid(text)) return false;
  return ipaddr.IPv6.parse(text).match(base, bits);
}
