import { constraintError, EventBridgeError, missingMember } from './errors';
import { EVENTBRIDGE_LIMITS, MEMBER_MAX_LENGTH } from './limits';

/** A decoded JSON 1.1 request body or a structure inside it. */
export type Body = Readonly<Record<string, unknown>>;

/** AWS names members in validation messages in camelCase (`eventBusName`, `targets.1.member.id`). */
const memberName = (key: string): string => key.charAt(0).toLowerCase() + key.slice(1);
const at = (prefix: string, key: string): string => (prefix === '' ? memberName(key) : `${prefix}.${memberName(key)}`);

function wrongType(path: string, expected: string, value: unknown): EventBridgeError {
  return new EventBridgeError('SerializationException', `Value at '${path}' must be ${expected}, got ${Array.isArray(value) ? 'array' : typeof value}`);
}

export function optString(body: Body, key: string, prefix = ''): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw wrongType(at(prefix, key), 'a string', v);
  return v;
}

export function reqString(body: Body, key: string, prefix = ''): string {
  const v = optString(body, key, prefix);
  if (v === undefined) throw missingMember(at(prefix, key));
  return v;
}

/** A string member within length bounds (and, when given, matching a pattern). */
export function boundedString(body: Body, key: string, max: number, opts: { prefix?: string; pattern?: RegExp; required: true }): string;
export function boundedString(body: Body, key: string, max: number, opts?: { prefix?: string; pattern?: RegExp; required?: false }): string | undefined;
export function boundedString(body: Body, key: string, max: number, opts: { prefix?: string; pattern?: RegExp; required?: boolean } = {}): string | undefined {
  const prefix = opts.prefix ?? '';
  const v = opts.required ? reqString(body, key, prefix) : optString(body, key, prefix);
  if (v === undefined) return undefined;
  if (v.length > max) throw constraintError(v, at(prefix, key), `Member must have length less than or equal to ${max}`);
  if (opts.required && v.length === 0) throw constraintError(v, at(prefix, key), 'Member must have length greater than or equal to 1');
  if (opts.pattern && !opts.pattern.test(v)) throw constraintError(v, at(prefix, key), `Member must satisfy regular expression pattern: ${opts.pattern.source}`);
  return v;
}

export function optInt(body: Body, key: string, min: number, max: number, prefix = ''): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw wrongType(at(prefix, key), 'an integer', v);
  if (v < min) throw constraintError(v, at(prefix, key), `Member must have value greater than or equal to ${min}`);
  if (v > max) throw constraintError(v, at(prefix, key), `Member must have value less than or equal to ${max}`);
  return v;
}

export function optBool(body: Body, key: string, prefix = ''): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw wrongType(at(prefix, key), 'a boolean', v);
  return v;
}

export function optStruct(body: Body, key: string, prefix = ''): Body | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw wrongType(at(prefix, key), 'a structure', v);
  return v as Body;
}

/** A list member with its length bounds; `required` lists must be present. */
export function list(body: Body, key: string, bounds: { min: number; max: number; required: boolean }, prefix = ''): unknown[] | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (bounds.required) throw missingMember(at(prefix, key));
    return undefined;
  }
  if (!Array.isArray(v)) throw wrongType(at(prefix, key), 'a list', v);
  if (v.length < bounds.min) throw constraintError(v, at(prefix, key), `Member must have length greater than or equal to ${bounds.min}`);
  if (v.length > bounds.max) throw constraintError(v, at(prefix, key), `Member must have length less than or equal to ${bounds.max}`);
  return v;
}

export function optStringMap(body: Body, key: string, prefix = ''): Record<string, string> | undefined {
  const v = optStruct(body, key, prefix);
  if (v === undefined) return undefined;
  for (const [k, s] of Object.entries(v)) if (typeof s !== 'string') throw wrongType(`${at(prefix, key)}.${k}`, 'a string', s);
  return v as Record<string, string>;
}

/** A list of `{Key, Value}` tags as pairs. */
export function tagPairs(body: Body, key: string, required: boolean): Array<[string, string]> {
  const tags = list(body, key, { min: 0, max: EVENTBRIDGE_LIMITS.tagsPerResource, required }) ?? [];
  return tags.map((t, i) => {
    const prefix = `${memberName(key)}.${i + 1}.member`;
    if (typeof t !== 'object' || t === null) throw wrongType(prefix, 'a structure', t);
    const tag = t as Body;
    return [boundedString(tag, 'Key', MEMBER_MAX_LENGTH.tagKey, { prefix, required: true }), boundedString(tag, 'Value', MEMBER_MAX_LENGTH.tagValue, { prefix, required: true })];
  });
}

/** Strings of a list member. */
export function stringItems(items: readonly unknown[], key: string): string[] {
  return items.map((v, i) => {
    if (typeof v !== 'string') throw wrongType(`${memberName(key)}.${i + 1}.member`, 'a string', v);
    return v;
  });
}

/** JSON 1.1 timestamps are epoch seconds; an RFC 3339 string is accepted too. */
export function optTimestamp(body: Body, key: string, prefix = ''): Date | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  const d = typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? new Date(v) : undefined;
  if (!d || Number.isNaN(d.getTime())) throw wrongType(at(prefix, key), 'a timestamp (epoch seconds)', v);
  return d;
}

/** Responses carry only the members that are set. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

export const epochSeconds = (d: Date): number => d.getTime() / 1000;
