import { S3_LIMITS } from './limits';
import { S3Error } from './s3-error';

export interface DecodedChunkedBody {
  readonly payload: Buffer;
  /** Trailing headers after the last chunk (`x-amz-checksum-crc32`, `x-amz-trailer-signature`), names lowercased. */
  readonly trailers: Readonly<Record<string, string>>;
}

const CRLF = Buffer.from('\r\n');

const incomplete = (why: string): S3Error =>
  new S3Error('IncompleteBody', `The aws-chunked request body is incomplete or malformed: ${why}`, 400);

/**
 * Decodes an `aws-chunked` body: `<hex size>[;chunk-signature=…]\r\n<data>\r\n` repeated, a zero-size
 * chunk, then optional trailer lines and a blank line. This covers what the SDKs send for
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER and the STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] forms.
 * Chunk signatures are not verified (the local cloud checks no signatures); chunk sizes are, as S3
 * rejects a short chunk that is not the last.
 */
export function decodeAwsChunked(body: Buffer): DecodedChunkedBody {
  const parts: Buffer[] = [];
  let pos = 0;
  let index = 0;
  let previousShort: number | undefined;
  for (;;) {
    const lineEnd = body.indexOf(CRLF, pos);
    if (lineEnd < 0) throw incomplete(`chunk ${index + 1} has no size line`);
    const line = body.subarray(pos, lineEnd).toString('latin1');
    const hex = line.split(';', 1)[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]+$/.test(hex)) throw incomplete(`chunk ${index + 1} size '${hex}' is not hexadecimal`);
    const size = parseInt(hex, 16);
    pos = lineEnd + 2;
    if (size === 0) break;
    if (previousShort !== undefined) {
      throw new S3Error('InvalidChunkSizeError', `Only the last chunk is allowed to have a size less than ${S3_LIMITS.minAwsChunkBytes} bytes`, 403, {
        Chunk: index,
        BadChunkSize: previousShort,
      });
    }
    if (pos + size + 2 > body.length) throw incomplete(`chunk ${index + 1} declares ${size} bytes but the body ends first`);
    parts.push(body.subarray(pos, pos + size));
    if (!body.subarray(pos + size, pos + size + 2).equals(CRLF)) throw incomplete(`chunk ${index + 1} is not followed by CRLF`);
    pos += size + 2;
    if (size < S3_LIMITS.minAwsChunkBytes) previousShort = size;
    index++;
  }
  const trailers: Record<string, string> = {};
  while (pos < body.length) {
    const lineEnd = body.indexOf(CRLF, pos);
    const line = body.subarray(pos, lineEnd < 0 ? body.length : lineEnd).toString('latin1');
    pos = lineEnd < 0 ? body.length : lineEnd + 2;
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon <= 0) throw incomplete(`trailer line '${line}' is not 'name:value'`);
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { payload: Buffer.concat(parts), trailers };
}
