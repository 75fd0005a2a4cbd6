import { SqsError, invalidParameter, missingParameter } from '../errors';
import type { MessageAttributeMap, MessageAttributeValue } from '../model/types';

/**
 * Readers of a request's members, for both protocols: the JSON body as sent, the query form
 * converted to the same shape (numbers still as text). Each names the member it rejects.
 */
export type Input = Readonly<Record<string, unknown>>;

export function requiredString(input: Input, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw missingParameter(name);
  return value;
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(name, value, 'must be a string.');
  return value;
}

export function optionalInteger(input: Input, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw invalidParameter(name, value, 'must be an integer.');
  return n;
}

export function requiredInteger(input: Input, name: string): number {
  const value = optionalInteger(input, name);
  if (value === undefined) throw missingParameter(name);
  return value;
}

export function stringList(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalidParameter(name, value, 'must be a list of strings.');
  return value as string[];
}

export function stringMap(input: Input, name: string): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw invalidParameter(name, value, 'must be a map of strings to strings.');
  }
  return value as Record<string, string>;
}

function binary(value: unknown, where: string): Uint8Array | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Uint8Array) return value;
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw invalidParameter(where, value, 'BinaryValue must be base64.');
  return Buffer.from(value, 'base64');
}

/** MessageAttributes / MessageSystemAttributes: name → { DataType, StringValue | BinaryValue (base64 on the wire) }. */
export function messageAttributes(input: Input, name: string): MessageAttributeMap | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter(name, value, 'must be a map of attribute names to values.');
  const out: Record<string, MessageAttributeValue> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (raw === null || typeof raw !== 'object') throw invalidParameter(`${name}.${key}`, raw, 'must be an attribute value.');
    const attribute = raw as Input;
    if (attribute['StringListValues'] !== undefined || attribute['BinaryListValues'] !== undefined) {
      throw new SqsError('InvalidParameterValue', `Message attribute '${key}': StringListValues and BinaryListValues are reserved for future use by SQS.`);
    }
    const type = optionalString(attribute, 'DataType');
    if (type === undefined) throw new SqsError('InvalidParameterValue', `The message attribute '${key}' must contain a non-empty attribute type.`);
    const text = optionalString(attribute, 'StringValue');
    const bytes = binary(attribute['BinaryValue'], `${name}.${key}.BinaryValue`);
    out[key] = { DataType: type, ...(text === undefined ? {} : { StringValue: text }), ...(bytes === undefined ? {} : { BinaryValue: bytes }) };
  }
  return out;
}

/** A batch's Entries (missing counts as empty: EmptyBatchRequest). */
export function entries(input: Input): Input[] {
  const value = input['Entries'];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((e) => e === null || typeof e !== 'object')) throw invalidParameter('Entries', value, 'must be a list of entries.');
  return value as Input[];
}
