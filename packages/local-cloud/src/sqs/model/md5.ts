import { createHash } from 'node:crypto';
import type { MessageAttributeMap } from './types';

export function md5Hex(data: string | Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

function lengthPrefixed(bytes: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/**
 * MD5OfMessageAttributes as the SQS Developer Guide specifies it: attributes sorted by name, each
 * encoded as name, data type (both length-prefixed UTF-8), transport type (1 String, 2 Binary)
 * and the length-prefixed value. Undefined for no attributes, as SQS omits the field then.
 */
export function md5OfMessageAttributes(attributes: MessageAttributeMap | undefined): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (!attributes || names.length === 0) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const attribute = attributes[name] as MessageAttributeMap[string];
    parts.push(lengthPrefixed(Buffer.from(name, 'utf8')), lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')));
    if (attribute.DataType.startsWith('Binary')) parts.push(Buffer.from([2]), lengthPrefixed(attribute.BinaryValue ?? new Uint8Array()));
    else parts.push(Buffer.from([1]), lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8')));
  }
  return md5Hex(Buffer.concat(parts));
}
