import type { SqsLimits } from '../constants';
import { SqsError, invalidParameter, missingParameter } from '../errors';
import type { MessageAttributeMap } from './types';

/** XML 1.0's characters: what SQS accepts in bodies and string attribute values. */
const INVALID_CHAR_RE = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ALLOWED = '#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF';

const ATTRIBUTE_NAME_RE = /^[A-Za-z0-9_.-]+$/;
const DATA_TYPE_RE = /^(String|Number|Binary)(\..+)?$/s;
const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function invalidCharacter(text: string, where: string): SqsError | undefined {
  const m = INVALID_CHAR_RE.exec(text);
  if (!m) return undefined;
  const code = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase();
  return new SqsError('InvalidMessageContents', `Invalid binary character '#x${code}' was found in ${where}, the set of allowed characters is ${ALLOWED}`);
}

export function checkBody(body: string): void {
  if (body === '') throw missingParameter('MessageBody');
  const bad = invalidCharacter(body, 'the message body');
  if (bad) throw bad;
}

function checkNumber(name: string, value: string): void {
  const digits = value.replace(/[eE].*$/, '').replace(/[^0-9]/g, '').replace(/^0+/, '').replace(/0+$/, '');
  const n = Number(value);
  if (!NUMBER_RE.test(value) || digits.length > 38 || (n !== 0 && (Math.abs(n) < 1e-128 || Math.abs(n) > 1e126))) {
    throw invalidParameter(`MessageAttribute.${name}`, value, `Can't cast the value of message (user) attribute '${name}' to a number (up to 38 digits, magnitude from 10^-128 to 10^+126).`);
  }
}

/** Message (user) attributes: at most 10, AWS's name, type and value rules. */
export function checkMessageAttributes(attributes: MessageAttributeMap | undefined, limits: SqsLimits): void {
  const names = Object.keys(attributes ?? {});
  if (!attributes || names.length === 0) return;
  if (names.length > limits.messageAttributes) {
    throw new SqsError('InvalidParameterValue', `Number of message attributes [${names.length}] exceeds the allowed maximum [${limits.messageAttributes}].`);
  }
  for (const name of names) {
    const { DataType: type, StringValue: text, BinaryValue: bytes } = attributes[name] as MessageAttributeMap[string];
    const lower = name.toLowerCase();
    if (
      name.length > limits.messageAttributeNameLength ||
      !ATTRIBUTE_NAME_RE.test(name) ||
      lower.startsWith('aws.') ||
      lower.startsWith('amazon.') ||
      name.startsWith('.') ||
      name.endsWith('.') ||
      name.includes('..')
    ) {
      throw new SqsError(
        'InvalidParameterValue',
        `Message (user) attribute name '${name}' is invalid: up to ${limits.messageAttributeNameLength} of A-Z a-z 0-9 _ - ., no leading, trailing or doubled period, no AWS. or Amazon. prefix.`,
      );
    }
    if (!DATA_TYPE_RE.test(type) || type.length > limits.messageAttributeTypeLength) {
      throw new SqsError('InvalidParameterValue', `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    }
    const badType = invalidCharacter(type, `the type of message attribute '${name}'`);
    if (badType) throw badType;
    const binary = type.startsWith('Binary');
    if (binary ? !bytes || bytes.length === 0 : !text) {
      throw new SqsError('InvalidParameterValue', `Message (user) attribute '${name}' must contain a non-empty value of message attribute type '${binary ? 'Binary' : type.split('.')[0]}' (${binary ? 'BinaryValue' : 'StringValue'}).`);
    }
    if (binary ? text !== undefined : bytes !== undefined) {
      throw new SqsError('InvalidParameterValue', `Message (user) attribute '${name}' of type '${type}' must carry only ${binary ? 'BinaryValue' : 'StringValue'}.`);
    }
    if (text !== undefined) {
      const badText = invalidCharacter(text, `the value of message attribute '${name}'`);
      if (badText) throw badText;
      if (type.startsWith('Number')) checkNumber(name, text);
    }
  }
}

/** Message system attributes: only AWSTraceHeader, a String. */
export function checkSystemAttributes(attributes: MessageAttributeMap | undefined): void {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (name !== 'AWSTraceHeader') throw new SqsError('InvalidParameterValue', `Message system attribute name '${name}' is invalid: the only one supported is AWSTraceHeader.`);
    if (value.DataType !== 'String' || !value.StringValue) {
      throw new SqsError('InvalidParameterValue', `Message system attribute 'AWSTraceHeader' must be of type String with a non-empty StringValue.`);
    }
  }
}

/** What counts toward MaximumMessageSize: the body and every part of every user attribute. */
export function messageSize(body: string, attributes: MessageAttributeMap | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType) + (value.BinaryValue?.length ?? Buffer.byteLength(value.StringValue ?? ''));
  }
  return size;
}

/** ReceiveMessage's MessageAttributeNames: `All` or `.*`, `prefix.*`, or exact names. */
export function selectMessageAttributes(attributes: MessageAttributeMap, names: readonly string[] | undefined): MessageAttributeMap | undefined {
  if (!names || names.length === 0) return undefined;
  const all = names.some((n) => n === 'All' || n === '.*');
  const prefixes = names.filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -1));
  const picked = Object.entries(attributes).filter(([name]) => all || names.includes(name) || prefixes.some((p) => name.startsWith(p)));
  return picked.length === 0 ? undefined : Object.fromEntries(picked);
}
