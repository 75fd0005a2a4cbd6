import type { AwsError } from '../core/aws-error';
import { validationError } from './errors';

/** Readers for a JSON request's members, rejecting what the API model forbids with AWS's validation wording. */

type Input = Readonly<Record<string, unknown>>;

export interface StringRule {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
}

function checkString(field: string, value: string, rule: StringRule): void {
  if (rule.min !== undefined && value.length < rule.min) throw validationError(field, value, `Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value.length > rule.max) throw validationError(field, value, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value)) throw validationError(field, value, `Member must satisfy regular expression pattern: ${rule.pattern.source}`);
}

function typeError(field: string, value: unknown, type: string): AwsError {
  return validationError(field, value, `Member must be ${type}`);
}

export function optionalString(input: Input, field: string, rule: StringRule = {}): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw typeError(field, value, 'a string');
  checkString(field, value, rule);
  return value;
}

export function requiredString(input: Input, field: string, rule: StringRule = {}): string {
  const value = optionalString(input, field, rule);
  if (value === undefined) throw validationError(field, undefined, 'Member must not be null');
  return value;
}

export function optionalInteger(input: Input, field: string, range: { min?: number; max?: number } = {}): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(field, value, 'an integer');
  if (range.min !== undefined && value < range.min) throw validationError(field, value, `Member must have value greater than or equal to ${range.min}`);
  if (range.max !== undefined && value > range.max) throw validationError(field, value, `Member must have value less than or equal to ${range.max}`);
  return value;
}

export function optionalBoolean(input: Input, field: string): boolean | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw typeError(field, value, 'a boolean');
  return value;
}

export function optionalEnum<T extends string>(input: Input, field: string, values: readonly T[]): T | undefined {
  const value = optionalString(input, field);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw validationError(field, value, `Member must satisfy enum value set: [${values.join(', ')}]`);
  return value as T;
}

export function optionalStringList(input: Input, field: string, size: { min?: number; max?: number } = {}, item: StringRule = {}): string[] | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw typeError(field, value, 'a list');
  if (size.min !== undefined && value.length < size.min) throw validationError(field, value, `Member must have length greater than or equal to ${size.min}`);
  if (size.max !== undefined && value.length > size.max) throw validationError(field, value, `Member must have length less than or equal to ${size.max}`);
  return value.map((v, i) => {
    const at = `${field}.${i + 1}.member`;
    if (typeof v !== 'string') throw typeError(at, v, 'a string');
    checkString(at, v, item);
    return v;
  });
}

export function requiredStringList(input: Input, field: string, size: { min?: number; max?: number } = {}, item: StringRule = {}): string[] {
  const list = optionalStringList(input, field, size, item);
  if (list === undefined) throw validationError(field, undefined, 'Member must not be null');
  return list;
}

/** A `{key: value}` map of strings (tags). */
export function optionalStringMap(input: Input, field: string): Record<string, string> | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw typeError(field, value, 'a map');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') throw typeError(`${field}.${k}`, v, 'a string');
    out[k] = v;
  }
  return out;
}
