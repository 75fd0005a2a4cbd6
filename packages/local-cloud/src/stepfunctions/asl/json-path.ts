import { JSONPath } from 'jsonpath-plus';
import { StatesError, STATES_ERRORS } from './errors';

type Segment = string | number;

/** Parsed simple paths, cached: definitions reuse a handful of paths millions of times. */
const simpleCache = new Map<string, Segment[] | null>();

/**
 * Parses `$`, `.name`, `['name']`, `["name"]` and `[n]` segments; null when the path uses
 * anything richer (wildcards, filters, slices, unions, descendants), which goes to jsonpath-plus.
 */
export function parseSimplePath(path: string): Segment[] | null {
  const cached = simpleCache.get(path);
  if (cached !== undefined) return cached;
  let result: Segment[] | null = [];
  if (!path.startsWith('$')) result = null;
  let i = 1;
  while (result && i < path.length) {
    const c = path[i];
    if (c === '.') {
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      const name = path.slice(i + 1, j);
      if (name === '' || name === '*' || name.includes('@') || name.includes('(')) result = null;
      else result.push(name);
      i = j;
    } else if (c === '[') {
      const close = path.indexOf(']', i);
      if (close < 0) {
        result = null;
        break;
      }
      const inner = path.slice(i + 1, close).trim();
      const quoted = /^'([^']*)'$/.exec(inner) ?? /^"([^"]*)"$/.exec(inner);
      if (quoted) result.push(quoted[1] ?? '');
      // Jayway (AWS's JSONPath) reads [-1] as the last item, a definite path like [0].
      else if (/^-?\d+$/.test(inner)) result.push(Number(inner));
      else result = null;
      i = close + 1;
    } else {
      result = null;
    }
  }
  simpleCache.set(path, result);
  return result;
}

const NOT_FOUND = Symbol('not found');

function walk(data: unknown, segments: readonly Segment[]): unknown {
  let cur: unknown = data;
  for (const seg of segments) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return NOT_FOUND;
      const index = seg < 0 ? cur.length + seg : seg;
      if (index < 0 || index >= cur.length) return NOT_FOUND;
      cur = cur[index];
    } else {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) {
        return NOT_FOUND;
      }
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return cur;
}

/**
 * Evaluates a JSONPath. Returns `{ found: false }` when a definite path matches nothing; an
 * indefinite path (wildcard, filter, slice…) always yields an array, as in Step Functions.
 */
export function tryQuery(path: string, data: unknown): { found: true; value: unknown } | { found: false } {
  // jsonpath-plus reads 'foo' as '$.foo' and answers [] for 'States.Format(…)': AWS wants '$'.
  if (!path.startsWith('$')) throw new StatesError(STATES_ERRORS.runtime, `Invalid path '${path}': a path must start with '$'`);
  const simple = parseSimplePath(path);
  if (simple) {
    const v = walk(data, simple);
    return v === NOT_FOUND ? { found: false } : { found: true, value: v };
  }
  let matches: unknown[];
  try {
    matches = JSONPath({ path, json: data as object, wrap: true, eval: 'safe' }) as unknown[];
  } catch (err) {
    throw new StatesError(STATES_ERRORS.runtime, `Invalid path '${path}': ${(err as Error).message}`);
  }
  return { found: true, value: matches };
}

/** Like tryQuery, but a miss is States.Runtime naming the path and where it was used. */
export function query(path: string, data: unknown, where: string): unknown {
  const r = tryQuery(path, data);
  if (!r.found) {
    throw new StatesError(
      STATES_ERRORS.runtime,
      `An error occurred while executing the state '${where}'. Invalid path '${path}' : No results for path: ${path}`
    );
  }
  return r.value;
}

/** A path used in a payload template or intrinsic: `$$.x` reads the context object, `$.x` the input. */
export function queryInputOrContext(path: string, input: unknown, context: unknown, where: string): unknown {
  if (path.startsWith('$$')) return query(path.slice(1), context, where);
  return query(path, input, where);
}

/**
 * Applies ResultPath: copies only the containers on the path (never the rest of a large input)
 * and creates missing objects, as Step Functions does.
 */
export function setAtReferencePath(input: unknown, path: string, value: unknown, where: string): unknown {
  const segments = parseSimplePath(path);
  if (!segments) {
    throw new StatesError(STATES_ERRORS.runtime, `State '${where}': ResultPath '${path}' is not a reference path`);
  }
  if (segments.length === 0) return value;
  const fail = (): never => {
    throw new StatesError(
      STATES_ERRORS.resultPathMatchFailure,
      `Unable to apply ResultPath "${path}" to input ${JSON.stringify(input)?.slice(0, 1000)} in state '${where}'`
    );
  };
  const rec = (node: unknown, depth: number): unknown => {
    const seg = segments[depth] as Segment;
    const last = depth === segments.length - 1;
    if (typeof seg === 'number') {
      if (!Array.isArray(node) || seg < 0 || seg >= node.length) return fail();
      const copy = node.slice();
      copy[seg] = last ? value : rec(node[seg], depth + 1);
      return copy;
    }
    let base: Record<string, unknown>;
    if (node === undefined) base = {};
    else if (node !== null && typeof node === 'object' && !Array.isArray(node)) base = { ...(node as Record<string, unknown>) };
    else return fail();
    base[seg] = last ? value : rec(Object.prototype.hasOwnProperty.call(base, seg) ? base[seg] : undefined, depth + 1);
    return base;
  };
  return rec(input, 0);
}
