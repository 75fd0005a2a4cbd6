import { StatesError, STATES_ERRORS } from './errors';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics';
import { query, queryInputOrContext, setAtReferencePath } from './json-path';

/**
 * The context object, or a function that builds it: most templates never read `$$`, and
 * building it for every one of thousands of Map iterations would be waste.
 */
export type ContextSource = unknown;

function contextFor(expr: string, context: ContextSource): unknown {
  if (!expr.includes('$$')) return undefined;
  return typeof context === 'function' ? (context as () => unknown)() : context;
}

/**
 * Evaluates a payload template (Parameters, ItemSelector, ResultSelector): keys ending in `.$`
 * take their value from a path on the input (`$…`), the context object (`$$…`) or an intrinsic
 * function; everything else is copied as is.
 */
export function applyPayloadTemplate(template: unknown, input: unknown, context: ContextSource, where: string): unknown {
  if (Array.isArray(template)) return template.map((t) => applyPayloadTemplate(t, input, context, where));
  if (template === null || typeof template !== 'object') return template;
  const out: Record<string, unknown> = {};
  for (const field of compile(template as Record<string, unknown>, where)) {
    out[field.name] = field.dynamic
      ? evaluateDynamicValue(field.value as string, input, context, where, field.key)
      : field.nested
      ? applyPayloadTemplate(field.value, input, context, where)
      : field.value;
  }
  return out;
}

interface CompiledField {
  key: string;
  name: string;
  value: unknown;
  dynamic: boolean;
  nested: boolean;
}
/** Templates are evaluated once per state visit, thousands of times in a Map: split keys once. */
const compiled = new WeakMap<object, CompiledField[]>();

function compile(template: Record<string, unknown>, where: string): CompiledField[] {
  const cached = compiled.get(template);
  if (cached) return cached;
  const fields: CompiledField[] = [];
  for (const [key, value] of Object.entries(template)) {
    const dynamic = key.endsWith('.$');
    if (dynamic && typeof value !== 'string') {
      throw new StatesError(STATES_ERRORS.runtime, `State '${where}': the value of field '${key}' must be a path or intrinsic function`);
    }
    fields.push({ key, name: dynamic ? key.slice(0, -2) : key, value, dynamic, nested: !dynamic && value !== null && typeof value === 'object' });
  }
  compiled.set(template, fields);
  return fields;
}

function evaluateDynamicValue(expr: string, input: unknown, source: ContextSource, where: string, key: string): unknown {
  const context = contextFor(expr, source);
  if (isIntrinsic(expr)) return evaluateIntrinsic(expr, input, context, where);
  try {
    return queryInputOrContext(expr, input, context, where);
  } catch (err) {
    if (err instanceof StatesError && err.error === STATES_ERRORS.runtime) {
      throw new StatesError(
        STATES_ERRORS.runtime,
        `An error occurred while executing the state '${where}'. The JSONPath '${expr}' specified for the field '${key}' could not be found in the input '${JSON.stringify(
          input
        )?.slice(0, 1000)}'`
      );
    }
    throw err;
  }
}

/** InputPath: null means `{}`; `$` (or absent) passes the input through. */
export function applyInputPath(inputPath: string | null | undefined, input: unknown, where: string): unknown {
  if (inputPath === null) return {};
  if (inputPath === undefined || inputPath === '$') return input;
  return query(inputPath, input, where);
}

/** OutputPath: null means `{}`. */
export function applyOutputPath(outputPath: string | null | undefined, output: unknown, where: string): unknown {
  if (outputPath === null) return {};
  if (outputPath === undefined || outputPath === '$') return output;
  return query(outputPath, output, where);
}

/** ResultPath: null discards the result (the state input passes through); `$` replaces it. */
export function applyResultPath(resultPath: string | null | undefined, rawInput: unknown, result: unknown, where: string): unknown {
  if (resultPath === null) return rawInput;
  if (resultPath === undefined || resultPath === '$') return result;
  return setAtReferencePath(rawInput, resultPath, result, where);
}
