import { ExpressionError, parseTemplate, referencesOf, type Expression } from './expressions';

export type Lookup = (path: string[]) => unknown;

const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  jsonencode: (v) => JSON.stringify(v),
  jsondecode: (v) => JSON.parse(String(v)) as unknown,
  tostring: (v) => (typeof v === 'string' ? v : JSON.stringify(v)),
  tonumber: (v) => Number(v),
  join: (sep, list) => (list as unknown[]).join(String(sep)),
  split: (sep, text) => String(text).split(String(sep)),
  concat: (...lists) => (lists as unknown[][]).flat(),
  element: (list, i) => (list as unknown[])[Number(i) % (list as unknown[]).length],
  length: (v) => (Array.isArray(v) ? v.length : typeof v === 'string' ? v.length : Object.keys(v as object).length),
  lower: (v) => String(v).toLowerCase(),
  upper: (v) => String(v).toUpperCase(),
};

export const SUPPORTED_FUNCTIONS = Object.keys(FUNCTIONS);

/** Calls a function as Terraform would, refusing what Terraform refuses (it never yields NaN or nothing). */
function call(name: string, args: unknown[]): unknown {
  const fn = FUNCTIONS[name];
  if (!fn) throw new ExpressionError(`function '${name}' is not supported (supported: ${SUPPORTED_FUNCTIONS.join(', ')})`);
  const listArgs: Record<string, number[]> = { join: [1], concat: args.map((_, i) => i), element: [0], split: [] };
  for (const i of listArgs[name] ?? []) if (!Array.isArray(args[i])) throw new ExpressionError(`${name}(): argument ${i + 1} must be a list, got ${JSON.stringify(args[i])}`);
  if (name === 'element' && (args[0] as unknown[]).length === 0) throw new ExpressionError('element(): cannot use element function with an empty list');
  let value: unknown;
  try {
    value = fn(...args);
  } catch (err) {
    throw new ExpressionError(`${name}(${args.map((a) => JSON.stringify(a)).join(', ')}): ${(err as Error).message}`);
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new ExpressionError(`${name}(${args.map((a) => JSON.stringify(a)).join(', ')}): not a number`);
  return value;
}

function evaluate(e: Expression, lookup: Lookup): unknown {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'reference':
      return lookup(e.path);
    case 'call':
      return call(e.name, e.args.map((a) => evaluate(a, lookup)));
  }
}

function resolveString(value: string, lookup: Lookup): unknown {
  if (!value.includes('${')) return value;
  const parts = parseTemplate(value);
  if (parts.length === 1 && parts[0]?.kind === 'expression') return evaluate(parts[0].expression, lookup);
  return parts.map((p) => (p.kind === 'text' ? p.text : stringify(evaluate(p.expression, lookup)))).join('');
}

function stringify(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** A copy of a cdk.tf.json value with every interpolation evaluated. */
export function resolveValue(value: unknown, lookup: Lookup): unknown {
  if (typeof value === 'string') return resolveString(value, lookup);
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, lookup));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveValue(v, lookup);
    return out;
  }
  return value;
}

/** Every reference path inside a value (parse errors are thrown, naming the text). */
export function referencesIn(value: unknown): string[][] {
  if (typeof value === 'string') {
    if (!value.includes('${')) return [];
    return parseTemplate(value).flatMap((p) => (p.kind === 'expression' ? referencesOf(p.expression) : []));
  }
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(referencesIn);
  return [];
}

/** Function names used inside a value, to refuse unsupported ones before deploying. */
export function functionsIn(value: unknown): string[] {
  const names: string[] = [];
  const walk = (e: Expression): void => {
    if (e.kind === 'call') {
      names.push(e.name);
      e.args.forEach(walk);
    }
  };
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return;
      for (const p of parseTemplate(v)) if (p.kind === 'expression') walk(p.expression);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return names;
}
