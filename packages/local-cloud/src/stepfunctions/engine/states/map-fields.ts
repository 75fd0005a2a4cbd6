import { StatesError, STATES_ERRORS } from '../../asl/errors';
import { query } from '../../asl/json-path';

export interface NumberBounds {
  min: number;
  max: number;
  integer: boolean;
}

export const NON_NEGATIVE_INTEGER: NumberBounds = { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true };
export const POSITIVE_INTEGER: NumberBounds = { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true };

function describe(b: NumberBounds): string {
  const kind = b.integer ? 'integer' : 'number';
  if (b.max === Number.MAX_SAFE_INTEGER) return b.min === 0 ? `a non-negative ${kind}` : b.min === 1 ? `a positive ${kind}` : `an ${kind} of at least ${b.min}`;
  return `${b.integer ? 'an' : 'a'} ${kind} from ${b.min} to ${b.max}`;
}

/**
 * A Map field (of the state, or of its ItemBatcher / ReaderConfig) given literally (checked at
 * create time) or read through its `…Path` from the effective input, where a value out of bounds
 * is States.Runtime naming the state and the path.
 */
export function numberField(fields: object, field: string, effective: unknown, stateName: string, bounds: NumberBounds): number | undefined {
  const own = fields as Record<string, unknown>;
  const path = own[`${field}Path`];
  if (typeof path !== 'string') return own[field] as number | undefined;
  const v = query(path, effective, stateName);
  if (typeof v !== 'number' || (bounds.integer && !Number.isInteger(v)) || v < bounds.min || v > bounds.max) {
    throw new StatesError(STATES_ERRORS.runtime, `State '${stateName}': ${field}Path '${path}' must point to ${describe(bounds)}, got ${JSON.stringify(v)}`);
  }
  return v;
}
