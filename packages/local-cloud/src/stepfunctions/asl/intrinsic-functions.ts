import { createHash, randomInt, randomUUID } from 'node:crypto';
import { LOCAL_LIMITS } from '../limits';
import { intrinsicFailure as fail } from './intrinsic-parser';

/** Argument checks, each naming the function and the argument in its States.IntrinsicFailure. */
function count(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) fail(`${name} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
}
function str(name: string, v: unknown, what: string): string {
  return typeof v === 'string' ? v : fail(`${name}: ${what} must be a string, got ${JSON.stringify(v)}`);
}
function int(name: string, v: unknown, what: string): number {
  return typeof v === 'number' && Number.isInteger(v) ? v : fail(`${name}: ${what} must be an integer, got ${JSON.stringify(v)}`);
}
/**
 * An argument the guide says is rounded: "If you specify a non-integer value …, Step Functions
 * will round it off to the nearest integer". Halves round up (1.5 → 2, -1.5 → -1), which is
 * what AWS answers: MathAdd(1.49, 1.5) is 3 and MathAdd(-1.5, -1.51) is -3.
 */
function rounded(name: string, v: unknown, what: string): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : fail(`${name}: ${what} must be a number, got ${JSON.stringify(v)}`);
}
function arr(name: string, v: unknown, what: string): unknown[] {
  return Array.isArray(v) ? v : fail(`${name}: ${what} must be an array, got ${JSON.stringify(v)}`);
}
/** "The input array can't exceed Step Functions' payload size limit of 256 KiB." */
function payloadArray(name: string, v: unknown): unknown[] {
  const items = arr(name, v, 'the first argument');
  if (Buffer.byteLength(JSON.stringify(items), 'utf8') > LOCAL_LIMITS.intrinsicArrayMaxBytes) {
    fail(`${name}: the input array is larger than ${LOCAL_LIMITS.intrinsicArrayMaxBytes} bytes`);
  }
  return items;
}
function limitChars(name: string, s: string): string {
  if (s.length > LOCAL_LIMITS.intrinsicStringMaxChars) fail(`${name}: input is longer than ${LOCAL_LIMITS.intrinsicStringMaxChars} characters`);
  return s;
}
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const sameJson = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

const HASH_ALGORITHMS: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/**
 * `{}` placeholders filled in order. `escapes`: the template is a string literal of the
 * invocation, whose `\{` `\}` `\'` `\\` stand for the characters; a template read from a path is
 * plain text.
 */
export function format(template: string, args: unknown[], escapes: boolean): string {
  let out = '';
  let argIndex = 0;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (escapes && ch === '\\') {
      out += template[++i] ?? '';
    } else if (ch === '{' && template[i + 1] === '}') {
      if (argIndex >= args.length) fail(`States.Format: more placeholders than arguments in '${template}'`);
      const v = args[argIndex++];
      out += typeof v === 'string' ? v : JSON.stringify(v);
      i++;
    } else out += ch;
  }
  if (argIndex !== args.length) fail(`States.Format: ${args.length} arguments for ${argIndex} placeholders in '${template}'`);
  return out;
}

