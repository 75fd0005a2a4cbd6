/**
 * The JSONPath subset EventBridge evaluates in InputPath and InputPathsMap: `$`, dot notation
 * (names with letters, digits, dashes, underscores, slashes, colons…), bracket notation
 * (`['a b']`), array indices (`[0]`) and wildcards (`.*`, `[*]`). A path with a wildcard yields
 * the list of what it reaches. Pure.
 */
export type PathSegment = { readonly kind: 'name'; readonly name: string } | { readonly kind: 'index'; readonly index: number } | { readonly kind: 'wildcard' };

export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
}

export function parseJsonPath(path: string): PathSegment[] {
  if (!path.startsWith('$')) throw new JsonPathError(`JSON path '${path}' must start with '$'`);
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      const m = /^[^.[\]]+/.exec(path.slice(i + 1));
      if (!m) throw new JsonPathError(`JSON path '${path}' has an empty name at position ${i + 1}`);
      segments.push(m[0] === '*' ? { kind: 'wildcard' } : { kind: 'name', name: m[0] });
      i += 1 + m[0].length;
    } else if (c === '[') {
      const m = /^\[(?:(\d+)|\*|'([^']*)'|"([^"]*)")\]/.exec(path.slice(i));
      if (!m) throw new JsonPathError(`JSON path '${path}' has a malformed bracket at position ${i}`);
      if (m[1] !== undefined) segments.push({ kind: 'index', index: Number(m[1]) });
      else if (m[2] !== undefined || m[3] !== undefined) segments.push({ kind: 'name', name: (m[2] ?? m[3]) as string });
      else segments.push({ kind: 'wildcard' });
      i += m[0].length;
    } else {
      throw new JsonPathError(`JSON path '${path}' has an unexpected '${c}' at position ${i}`);
    }
  }
  return segments;
}

/** What the path reaches in `root`, or `found: false` when it reaches nothing. */
export function evaluateJsonPath(segments: readonly PathSegment[], root: unknown): { found: boolean; value?: unknown } {
  let current: unknown[] = [root];
  let multiple = false;
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      if (seg.kind === 'wildcard') {
        multiple = true;
        if (Array.isArray(v)) next.push(...v);
        else if (isObject(v)) next.push(...Object.values(v));
      } else if (seg.kind === 'index') {
        if (Array.isArray(v) && seg.index < v.length) next.push(v[seg.index]);
      } else if (isObject(v) && Object.hasOwn(v, seg.name)) {
        next.push(v[seg.name]);
      }
    }
    current = next;
  }
  if (multiple) return current.length > 0 ? { found: true, value: current } : { found: false };
  return current.length > 0 ? { found: true, value: current[0] } : { found: false };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
