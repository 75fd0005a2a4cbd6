/**
 * Terraform interpolations as CDKTF writes them into cdk.tf.json: `${<expression>}` inside
 * strings (`$${` is a literal `${`). The expressions the stacks use are references
 * (`aws_lambda_function.compute_ABC.arn`, `data.aws_region.current.name`, with `[n]` indexes)
 * and a few functions; anything else is refused by name, before anything is deployed.
 */
export type Expression =
  | { kind: 'reference'; path: string[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'call'; name: string; args: Expression[] };

export type Template = { kind: 'text'; text: string } | { kind: 'expression'; expression: Expression; source: string };

export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

/** The pieces of a string: literal text and `${…}` expressions, in order. */
export function parseTemplate(value: string): Template[] {
  const parts: Template[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('$${', i)) {
      text += '${';
      i += 3;
    } else if (value.startsWith('${', i)) {
      const end = closingBrace(value, i + 2);
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      const source = value.slice(i + 2, end);
      parts.push({ kind: 'expression', expression: parseExpression(source.trim()), source });
      i = end + 1;
    } else {
      text += value[i];
      i++;
    }
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return parts;
}

function closingBrace(s: string, from: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{' || c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new ExpressionError(`unterminated interpolation in '${s.slice(from - 2, from + 60)}'`);
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Expression {
    const e = this.expression();
    this.space();
    if (this.i < this.s.length) throw new ExpressionError(`unexpected '${this.s.slice(this.i)}' in expression '${this.s}'`);
    return e;
  }

  private space(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] as string)) this.i++;
  }

  private expression(): Expression {
    this.space();
    const c = this.s[this.i];
    if (c === '"') return { kind: 'literal', value: this.string() };
    if (c !== undefined && /[-\d]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(this.s.slice(this.i));
      if (!m) throw new ExpressionError(`bad number in '${this.s}'`);
      this.i += m[0].length;
      return { kind: 'literal', value: Number(m[0]) };
    }
    const m = /^[a-zA-Z_][\w-]*/.exec(this.s.slice(this.i));
    if (!m) throw new ExpressionError(`cannot read '${this.s.slice(this.i)}' in expression '${this.s}'`);
    this.i += m[0].length;
    const name = m[0];
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    this.space();
    if (this.s[this.i] === '(') {
      this.i++;
      const args: Expression[] = [];
      this.space();
      while (this.s[this.i] !== ')') {
        args.push(this.expression());
        this.space();
        if (this.s[this.i] === ',') this.i++;
        else if (this.s[this.i] !== ')') throw new ExpressionError(`expected ',' or ')' in '${this.s}'`);
        this.space();
      }
      this.i++;
      return { kind: 'call', name, args };
    }
    const path = [name];
    for (;;) {
      if (this.s[this.i] === '.') {
        this.i++;
        const seg = /^[\w-]+|^\*/.exec(this.s.slice(this.i));
        if (!seg) throw new ExpressionError(`bad reference '${this.s}'`);
        path.push(seg[0]);
        this.i += seg[0].length;
      } else if (this.s[this.i] === '[') {
        const idx = /^\[(\d+)\]/.exec(this.s.slice(this.i));
        if (!idx) throw new ExpressionError(`only numeric indexes are supported in '${this.s}'`);
        path.push(idx[1] as string);
        this.i += idx[0].length;
      } else break;
    }
    return { kind: 'reference', path };
  }

  private string(): string {
    let out = '';
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') {
      if (this.s[this.i] === '\\') {
        this.i++;
        const e = this.s[this.i];
        out += e === 'n' ? '\n' : e === 't' ? '\t' : (e ?? '');
      } else out += this.s[this.i];
      this.i++;
    }
    if (this.s[this.i] !== '"') throw new ExpressionError(`unterminated string in '${this.s}'`);
    this.i++;
    return out;
  }
}

export function parseExpression(source: string): Expression {
  return new Parser(source).parse();
}

/** Every reference an expression makes (for ordering resources). */
export function referencesOf(e: Expression): string[][] {
  if (e.kind === 'reference') return [e.path];
  if (e.kind === 'call') return e.args.flatMap(referencesOf);
  return [];
}
