import { createHash, randomInt, randomUUID } from 'node:crypto';
import { LOCAL_LIMITS } from '../limits';
import { StatesError, STATES_ERRORS } from './errors';
import { queryInputOrContext } from './json-path';

type Arg = { kind: 'literal'; value: unknown } | { kind: 'path'; path: string } | { kind: 'call'; name: string; args: Arg[] };

const fail = (message: string): never => {
  throw new StatesError(STATES_ERRORS.intrinsicFailure, message);
};

/** Recursive-descent parser for `States.X(arg, …)`; string literals use '…' with \ escapes. */
class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  parseCall(): Arg & { kind: 'call' } {
    this.skip();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.i));
    if (!m) return fail(`Invalid intrinsic function call '${this.text}'`);
    this.i += m[0].length;
    this.skip();
    this.expect('(');
    const args: Arg[] = [];
    this.skip();
    if (this.text[this.i] !== ')') {
      for (;;) {
        args.push(this.parseArg());
        this.skip();
        if (this.text[this.i] === ',') {
          this.i++;
          continue;
        }
        break;
      }
    }
    this.expect(')');
    return { kind: 'call', name: m[0], args };
  }

  parseWhole(): Arg & { kind: 'call' } {
    const call = this.parseCall();
    this.skip();
    if (this.i !== this.text.length) fail(`Unexpected text after intrinsic function in '${this.text}'`);
    return call;
  }

  private parseArg(): Arg {
    this.skip();
    const c = this.text[this.i];
    if (c === "'") return { kind: 'literal', value: this.parseString() };
    if (c === '$') {
      let j = this.i;
      let depth = 0;
      let quote: string | null = null;
      while (j < this.text.length) {
        const ch = this.text[j] as string;
        if (quote) {
          if (ch === quote) quote = null;
        } else if (ch === "'" || ch === '"') quote = ch;
        else if (ch === '[' || ch === '(') depth++;
        else if (ch === ']' || ch === ')') {
          if (depth === 0) break;
          depth--;
        } else if (ch === ',' && depth === 0) break;
        j++;
      }
      const path = this.text.slice(this.i, j).trim();
      this.i = j;
      return { kind: 'path', path };
    }
    if (this.text.startsWith('States.', this.i)) return this.parseCall();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.i));
    if (!m) return fail(`Invalid argument at position ${this.i} in '${this.text}'`);
    this.i += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) };
  }

  private parseString(): string {
    this.i++;
    let out = '';
    while (this.i < this.text.length) {
      const ch = this.text[this.i] as string;
      if (ch === '\\') {
        out += ch + (this.text[this.i + 1] ?? '');
        this.i += 2;
        continue;
      }
      if (ch === "'") {
        this.i++;
        return out;
      }
      out += ch;
      this.i++;
    }
    return fail(`Unterminated string in '${this.text}'`);
  }

  private skip(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  private expect(ch: string): void {
    if (this.text[this.i] !== ch) fail(`Expected '${ch}' at position ${this.i} in '${this.text}'`);
    this.i++;
  }
}

