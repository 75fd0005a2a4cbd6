import {
  checkComparison,
  compareValue,
  FilterPatternError,
  readQuoted,
  regexLiteral,
  valueLiteral,
  type ComparisonOperator,
  type FieldValue,
  type ValueLiteral,
} from './values';

/**
 * The condition language JSON patterns (`{ $.a = 1 && ($.b = x || $.c IS NULL) }`) and
 * space-delimited patterns (`[w1, status = 4* && bytes > 1000]`) share: comparisons joined by
 * `&&` and `||` (`&&` binds tighter), with parentheses.
 */
export type Condition =
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'compare'; readonly field: string; readonly op: ComparisonOperator; readonly literal: ValueLiteral }
  | { readonly kind: 'is'; readonly field: string; readonly value: null | boolean }
  | { readonly kind: 'notExists'; readonly field: string };

type Token =
  | { readonly t: '(' | ')' | '&&' | '||' }
  | { readonly t: 'op'; readonly op: ComparisonOperator }
  | { readonly t: 'word'; readonly text: string }
  | { readonly t: 'quoted'; readonly text: string }
  | { readonly t: 'regex'; readonly body: string };

const WORD_END = /[\s()=!<>"&|]/;


export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    const two = src.slice(i, i + 2);
    if (/\s/.test(c)) i++;
    else if (c === '(' || c === ')') {
      tokens.push({ t: c });
      i++;
    } else if (two === '&&' || two === '||') {
      tokens.push({ t: two });
      i += 2;
    } else if (two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ t: 'op', op: two });
      i += 2;
    } else if (c === '=' || c === '<' || c === '>') {
      tokens.push({ t: 'op', op: c });
      i++;
    } else if (c === '"') {
      const q = readQuoted(src, i);
      tokens.push({ t: 'quoted', text: q.text });
      i = q.end;
    } else if (c === '%') {
      const end = src.indexOf('%', i + 1);
      if (end < 0) throw new FilterPatternError(`Unterminated regular expression starting at ${i}: ${src.slice(i)}`);
      tokens.push({ t: 'regex', body: src.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '&' || c === '|' || c === '!') {
      throw new FilterPatternError(`Unexpected '${c}' at ${i} (use &&, || or !=)`);
    } else {
      let j = i;
      while (j < src.length && !WORD_END.test(src[j] as string)) j++;
      tokens.push({ t: 'word', text: src.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

function show(token: Token | undefined): string {
  if (token === undefined) return 'the end of the pattern';
  switch (token.t) {
    case 'op':
      return `'${token.op}'`;
    case 'word':
      return `'${token.text}'`;
    case 'quoted':
      return `"${token.text}"`;
    case 'regex':
      return `%${token.body}%`;
    default:
      return `'${token.t}'`;
  }
}

/**
 * Parses a condition. `field` validates and normalises what stands left of an operator
 * (a `$.selector` in JSON patterns, a declared field name in space-delimited ones).
 */
export function parseCondition(src: string, field: (text: string) => string): Condition {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const next = (): Token | undefined => tokens[pos++];

  const comparison = (): Condition => {
    const left = next();
    if (left?.t !== 'word') throw new FilterPatternError(`Expected a field before ${show(left)} in '${src}'`);
    const name = field(left.text);
    const op = next();
    if (op?.t === 'op') {
      const value = next();
      let literal: ValueLiteral;
      if (value?.t === 'word') literal = valueLiteral(value.text, false);
      else if (value?.t === 'quoted') literal = valueLiteral(value.text, true);
      else if (value?.t === 'regex') literal = regexLiteral(value.body);
      else throw new FilterPatternError(`Expected a value after '${left.text} ${op.op}', got ${show(value)}`);
      checkComparison(op.op, literal, `'${left.text} ${op.op}'`);
      return { kind: 'compare', field: name, op: op.op, literal };
    }
    const keyword = op?.t === 'word' ? op.text.toUpperCase() : undefined;
    const operand = peek()?.t === 'word' ? (peek() as { text: string }).text.toUpperCase() : undefined;
    if (keyword === 'IS' && (operand === 'NULL' || operand === 'TRUE' || operand === 'FALSE')) {
      pos++;
      return { kind: 'is', field: name, value: operand === 'NULL' ? null : operand === 'TRUE' };
    }
    if (keyword === 'NOT' && operand === 'EXISTS') {
      pos++;
      return { kind: 'notExists', field: name };
    }
    throw new FilterPatternError(`Expected an operator (=, !=, <, >, <=, >=, IS NULL, IS TRUE, IS FALSE, NOT EXISTS) after '${left.text}', got ${show(op)}`);
  };

  const unary = (): Condition => {
    if (peek()?.t !== '(') return comparison();
    pos++;
    const inner = or();
    if (next()?.t !== ')') throw new FilterPatternError(`Missing ')' in '${src}'`);
    return inner;
  };
  const and = (): Condition => {
    let left = unary();
    while (peek()?.t === '&&') {
      pos++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const or = (): Condition => {
    let left = and();
    while (peek()?.t === '||') {
      pos++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };

  const condition = or();
  if (pos < tokens.length) throw new FilterPatternError(`Unexpected ${show(peek())} in '${src}'`);
  return condition;
}

/** A field's value, `undefined` when absent; objects and arrays are not value nodes and match nothing. */
export type Resolve = (field: string) => unknown;

export function evaluate(condition: Condition, resolve: Resolve): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluate(condition.left, resolve) && evaluate(condition.right, resolve);
    case 'or':
      return evaluate(condition.left, resolve) || evaluate(condition.right, resolve);
    case 'notExists':
      return resolve(condition.field) === undefined;
    case 'is':
      return resolve(condition.field) === condition.value;
    case 'compare': {
      const value = resolve(condition.field);
      if (value !== null && typeof value === 'object') return false;
      return compareValue(value as FieldValue | undefined, condition.op, condition.literal);
    }
  }
}

/** Counts regular expressions in a condition (patterns allow two). */
export function regexCount(condition: Condition): number {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return regexCount(condition.left) + regexCount(condition.right);
    case 'compare':
      return condition.literal.kind === 'regex' ? 1 : 0;
    default:
      return 0;
  }
}
