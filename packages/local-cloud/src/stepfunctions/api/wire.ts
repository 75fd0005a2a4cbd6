import { SfnApiError } from '../engine/api-errors';
import { LOCAL_LIMITS } from '../limits';

export type Body = Record<string, unknown>;

/** JSON 1.0 timestamps travel as epoch seconds with a fraction. */
export const epoch = (d: Date | undefined): number | undefined => (d ? d.getTime() / 1000 : undefined);

function notNull(field: string): SfnApiError {
  return new SfnApiError('ValidationException', `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`);
}

export function optStr(body: Body, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new SfnApiError('SerializationException', `Value at '${field}' must be a string, got ${typeof v}`);
  return v;
}

export function str(body: Body, field: string): string {
  const v = optStr(body, field);
  if (v === undefined || v === '') throw notNull(field);
  return v;
}

export function optNum(body: Body, field: string): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > LOCAL_LIMITS.maxResults) {
    throw new SfnApiError('ValidationException', `Value at '${field}' must be an integer from 0 to ${LOCAL_LIMITS.maxResults}`);
  }
  return v;
}

export function optBool(body: Body, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new SfnApiError('ValidationException', `Value at '${field}' must be a boolean`);
  return v;
}

/** A required list of strings (UntagResource's tagKeys). */
export function strList(body: Body, field: string): string[] {
  const v = body[field];
  if (v === undefined || v === null) throw notNull(field);
  if (!Array.isArray(v) || v.some((k) => typeof k !== 'string')) throw new SfnApiError('SerializationException', `Value at '${field}' must be a list of strings`);
  return v as string[];
}

/** Drops undefined members so responses carry only what is set. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** Offset pagination shared by the List* operations. */
export function paginate<T>(items: T[], body: Body): { page: T[]; nextToken?: string } {
  const max = optNum(body, 'maxResults') || LOCAL_LIMITS.defaultPageSize;
  const token = optStr(body, 'nextToken');
  let offset = 0;
  if (token !== undefined) {
    const m = /^p(\d+)$/.exec(token);
    if (!m) throw new SfnApiError('InvalidToken', `Invalid Token: '${token}'`);
    offset = Number(m[1]);
  }
  const page = items.slice(offset, offset + max);
  return offset + max < items.length ? { page, nextToken: `p${offset + max}` } : { page };
}
