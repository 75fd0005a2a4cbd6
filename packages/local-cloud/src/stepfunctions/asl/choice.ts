import { StatesError, STATES_ERRORS } from './errors';
import { queryInputOrContext, tryQuery } from './json-path';

/** One Choice rule (or nested rule); operator fields are read by name. */
export type ChoiceRule = Record<string, unknown>;

const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isTimestamp(v: unknown): v is string {
  return typeof v === 'string' && TIMESTAMP_RE.test(v) && !Number.isNaN(Date.parse(v));
}

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
type Op = 'Equals' | 'LessThan' | 'GreaterThan' | 'LessThanEquals' | 'GreaterThanEquals';
const KINDS: Kind[] = ['String', 'Numeric', 'Boolean', 'Timestamp'];
const OPS: Op[] = ['Equals', 'LessThanEquals', 'GreaterThanEquals', 'LessThan', 'GreaterThan'];
/** Every comparison operator and its `…Path` form (BooleanEquals is the only Boolean one). */
const COMPARISONS = KINDS.flatMap((kind) =>
  OPS.filter((op) => kind !== 'Boolean' || op === 'Equals').map((op) => ({ kind, op, key: `${kind}${op}`, pathKey: `${kind}${op}Path` }))
);

function typeOk(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'String':
      return typeof v === 'string';
    case 'Numeric':
      return typeof v === 'number';
    case 'Boolean':
      return typeof v === 'boolean';
    case 'Timestamp':
      return isTimestamp(v);
  }
}

function compare(kind: Kind, a: unknown, b: unknown): number {
  if (kind === 'Timestamp') return Date.parse(a as string) - Date.parse(b as string);
  if (kind === 'String') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (kind === 'Boolean') return a === b ? 0 : 1;
  return (a as number) - (b as number);
}

function apply(op: Op, c: number): boolean {
  switch (op) {
    case 'Equals':
      return c === 0;
    case 'LessThan':
      return c < 0;
    case 'GreaterThan':
      return c > 0;
    case 'LessThanEquals':
      return c <= 0;
    case 'GreaterThanEquals':
      return c >= 0;
  }
}

/** `*` matches any run of characters; `\*` is a literal asterisk. */
function matchesPattern(value: string, pattern: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
      re += '\\' + pattern[i + 1];
      i++;
    } else if (ch === '*') re += '.*';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(re + '$', 's').test(value);
}

/** The context object, or a function building it on first use (most rules never read `$$`). */
function resolve(context: unknown): unknown {
  return typeof context === 'function' ? (context as () => unknown)() : context;
}

/** Evaluates a Choice rule against the state's effective input. */
export function evaluateChoiceRule(rule: ChoiceRule, input: unknown, context: unknown, where: string): boolean {
  if (Array.isArray(rule['And'])) return (rule['And'] as ChoiceRule[]).every((r) => evaluateChoiceRule(r, input, context, where));
  if (Array.isArray(rule['Or'])) return (rule['Or'] as ChoiceRule[]).some((r) => evaluateChoiceRule(r, input, context, where));
  if (rule['Not'] !== undefined) return !evaluateChoiceRule(rule['Not'] as ChoiceRule, input, context, where);

  const variable = rule['Variable'];
  if (typeof variable !== 'string') {
    throw new StatesError(STATES_ERRORS.runtime, `State '${where}': a Choice rule has no Variable`);
  }
  const readVariable = (): { found: boolean; value?: unknown } => {
    const r = variable.startsWith('$$') ? tryQuery(variable.slice(1), resolve(context)) : tryQuery(variable, input);
    return r.found ? { found: true, value: r.value } : { found: false };
  };

  if (rule['IsPresent'] !== undefined) return readVariable().found === rule['IsPresent'];
  const v = readVariable();
  if (!v.found) {
    throw new StatesError(
      STATES_ERRORS.runtime,
      `An error occurred while executing the state '${where}'. Invalid path '${variable}': The choice state's condition path references an invalid value.`
    );
  }
  const value = v.value;
  if (rule['IsNull'] !== undefined) return (value === null) === rule['IsNull'];
  if (rule['IsString'] !== undefined) return (typeof value === 'string') === rule['IsString'];
  if (rule['IsNumeric'] !== undefined) return (typeof value === 'number') === rule['IsNumeric'];
  if (rule['IsBoolean'] !== undefined) return (typeof value === 'boolean') === rule['IsBoolean'];
  if (rule['IsTimestamp'] !== undefined) return isTimestamp(value) === rule['IsTimestamp'];
  if (typeof rule['StringMatches'] === 'string') return typeof value === 'string' && matchesPattern(value, rule['StringMatches']);

  for (const c of COMPARISONS) {
    if (rule[c.key] !== undefined) {
      return typeOk(c.kind, value) && typeOk(c.kind, rule[c.key]) && apply(c.op, compare(c.kind, value, rule[c.key]));
    }
    if (typeof rule[c.pathKey] === 'string') {
      const other = queryInputOrContext(rule[c.pathKey] as string, input, (rule[c.pathKey] as string).startsWith('$$') ? resolve(context) : undefined, where);
      return typeOk(c.kind, value) && typeOk(c.kind, other) && apply(c.op, compare(c.kind, value, other));
    }
  }
  throw new StatesError(STATES_ERRORS.runtime, `State '${where}': a Choice rule on '${variable}' has no comparison operator`);
}
