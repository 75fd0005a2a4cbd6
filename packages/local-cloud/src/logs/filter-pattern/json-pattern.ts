import { evaluate, parseCondition, regexCount, type Condition } from './expression';
import { FilterPatternError } from './values';
import { LOGS_LIMITS } from '../limits';

/** One step of a `$.a.b[0]` selector: a property name or an array index. */
type Step = string | number;

const PROPERTY = /^[A-Za-z0-9_-]+$/;

/** `$.eventType`, `$.users[0].id`, `$.coordinates[0][1]`: property names (letters, digits, '-', '_') and indexes. */
export function parseSelector(text: string): Step[] {
  if (!text.startsWith('$')) throw new FilterPatternError(`JSON selectors start with '$', got '${text}'`);
  const steps: Step[] = [];
  let rest = text.slice(1);
  if (rest === '') throw new FilterPatternError(`Selector '$' names no property`);
  while (rest !== '') {
    const prop = /^\.([^.[\]]+)/.exec(rest);
    if (prop) {
      const name = prop[1] as string;
      if (!PROPERTY.test(name)) throw new FilterPatternError(`Property '${name}' in selector '${text}' may hold only letters, digits, '-' and '_'`);
      steps.push(name);
      rest = rest.slice(prop[0].length);
      continue;
    }
    const index = /^\[(\d+)\]/.exec(rest);
    if (index && steps.length > 0) {
      steps.push(Number(index[1]));
      rest = rest.slice(index[0].length);
      continue;
    }
    throw new FilterPatternError(`Invalid selector '${text}' at '${rest}' (array indexes must follow a property)`);
  }
  return steps;
}

function resolve(root: unknown, steps: readonly Step[]): unknown {
  let node: unknown = root;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[step];
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
      if (!Object.prototype.hasOwnProperty.call(node, step)) return undefined;
      node = (node as Record<string, unknown>)[step];
    }
    if (node === undefined) return undefined;
  }
  return node;
}

export interface JsonPattern {
  readonly condition: Condition;
  matches(message: string): boolean;
}

/** `{ … }`: the condition applies to events whose message is a JSON object or array; others never match. */
export function compileJsonPattern(pattern: string): JsonPattern {
  const body = pattern.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) throw new FilterPatternError(`A JSON filter pattern is enclosed in { }: ${pattern}`);
  const inner = body.slice(1, -1);
  if (inner.trim() === '') throw new FilterPatternError('Empty JSON filter pattern { }');
  const selectors = new Map<string, Step[]>();
  const condition = parseCondition(inner, (text) => {
    if (!selectors.has(text)) selectors.set(text, parseSelector(text));
    return text;
  });
  if (regexCount(condition) > LOGS_LIMITS.regexPerFilterPattern) throw new FilterPatternError(`A filter pattern may hold at most ${LOGS_LIMITS.regexPerFilterPattern} regular expressions`);
  return {
    condition,
    matches(message: string): boolean {
      const start = message.trimStart()[0];
      if (start !== '{' && start !== '[') return false;
      let doc: unknown;
      try {
        doc = JSON.parse(message);
      } catch {
        return false;
      }
      return evaluate(condition, (field) => resolve(doc, selectors.get(field) as Step[]));
    },
  };
}
