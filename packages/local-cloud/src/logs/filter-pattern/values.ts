/** Literals and comparisons shared by the JSON and space-delimited filter patterns. */

export class FilterPatternError extends Error {
  override readonly name = 'FilterPatternError';
}

/** A double-quoted string starting at `start` (`\\` escapes the next character); returns its text and the index after it. */
export function readQuoted(src: string, start: number): { text: string; end: number } {
  let text = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '\\' && i + 1 < src.length) {
      text += src[++i];
      continue;
    }
    if (c === '"') return { text, end: i + 1 };
    text += c;
  }
  throw new FilterPatternError(`Unterminated quoted string starting at ${start}: ${src.slice(start)}`);
}

export type ComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type ValueLiteral =
  /** `*` alone: any value. */
  | { readonly kind: 'any' }
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  /** A string; a leading and/or trailing `*` matches any text there (one in the middle is literal). */
  | { readonly kind: 'string'; readonly text: string; readonly anyBefore: boolean; readonly anyAfter: boolean }
  | { readonly kind: 'regex'; readonly regex: RegExp; readonly source: string };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** What the User Guide allows inside `%…%`: letters, digits, a few symbols and the regex operators. No groups. */
const REGEX_CHARS = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]*$/;

export function regexLiteral(body: string): ValueLiteral {
  if (body === '') throw new FilterPatternError('Empty regular expression %%');
  if (!REGEX_CHARS.test(body)) {
    const bad = [...body].find((c) => !REGEX_CHARS.test(c));
    throw new FilterPatternError(`Regular expression %${body}% contains '${bad}', which filter patterns do not support (no groups, no multibyte characters)`);
  }
  try {
    return { kind: 'regex', regex: new RegExp(body), source: body };
  } catch (err) {
    throw new FilterPatternError(`Invalid regular expression %${body}%: ${(err as Error).message}`);
  }
}

/** A value as written after an operator; unquoted numbers compare as numbers. */
export function valueLiteral(text: string, quoted: boolean): ValueLiteral {
  if (!quoted && text === '*') return { kind: 'any' };
  if (!quoted && NUMBER.test(text)) return { kind: 'number', value: Number(text), text };
  const anyBefore = text.length > 1 && text.startsWith('*');
  const anyAfter = text.length > 1 && text.endsWith('*');
  return { kind: 'string', text: text.slice(anyBefore ? 1 : 0, anyAfter ? -1 : undefined), anyBefore, anyAfter };
}

/** Rejects operator/literal pairs that cannot mean anything (`<` against a string or a regex). */
export function checkComparison(op: ComparisonOperator, literal: ValueLiteral, where: string): void {
  const ordering = op !== '=' && op !== '!=';
  if (ordering && literal.kind !== 'number') throw new FilterPatternError(`${where}: '${op}' needs a number, got ${describe(literal)}`);
  if (op === '!=' && literal.kind === 'any') throw new FilterPatternError(`${where}: '!= *' matches nothing`);
}

function describe(literal: ValueLiteral): string {
  switch (literal.kind) {
    case 'any':
      return '*';
    case 'number':
      return literal.text;
    case 'regex':
      return `%${literal.source}%`;
    case 'string':
      return `"${literal.anyBefore ? '*' : ''}${literal.text}${literal.anyAfter ? '*' : ''}"`;
  }
}

function matchesString(actual: string, literal: { text: string; anyBefore: boolean; anyAfter: boolean }): boolean {
  if (literal.anyBefore && literal.anyAfter) return actual.includes(literal.text);
  if (literal.anyBefore) return actual.endsWith(literal.text);
  if (literal.anyAfter) return actual.startsWith(literal.text);
  return actual === literal.text;
}

function compareNumbers(a: number, op: ComparisonOperator, b: number): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
}

export type FieldValue = string | number | boolean | null;

/**
 * One comparison against a field's value. A missing field (undefined) never matches, not even
 * with `!=`: the pattern only applies to events that carry the field.
 */
export function compareValue(actual: FieldValue | undefined, op: ComparisonOperator, literal: ValueLiteral): boolean {
  if (actual === undefined || actual === null) return false;
  const text = String(actual);
  const equal = op === '=';
  switch (literal.kind) {
    case 'any':
      return equal;
    case 'regex':
      return literal.regex.test(text) === equal;
    case 'number': {
      const numeric = typeof actual === 'number' ? actual : typeof actual === 'string' && NUMBER.test(actual) ? Number(actual) : undefined;
      if (numeric !== undefined) return compareNumbers(numeric, op, literal.value);
      if (op !== '=' && op !== '!=') return false;
      return (text === literal.text) === equal;
    }
    case 'string':
      return matchesString(text, literal) === equal;
  }
}
