import { EVENTBRIDGE_LIMITS } from '../limits';
import { compileLeaf, OPERATORS } from './compile-leaf';
import { PatternError, type CompiledPattern, type LeafRule, type PatternNode } from './types';

const OR = '$or';
const EMPTY: PatternNode = { leaves: [], children: new Map() };

/**
 * Parses and validates an event pattern (the JSON text of PutRule's EventPattern or
 * TestEventPattern's), refusing what EventBridge refuses with the reason and the field path.
 * `$or` alternatives are multiplied out into branches, so matching never has to backtrack
 * across them.
 */
export function compilePattern(text: string): CompiledPattern {
  if (text.length > EVENTBRIDGE_LIMITS.patternMaxLength) {
    throw new PatternError(`Event pattern is ${text.length} characters, over the ${EVENTBRIDGE_LIMITS.patternMaxLength}-character limit`, '');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new PatternError(`Event pattern is not valid JSON: ${(err as Error).message}`, '');
  }
  if (!isObject(parsed)) throw new PatternError('Filter is not an object', '');
  return { branches: compileObject(parsed, '', false) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

function compileObject(obj: Record<string, unknown>, path: string, insideOr: boolean): PatternNode[] {
  const entries = Object.entries(obj);
  if (entries.length === 0) throw new PatternError('Empty objects are not allowed', path);
  let branches: PatternNode[] = [EMPTY];
  for (const [key, value] of entries) {
    const at = join(path, key);
    if (key === OR) {
      branches = product(branches, compileOr(value, at), at);
      continue;
    }
    if (insideOr && (OPERATORS as readonly string[]).includes(key)) {
      throw new PatternError(`${key} is Ruler reserved fieldName which cannot be used inside $or.`, at);
    }
    if (Array.isArray(value)) {
      const leaf: LeafRule = { key, matchers: compileLeaf(value, at) };
      branches = branches.map((b) => ({ leaves: [...b.leaves, leaf], children: b.children }));
    } else if (isObject(value)) {
      const alternatives = compileObject(value, at, insideOr).map((node): PatternNode => ({ leaves: [], children: new Map([[key, node]]) }));
      branches = product(branches, alternatives, at);
    } else {
      throw new PatternError(`"${key}" must be an object or an array`, at);
    }
  }
  return branches;
}

function compileOr(value: unknown, at: string): PatternNode[] {
  if (!Array.isArray(value)) throw new PatternError('It must be an Array followed with $or.', at);
  if (value.length < 2) throw new PatternError('There must have at least 2 Objects in $or relationship.', at);
  return value.flatMap((alt, i) => {
    if (!isObject(alt)) throw new PatternError('Only JSON object is allowed in array of $or relationship.', `${at}[${i}]`);
    return compileObject(alt, `${at}[${i}]`, true);
  });
}

/** Every combination of one branch from each side, merged into one node. */
function product(left: readonly PatternNode[], right: readonly PatternNode[], at: string): PatternNode[] {
  if (left.length * right.length > EVENTBRIDGE_LIMITS.patternMaxBranches) {
    throw new PatternError(`The pattern's $or combinations exceed ${EVENTBRIDGE_LIMITS.patternMaxBranches} alternatives`, at);
  }
  return left.flatMap((l) => right.map((r) => merge(l, r)));
}

/** Both nodes' conditions on the same object: leaves add up, children with one key merge. */
function merge(a: PatternNode, b: PatternNode): PatternNode {
  const children = new Map(a.children);
  for (const [key, node] of b.children) {
    const mine = children.get(key);
    children.set(key, mine ? merge(mine, node) : node);
  }
  return { leaves: [...a.leaves, ...b.leaves], children };
}
