import type { AnnotationValue } from './segment-document';
import type { TraceFacts } from './trace-summary';

/**
 * X-Ray filter expressions for GetTraceSummaries, the trace-level part: the boolean keywords
 * (ok, error, fault, throttle, partial), number keywords (responsetime, duration, http.status),
 * string keywords (http.url, http.method, http.useragent, http.clientip, user), annotation.<key>,
 * and service("name"); joined by AND / OR (or juxtaposition), `!` and parentheses.
 * service(...) { filter }, edge() and id() are refused with a message saying so.
 */

export class FilterExpressionError extends Error {
  override readonly name = 'FilterExpressionError';
}

export type TracePredicate = (facts: TraceFacts) => boolean;

type Token = { t: 'word'; v: string } | { t: 'string'; v: string } | { t: 'number'; v: number } | { t: 'op'; v: string } | { t: 'punct'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) i++;
    else if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new FilterExpressionError(`Unterminated string at ${i}: ${src.slice(i)}`);
      out.push({ t: 'string', v: src.slice(i + 1, end) });
      i = end + 1;
    } else if (/[<>!=]/.test(c)) {
      const two = src.slice(i, i + 2);
      const op = two === '!=' || two === '<=' || two === '>=' ? two : c;
      out.push(op === '!' ? { t: 'punct', v: '!' } : { t: 'op', v: op });
      i += op.length;
    } else if (/[(){},]/.test(c)) {
      out.push({ t: 'punct', v: c });
      i++;
    } else if (/[-+0-9.]/.test(c) && /^[-+]?(\d+(\.\d*)?|\.\d+)/.test(src.slice(i))) {
      const m = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'number', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'word', v: m[0] });
      i += m[0].length;
    } else throw new FilterExpressionError(`Unexpected '${c}' at ${i} in filter expression: ${src}`);
  }
  return out;
}

const BOOLEAN_KEYWORDS = ['ok', 'error', 'fault', 'throttle', 'partial'] as const;
const STRING_OPS = ['=', '!=', 'CONTAINS', 'BEGINSWITH', 'ENDSWITH'];

function booleanOf(f: TraceFacts, keyword: (typeof BOOLEAN_KEYWORDS)[number]): boolean {
  switch (keyword) {
    case 'ok':
      return !f.error && !f.fault && !f.throttle && (f.httpStatus === undefined || (f.httpStatus >= 200 && f.httpStatus < 300));
    case 'partial':
      return f.partial;
    default:
      return f[keyword];
  }
}

function compare(actual: AnnotationValue | undefined, op: string, expected: AnnotationValue): boolean {
  if (actual === undefined || typeof actual !== typeof expected) return false;
  switch (op) {
    case '=':
      return actual === expected;
    case '!=':
      return actual !== expected;
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case 'CONTAINS':
      return String(actual).includes(String(expected));
    case 'BEGINSWITH':
      return String(actual).startsWith(String(expected));
    case 'ENDSWITH':
      return String(actual).endsWith(String(expected));
    default:
      return false;
  }
}

