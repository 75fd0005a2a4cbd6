/**
 * Applies an ASL JSONPath payload template (keys ending in `.$` are paths) to a state input, as
 * Step Functions does, for contract tests. The result shape follows AWS: an indefinite path
 * (wildcard, deep scan, filter, union or slice) always yields an array — `[]` when nothing
 * matches, `[x]` for one match — while a definite path yields its one value and fails the state
 * (States.Runtime) when it matches nothing.
 */
import { JSONPath } from 'jsonpath-plus';

/** `[*]`, `.*`, `..`, `[?(…)]`, unions `[a,b]` and slices `[a:b]` make a path indefinite. */
const INDEFINITE = /\[\s*\*\s*\]|\.\*|\.\.|\[\s*\?|\[[^\]]*[,:][^\]]*\]/;

export function isIndefinitePath(path: string): boolean {
  return INDEFINITE.test(path);
}

export class PathMatchedNothingError extends Error {
  override readonly name = 'PathMatchedNothingError';
}

/** One JSONPath against `input` (`$…`) or the context object (`$$…`). */
export function evaluatePath(path: string, input: unknown, context: unknown): unknown {
  const fromContext = path.startsWith('$$');
  // wrap: true always, so one match that is itself an array is not confused with several matches.
  const matches = JSONPath({ path: fromContext ? path.slice(1) : path, json: (fromContext ? context : input) as object, wrap: true }) as unknown[];
  if (isIndefinitePath(path)) return matches;
  if (matches.length === 0) throw new PathMatchedNothingError(`States.Runtime: the path ${path} matched nothing`);
  return matches[0];
}

export function applyTemplate(template: unknown, input: unknown, context: unknown): unknown {
  if (Array.isArray(template)) return template.map((item) => applyTemplate(item, input, context));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) out[key.slice(0, -2)] = evaluatePath(String(value), input, context);
    else out[key] = applyTemplate(value, input, context);
  }
  return out;
}
