import { FilterPatternError, readQuoted, regexLiteral } from './values';
import { LOGS_LIMITS } from '../limits';

type Term = { readonly test: (message: string) => boolean; readonly mode: 'all' | 'any' | 'none' };

/** Unquoted terms hold letters, digits and '_' only; anything else goes in double quotes. */
const BARE_TERM = /^[\p{L}\p{N}_]+$/u;


export interface TextPattern {
  matches(message: string): boolean;
}

/**
 * Unstructured text: every plain term must appear (case-sensitively, anywhere in the message),
 * no `-term` may appear, and when `?term`s are given at least one of them must appear.
 * A quoted term is an exact phrase; `%regex%` is a regular expression.
 */
export function compileTextPattern(pattern: string): TextPattern {
  const terms: Term[] = [];
  let regexes = 0;
  let i = 0;
  let pending: 'any' | 'none' | undefined;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ((c === '?' || c === '-') && pending === undefined) {
      pending = c === '?' ? 'any' : 'none';
      i++;
      continue;
    }
    let test: (message: string) => boolean;
    if (c === '"') {
      const q = readQuoted(pattern, i);
      const phrase = q.text;
      test = (m) => m.includes(phrase);
      i = q.end;
    } else if (c === '%') {
      const end = pattern.indexOf('%', i + 1);
      if (end < 0) throw new FilterPatternError(`Unterminated regular expression starting at ${i}: ${pattern.slice(i)}`);
      const literal = regexLiteral(pattern.slice(i + 1, end));
      if (literal.kind !== 'regex') throw new FilterPatternError(`Invalid regular expression in ${pattern}`);
      const regex = literal.regex;
      test = (m) => regex.test(m);
      regexes++;
      i = end + 1;
    } else {
      let j = i;
      while (j < pattern.length && !/\s/.test(pattern[j] as string)) j++;
      const word = pattern.slice(i, j);
      if (!BARE_TERM.test(word)) throw new FilterPatternError(`Invalid character(s) in term '${word}': quote terms that hold anything but letters, digits and '_'`);
      test = (m) => m.includes(word);
      i = j;
    }
    terms.push({ test, mode: pending ?? 'all' });
    pending = undefined;
  }
  if (pending !== undefined) throw new FilterPatternError(`'${pending === 'any' ? '?' : '-'}' at the end of the pattern applies to no term`);
  if (regexes > LOGS_LIMITS.regexPerFilterPattern) throw new FilterPatternError(`A filter pattern may hold at most ${LOGS_LIMITS.regexPerFilterPattern} regular expressions`);
  const all = terms.filter((t) => t.mode === 'all');
  const any = terms.filter((t) => t.mode === 'any');
  const none = terms.filter((t) => t.mode === 'none');
  return {
    matches: (message) => all.every((t) => t.test(message)) && !none.some((t) => t.test(message)) && (any.length === 0 || any.some((t) => t.test(message))),
  };
}