/** Removes the escapes of a string literal (\' \{ \} \\) for functions other than Format. */
function unescapeLiteral(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

const parsedCache = new Map<string, Arg & { kind: 'call' }>();

export function isIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

interface EvalScope {
  input: unknown;
  context: unknown;
  where: string;
}

/** Evaluates an intrinsic function expression against the state input and context object. */
export function evaluateIntrinsic(text: string, input: unknown, context: unknown, where: string): unknown {
  const cached = parsedCache.get(text);
  const call = cached ?? new Parser(text).parseWhole();
  if (!cached) parsedCache.set(text, call);
  return evalCall(call, { input, context, where });
}

function evalArg(arg: Arg, scope: EvalScope, rawStrings: boolean): unknown {
  if (arg.kind === 'literal') {
    return typeof arg.value === 'string' && !rawStrings ? unescapeLiteral(arg.value) : arg.value;
  }
  if (arg.kind === 'path') return queryInputOrContext(arg.path, scope.input, scope.context, scope.where);
  return evalCall(arg, scope);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function expectArgs(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    fail(`${name} takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
  }
}
function str(name: string, v: unknown, what: string): string {
  return typeof v === 'string' ? v : fail(`${name}: ${what} must be a string, got ${JSON.stringify(v)}`);
}
function int(name: string, v: unknown, what: string): number {
  return typeof v === 'number' && Number.isInteger(v) ? v : fail(`${name}: ${what} must be an integer, got ${JSON.stringify(v)}`);
}
function arr(name: string, v: unknown, what: string): unknown[] {
  return Array.isArray(v) ? v : fail(`${name}: ${what} must be an array, got ${JSON.stringify(v)}`);
}
function limitChars(name: string, s: string): string {
  if (s.length > LOCAL_LIMITS.intrinsicStringMaxChars) {
    fail(`${name}: input is longer than ${LOCAL_LIMITS.intrinsicStringMaxChars} characters`);
  }
  return s;
}

const HASH_ALGORITHMS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function deepEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function format(template: string, args: unknown[]): string {
  let out = '';
  let argIndex = 0;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (ch === '\\') {
      out += template[i + 1] ?? '';
      i++;
    } else if (ch === '{' && template[i + 1] === '}') {
      if (argIndex >= args.length) fail(`States.Format: more placeholders than arguments in '${template}'`);
      const v = args[argIndex++];
      out += typeof v === 'string' ? v : JSON.stringify(v);
      i++;
    } else {
      out += ch;
    }
  }
  if (argIndex !== args.length) fail(`States.Format: ${args.length} arguments for ${argIndex} placeholders in '${template}'`);
  return out;
}

function evalCall(call: Arg & { kind: 'call' }, scope: EvalScope): unknown {
  const n = call.name;
  // Format keeps its template's escapes so that \{ is not taken for a placeholder.
  const a = call.args.map((arg, i) => evalArg(arg, scope, n === 'States.Format' && i === 0));
  switch (n) {
    case 'States.Format': {
      if (a.length < 1) fail('States.Format needs a template');
      return format(str(n, a[0], 'the template'), a.slice(1));
    }
    case 'States.StringToJson':
      expectArgs(n, a, 1);
      try {
        return JSON.parse(str(n, a[0], 'the argument'));
      } catch {
        return fail(`States.StringToJson: argument is not JSON text: ${String(a[0]).slice(0, 200)}`);
      }
    case 'States.JsonToString':
      expectArgs(n, a, 1);
      return JSON.stringify(a[0]);
    case 'States.Array':
      return a;
    case 'States.ArrayPartition': {
      expectArgs(n, a, 2);
      const items = arr(n, a[0], 'the first argument');
      const size = int(n, a[1], 'the chunk size');
      if (size <= 0) fail(`${n}: chunk size must be positive, got ${size}`);
      const out: unknown[][] = [];
      for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
      return out;
    }
    case 'States.ArrayContains':
      expectArgs(n, a, 2);
      return arr(n, a[0], 'the first argument').some((v) => deepEqual(v, a[1]));
    case 'States.ArrayRange': {
      expectArgs(n, a, 3);
      const [start, end, step] = [int(n, a[0], 'start'), int(n, a[1], 'end'), int(n, a[2], 'step')];
      if (step === 0) fail(`${n}: step must not be 0`);
      const out: number[] = [];
      for (let v = start; step > 0 ? v <= end : v >= end; v += step) {
        out.push(v);
        if (out.length > LOCAL_LIMITS.arrayRangeMaxItems) fail(`${n}: more than ${LOCAL_LIMITS.arrayRangeMaxItems} items`);
      }
      return out;
    }
    case 'States.ArrayGetItem': {
      expectArgs(n, a, 2);
      const items = arr(n, a[0], 'the first argument');
      const index = int(n, a[1], 'the index');
      if (index < 0 || index >= items.length) fail(`${n}: index ${index} out of bounds (length ${items.length})`);
      return items[index];
    }
    case 'States.ArrayLength':
      expectArgs(n, a, 1);
      return arr(n, a[0], 'the argument').length;
    case 'States.ArrayUnique': {
      expectArgs(n, a, 1);
      const seen = new Set<string>();
      return arr(n, a[0], 'the argument').filter((v) => {
        const key = JSON.stringify(v);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    case 'States.Base64Encode':
      expectArgs(n, a, 1);
      return Buffer.from(limitChars(n, str(n, a[0], 'the argument')), 'utf8').toString('base64');
    case 'States.Base64Decode': {
      expectArgs(n, a, 1);
      const s = limitChars(n, str(n, a[0], 'the argument'));
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) fail(`${n}: argument is not base64`);
      return Buffer.from(s, 'base64').toString('utf8');
    }
    case 'States.Hash': {
      expectArgs(n, a, 2);
      const algorithm = HASH_ALGORITHMS[str(n, a[1], 'the algorithm')];
      if (!algorithm) fail(`${n}: algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`);
      const data = typeof a[0] === 'string' ? a[0] : JSON.stringify(a[0]);
      return createHash(algorithm as string)
        .update(limitChars(n, data), 'utf8')
        .digest('hex');
    }
    case 'States.JsonMerge': {
      expectArgs(n, a, 3);
      if (a[2] !== false) fail(`${n}: only shallow merge is supported (third argument must be false)`);
      if (!isObject(a[0]) || !isObject(a[1])) fail(`${n}: both arguments must be JSON objects`);
      return { ...(a[0] as object), ...(a[1] as object) };
    }
    case 'States.MathRandom': {
      expectArgs(n, a, 2, 3);
      const lo = int(n, a[0], 'start');
      const hi = int(n, a[1], 'end');
      if (hi <= lo) fail(`${n}: end must be greater than start`);
      if (a.length === 3) {
        // A seeded call must repeat itself: a small deterministic generator (mulberry32).
        let t = (int(n, a[2], 'seed') + 0x6d2b79f5) | 0;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        return lo + Math.floor(r * (hi - lo));
      }
      return randomInt(lo, hi);
    }
    case 'States.MathAdd':
      expectArgs(n, a, 2);
      return int(n, a[0], 'the first argument') + int(n, a[1], 'the second argument');
    case 'States.StringSplit': {
      expectArgs(n, a, 2);
      const s = str(n, a[0], 'the string');
      const delimiters = str(n, a[1], 'the delimiter');
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
    case 'States.UUID':
      expectArgs(n, a, 0);
      return randomUUID();
    default:
      return fail(`Unknown intrinsic function ${n}`);
  }
}