export function compileFilterExpression(src: string | undefined): TracePredicate {
  if (src === undefined || src.trim() === '') return () => true;
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (tok: Token | undefined, v: string): boolean => tok?.t === 'word' && tok.v.toUpperCase() === v;
  const fail = (what: string): never => {
    throw new FilterExpressionError(`${what} at token ${pos + 1} of filter expression: ${src}`);
  };

  /** The operator and value after a keyword, when there is one. */
  const comparison = (): { op: string; value: AnnotationValue } | undefined => {
    const tok = peek();
    const op = tok?.t === 'op' ? tok.v : tok?.t === 'word' && STRING_OPS.includes(tok.v.toUpperCase()) ? tok.v.toUpperCase() : undefined;
    if (op === undefined) return undefined;
    pos++;
    const v = tokens[pos++];
    if (v?.t === 'string' || v?.t === 'number') return { op, value: v.v };
    if (v?.t === 'word' && (v.v === 'true' || v.v === 'false')) return { op, value: v.v === 'true' };
    return fail(`Expected a value after '${op}'`);
  };

  const term = (): TracePredicate => {
    const tok = tokens[pos++];
    if (tok?.t !== 'word') return fail(`Expected a keyword, got ${tok ? `'${tok.v}'` : 'the end'}`);
    const keyword = tok.v;
    if (keyword === 'service') {
      if (tokens[pos]?.v !== '(') fail("Expected '(' after service");
      pos++;
      const name = tokens[pos]?.t === 'string' ? (tokens[pos++]?.v as string) : undefined;
      if (tokens[pos++]?.v !== ')') fail('service() takes one quoted name here');
      if (peek()?.v === '{') fail('service(...) { filter } is not supported by the local X-Ray');
      return (f) => name === undefined || f.services.some((s) => s.Name === name);
    }
    if (keyword === 'edge' || keyword === 'id' || keyword === 'rootcause' || keyword === 'group') fail(`'${keyword}' is not supported by the local X-Ray`);
    const cmp = comparison();
    if ((BOOLEAN_KEYWORDS as readonly string[]).includes(keyword)) {
      const k = keyword as (typeof BOOLEAN_KEYWORDS)[number];
      if (cmp === undefined) return (f) => booleanOf(f, k);
      if (typeof cmp.value !== 'boolean' || (cmp.op !== '=' && cmp.op !== '!=')) fail(`${keyword} compares with = or != to true or false`);
      return (f) => compare(booleanOf(f, k), cmp.op, cmp.value);
    }
    if (cmp === undefined) {
      if (keyword.startsWith('annotation.')) return (f) => (f.annotations.get(keyword.slice(11)) ?? []).some((a) => a.value === true);
      return fail(`'${keyword}' needs an operator and a value`);
    }
    const number = (get: (f: TraceFacts) => number | undefined): TracePredicate => {
      if (typeof cmp.value !== 'number') fail(`${keyword} compares with a number`);
      return (f) => compare(get(f), cmp.op, cmp.value);
    };
    const text = (get: (f: TraceFacts) => readonly string[]): TracePredicate => {
      if (typeof cmp.value !== 'string') fail(`${keyword} compares with a quoted string`);
      return (f) => get(f).some((v) => compare(v, cmp.op, cmp.value));
    };
    switch (keyword) {
      case 'responsetime':
        return number((f) => f.responseTime);
      case 'duration':
        return number((f) => f.duration);
      case 'http.status':
        return number((f) => f.httpStatus);
      case 'http.url':
      case 'http.method':
      case 'http.useragent':
      case 'http.clientip': {
        const field = keyword.slice(5) as keyof TraceFacts['http'];
        return text((f) => (f.http[field] === undefined ? [] : [f.http[field] as string]));
      }
      case 'user':
        return text((f) => f.users);
    }
    if (keyword.startsWith('annotation.')) {
      const key = keyword.slice(11);
      return (f) => (f.annotations.get(key) ?? []).some((a) => compare(a.value, cmp.op, cmp.value));
    }
    return fail(`Unknown keyword '${keyword}'`);
  };

  const unary = (): TracePredicate => {
    if (peek()?.v === '!') {
      pos++;
      const inner = unary();
      return (f) => !inner(f);
    }
    if (peek()?.v === '(') {
      pos++;
      const inner = or();
      if (tokens[pos++]?.v !== ')') fail("Missing ')'");
      return inner;
    }
    return term();
  };
  const and = (): TracePredicate => {
    const parts = [unary()];
    for (;;) {
      if (isWord(peek(), 'AND')) pos++;
      else if (peek() === undefined || isWord(peek(), 'OR') || peek()?.v === ')') break;
      parts.push(unary());
    }
    return (f) => parts.every((p) => p(f));
  };
  const or = (): TracePredicate => {
    const parts = [and()];
    while (isWord(peek(), 'OR')) {
      pos++;
      parts.push(and());
    }
    return (f) => parts.some((p) => p(f));
  };

  const predicate = or();
  if (pos < tokens.length) fail(`Unexpected '${String(peek()?.v)}'`);
  return predicate;
}
