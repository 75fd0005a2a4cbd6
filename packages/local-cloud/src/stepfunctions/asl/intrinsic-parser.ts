import { StatesError, STATES_ERRORS } from './errors';

/** A parsed argument; a literal string keeps its escapes (`raw`) for States.Format's template. */
export type Arg =
  | { kind: 'literal'; value: unknown; raw?: string }
  | { kind: 'path'; path: string }
  | { kind: 'call'; name: string; args: Arg[] };
export type Call = Arg & { kind: 'call' };

export const intrinsicFailure = (message: string): never => {
  throw new StatesError(STATES_ERRORS.intrinsicFailure, message);
};

/**
 * The characters an intrinsic's string literal escapes with a backslash (developer guide,
 * "Reserved characters in intrinsic functions": `\'` `\{` `\}` `\\`). Any other backslash is an
 * "open escape", which the guide says the interpreter answers with a runtime error.
 */
const ESCAPABLE = new Set(["'", '{', '}', '\\']);

/** Recursive-descent parser for `States.X(arg, …)`; string literals are '…' with the escapes above. */
class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  parseWhole(): Call {
    const call = this.parseCall();
    this.skip();
    if (this.i !== this.text.length) intrinsicFailure(`Unexpected text after intrinsic function in '${this.text}'`);
    return call;
  }

  private parseCall(): Call {
    this.skip();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.i));
    if (!m) return intrinsicFailure(`Invalid intrinsic function call '${this.text}'`);
    this.i += m[0].length;
    this.skip();
    this.expect('(');
    const args: Arg[] = [];
    this.skip();
    if (this.text[this.i] !== ')') {
      for (;;) {
        args.push(this.parseArg());
        this.skip();
        if (this.text[this.i] !== ',') break;
        this.i++;
      }
    }
    this.expect(')');
    return { kind: 'call', name: m[0], args };
  }

  private parseArg(): Arg {
    this.skip();
    const c = this.text[this.i];
    if (c === "'") return this.parseString();
    if (c === '$') return { kind: 'path', path: this.parsePath() };
    if (this.text.startsWith('States.', this.i)) return this.parseCall();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.i));
    if (!m) return intrinsicFailure(`Invalid argument at position ${this.i} in '${this.text}'`);
    this.i += m[0].length;
    return { kind: 'literal', value: JSON.parse(m[0]) };
  }

  /** A path runs to the next top-level ',' or ')' (brackets, parentheses and quotes nest). */
  private parsePath(): string {
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
    return path;
  }

  private parseString(): Arg {
    const start = ++this.i;
    let value = '';
    while (this.i < this.text.length) {
      const ch = this.text[this.i] as string;
      if (ch === '\\') {
        const next = this.text[this.i + 1] ?? '';
        if (!ESCAPABLE.has(next)) {
          throw new StatesError(
            STATES_ERRORS.runtime,
            `Open escape '\\${next}' at position ${this.i} in '${this.text}': only \\' \\{ \\} and \\\\ may be escaped in an intrinsic function`
          );
        }
        value += next;
        this.i += 2;
        continue;
      }
      if (ch === "'") {
        const raw = this.text.slice(start, this.i++);
        return { kind: 'literal', value, raw };
      }
      value += ch;
      this.i++;
    }
    return intrinsicFailure(`Unterminated string in '${this.text}'`);
  }

  private skip(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  private expect(ch: string): void {
    if (this.text[this.i] !== ch) intrinsicFailure(`Expected '${ch}' at position ${this.i} in '${this.text}'`);
    this.i++;
  }
}

const parsedCache = new Map<string, Call>();

/** Parses an intrinsic invocation once; definitions repeat the same few expressions. */
export function parseIntrinsic(text: string): Call {
  const cached = parsedCache.get(text);
  if (cached) return cached;
  const call = new Parser(text).parseWhole();
  parsedCache.set(text, call);
  return call;
}
