import { evaluate, parseCondition, regexCount, type Condition } from './expression';
import { FilterPatternError } from './values';
import { LOGS_LIMITS } from '../limits';

type Position = { readonly kind: 'ellipsis' } | { readonly kind: 'field'; readonly name: string; readonly condition: Condition | undefined };

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Splits at commas outside quotes and regular expressions. */
function splitPositions(inner: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: '"' | '%' | undefined;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as string;
    if (quote) {
      current += c;
      if (c === '\\' && quote === '"' && i + 1 < inner.length) current += inner[++i];
      else if (c === quote) quote = undefined;
    } else if (c === ',') {
      parts.push(current.trim());
      current = '';
    } else {
      if (c === '"' || c === '%') quote = c;
      current += c;
    }
  }
  parts.push(current.trim());
  // `[a, b,]`: a trailing comma adds nothing.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** An event's fields: runs of spaces separate them; `[…]` and `"…"` each make one field, without their delimiters. */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < message.length) {
    const c = message[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const close = c === '[' ? ']' : c === '"' ? '"' : undefined;
    if (close !== undefined) {
      const end = message.indexOf(close, i + 1);
      if (end > 0) {
        fields.push(message.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < message.length && message[j] !== ' ' && message[j] !== '\t') j++;
    fields.push(message.slice(i, j));
    i = j;
  }
  return fields;
}

export interface DelimitedPattern {
  matches(message: string): boolean;
}

/** `[ip, user, ..., status_code = 4*, bytes > 1000]`: named fields, `...` for any number of fields, conditions on them. */
export function compileDelimitedPattern(pattern: string): DelimitedPattern {
  const body = pattern.trim();
  if (!body.startsWith('[') || !body.endsWith(']')) throw new FilterPatternError(`A space-delimited filter pattern is enclosed in [ ]: ${pattern}`);
  const texts = splitPositions(body.slice(1, -1));
  const names = new Set<string>();
  for (const text of texts) {
    if (text === '...') continue;
    const name = FIELD_NAME.exec(text)?.[0];
    if (name === undefined) throw new FilterPatternError(`Each field of a space-delimited pattern starts with a name (or is '...'), got '${text}'`);
    if (names.has(name)) throw new FilterPatternError(`Field '${name}' is named twice in ${pattern}`);
    names.add(name);
  }
  const declared = (text: string): string => {
    if (!names.has(text)) throw new FilterPatternError(`Condition on '${text}', which the pattern does not name (fields: ${[...names].join(', ')})`);
    return text;
  };
  const positions: Position[] = texts.map((text) => {
    if (text === '...') return { kind: 'ellipsis' };
    const name = FIELD_NAME.exec(text)?.[0] as string;
    const rest = text.slice(name.length).trim();
    return { kind: 'field', name, condition: rest === '' ? undefined : parseCondition(text, declared) };
  });
  const conditions = positions.flatMap((p) => (p.kind === 'field' && p.condition ? [p.condition] : []));
  if (conditions.reduce((n, c) => n + regexCount(c), 0) > LOGS_LIMITS.regexPerFilterPattern) {
    throw new FilterPatternError(`A filter pattern may hold at most ${LOGS_LIMITS.regexPerFilterPattern} regular expressions`);
  }

  return {
    matches(message: string): boolean {
      const fields = splitFields(message);
      const bound = new Map<string, string>();
      const holds = (): boolean => conditions.every((c) => evaluate(c, (name) => bound.get(name)));
      // Backtracking over the ellipses: some way of spreading the fields must satisfy every condition.
      const match = (p: number, f: number): boolean => {
        if (p === positions.length) return f === fields.length && holds();
        const position = positions[p] as Position;
        if (position.kind === 'ellipsis') {
          for (let k = f; k <= fields.length; k++) if (match(p + 1, k)) return true;
          return false;
        }
        if (f >= fields.length) return false;
        bound.set(position.name, fields[f] as string);
        return match(p + 1, f + 1);
      };
      return match(0, 0);
    },
  };
}