/** A seeded States.MathRandom repeats itself: a small deterministic generator (mulberry32). */
function seededRandom(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function split(s: string, delimiters: string): string[] {
  if (delimiters === '') return [s];
  const parts: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (delimiters.includes(ch)) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.filter((p) => p !== '');
}

type Fn = (n: string, a: unknown[]) => unknown;

/** Every intrinsic but States.Format (whose template needs its raw literal), per the developer guide. */
export const INTRINSICS: Readonly<Record<string, Fn>> = {
  'States.StringToJson': (n, a) => {
    count(n, a, 1);
    try {
      return JSON.parse(str(n, a[0], 'the argument'));
    } catch {
      return fail(`${n}: argument is not JSON text: ${String(a[0]).slice(0, 200)}`);
    }
  },
  'States.JsonToString': (n, a) => (count(n, a, 1), JSON.stringify(a[0])),
  'States.Array': (_n, a) => a,
  'States.ArrayPartition': (n, a) => {
    count(n, a, 2);
    const items = payloadArray(n, a[0]);
    const size = rounded(n, a[1], 'the chunk size');
    if (size <= 0) fail(`${n}: chunk size must be a positive integer, got ${JSON.stringify(a[1])}`);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  },
  'States.ArrayContains': (n, a) => (count(n, a, 2), payloadArray(n, a[0]).some((v) => sameJson(v, a[1]))),
  'States.ArrayRange': (n, a) => {
    count(n, a, 3);
    const [start, end, step] = [rounded(n, a[0], 'start'), rounded(n, a[1], 'end'), rounded(n, a[2], 'step')];
    if (step === 0) fail(`${n}: step must not be 0`);
    const out: number[] = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
      out.push(v);
      if (out.length > LOCAL_LIMITS.arrayRangeMaxItems) fail(`${n}: more than ${LOCAL_LIMITS.arrayRangeMaxItems} items`);
    }
    return out;
  },
  'States.ArrayGetItem': (n, a) => {
    count(n, a, 2);
    const items = arr(n, a[0], 'the first argument');
    const index = int(n, a[1], 'the index');
    if (index < 0 || index >= items.length) fail(`${n}: index ${index} out of bounds (length ${items.length})`);
    return items[index];
  },
  'States.ArrayLength': (n, a) => (count(n, a, 1), arr(n, a[0], 'the argument').length),
  'States.ArrayUnique': (n, a) => {
    count(n, a, 1);
    const seen = new Set<string>();
    return arr(n, a[0], 'the argument').filter((v) => {
      const key = JSON.stringify(v);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
  'States.Base64Encode': (n, a) => (count(n, a, 1), Buffer.from(limitChars(n, str(n, a[0], 'the argument')), 'utf8').toString('base64')),
  'States.Base64Decode': (n, a) => {
    count(n, a, 1);
    const s = limitChars(n, str(n, a[0], 'the argument'));
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) fail(`${n}: argument is not base64`);
    return Buffer.from(s, 'base64').toString('utf8');
  },
  'States.Hash': (n, a) => {
    count(n, a, 2);
    const algorithm = HASH_ALGORITHMS[str(n, a[1], 'the algorithm')];
    if (!algorithm) return fail(`${n}: algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
    const data = typeof a[0] === 'string' ? a[0] : JSON.stringify(a[0]);
    return createHash(algorithm).update(limitChars(n, data), 'utf8').digest('hex');
  },
  'States.JsonMerge': (n, a) => {
    count(n, a, 3);
    if (a[2] !== false) fail(`${n}: only shallow merge is supported (third argument must be false)`);
    if (!isObject(a[0]) || !isObject(a[1])) fail(`${n}: both arguments must be JSON objects`);
    return { ...(a[0] as object), ...(a[1] as object) };
  },
  'States.MathRandom': (n, a) => {
    count(n, a, 2, 3);
    const lo = rounded(n, a[0], 'start');
    const hi = rounded(n, a[1], 'end');
    if (hi <= lo) fail(`${n}: end must be greater than start`);
    return a.length === 3 ? lo + Math.floor(seededRandom(rounded(n, a[2], 'seed')) * (hi - lo)) : randomInt(lo, hi);
  },
  'States.MathAdd': (n, a) => {
    count(n, a, 2);
    const operand = (v: unknown, what: string): number => {
      const x = rounded(n, v, what);
      if (x < LOCAL_LIMITS.mathAddMin || x > LOCAL_LIMITS.mathAddMax) fail(`${n}: ${what} ${x} is outside ${LOCAL_LIMITS.mathAddMin}..${LOCAL_LIMITS.mathAddMax}`);
      return x;
    };
    return operand(a[0], 'the first argument') + operand(a[1], 'the second argument');
  },
  'States.StringSplit': (n, a) => (count(n, a, 2), split(str(n, a[0], 'the string'), str(n, a[1], 'the delimiter'))),
  'States.UUID': (n, a) => (count(n, a, 0), randomUUID()),
};
