import type { GatewayRequest } from '../../gateway/types';
import { decodeAwsChunked } from '../aws-chunked';
import { checksumHeader, isChecksumAlgorithm, sha256Hex, type ChecksumAlgorithm } from '../checksums';
import { verifyIntegrity, type ObjectAttributes } from '../model/objects';
import { parseTaggingHeader } from '../model/tags';
import type { ObjectHeaders } from '../model/types';
import { invalidRequest, notImplemented, S3Error } from '../s3-error';

/** A header's value (the first, when repeated). */
export function header(request: GatewayRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The request body as S3 stores it, with the integrity values the client sent for it. */
export interface Payload {
  readonly body: Buffer;
  readonly contentMd5?: string | undefined;
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string } | undefined;
}

const NOT_CHECKSUM_VALUES = new Set(['x-amz-checksum-algorithm', 'x-amz-checksum-type', 'x-amz-checksum-mode']);

function checksumFromHeaders(request: GatewayRequest, trailers: Readonly<Record<string, string>>): Payload['checksum'] {
  const found: { algorithm: ChecksumAlgorithm; value: string }[] = [];
  const sources: Record<string, string | undefined>[] = [Object.fromEntries(Object.keys(request.headers).map((k) => [k, header(request, k)])), trailers];
  for (const source of sources) {
    for (const [name, value] of Object.entries(source)) {
      if (!name.startsWith('x-amz-checksum-') || NOT_CHECKSUM_VALUES.has(name) || value === undefined) continue;
      const algorithm = name.slice('x-amz-checksum-'.length).toUpperCase();
      if (!isChecksumAlgorithm(algorithm)) throw invalidRequest(`The algorithm type you specified in ${name} header is invalid.`);
      found.push({ algorithm, value });
    }
  }
  if (found.length > 1) throw invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  const declared = header(request, 'x-amz-sdk-checksum-algorithm')?.toUpperCase();
  if (declared !== undefined && found.length === 0) {
    throw invalidRequest('x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.');
  }
  if (declared !== undefined && found[0] && found[0].algorithm !== declared) {
    throw invalidRequest(`x-amz-sdk-checksum-algorithm says ${declared} but the checksum sent is ${checksumHeader(found[0].algorithm)}`);
  }
  return found[0];
}

/**
 * Decodes the body as the SDKs send it: aws-chunked (STREAMING-* payloads, with the checksum in
 * a trailer) or plain, checking x-amz-content-sha256 when it is a digest, and x-amz-decoded-content-length.
 */
export function readPayload(request: GatewayRequest): Payload {
  const sha = header(request, 'x-amz-content-sha256');
  const encoding = header(request, 'content-encoding') ?? '';
  let body = request.body;
  let trailers: Readonly<Record<string, string>> = {};
  if (sha?.startsWith('STREAMING-') || /(^|,)\s*aws-chunked\s*(,|$)/.test(encoding)) {
    const decoded = decodeAwsChunked(request.body);
    body = decoded.payload;
    trailers = decoded.trailers;
    const declared = header(request, 'x-amz-decoded-content-length');
    if (declared !== undefined && Number(declared) !== body.length) {
      throw new S3Error('IncompleteBody', `You did not provide the number of bytes specified by x-amz-decoded-content-length (${declared}); the chunks hold ${body.length}`, 400);
    }
    const trailer = header(request, 'x-amz-trailer')?.toLowerCase();
    if (trailer !== undefined && trailers[trailer] === undefined) {
      throw new S3Error('MalformedTrailerError', `The request declared the trailer ${trailer} in x-amz-trailer but its body does not end with it.`, 400);
    }
  } else if (sha !== undefined && /^[0-9a-f]{64}$/.test(sha)) {
    const actual = sha256Hex(body);
    if (actual !== sha) {
      throw new S3Error('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
        ClientComputedContentSHA256: sha,
        S3ComputedContentSHA256: actual,
      });
    }
  }
  return { body, contentMd5: header(request, 'content-md5'), checksum: checksumFromHeaders(request, trailers) };
}

/**
 * The body of a request that is not an object (DeleteObjects, tagging, configuration), its
 * Content-MD5 and checksum verified. `integrityRequired`: S3 refuses it without either header.
 */
export function readCheckedBody(request: GatewayRequest, integrityRequired: boolean): Buffer {
  const payload = readPayload(request);
  if (integrityRequired && payload.contentMd5 === undefined && payload.checksum === undefined) {
    throw invalidRequest('Missing required header for this request: Content-MD5 or x-amz-checksum-*');
  }
  verifyIntegrity(payload.body, payload.contentMd5, payload.checksum);
  return payload.body;
}

function objectHeaders(request: GatewayRequest): ObjectHeaders {
  const out: Record<string, string> = {};
  const encoding = header(request, 'content-encoding')
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== 'aws-chunked')
    .join(',');
  const pairs: [keyof ObjectHeaders, string | undefined][] = [
    ['cacheControl', header(request, 'cache-control')],
    ['contentDisposition', header(request, 'content-disposition')],
    ['contentEncoding', encoding || undefined],
    ['contentLanguage', header(request, 'content-language')],
    ['expires', header(request, 'expires')],
  ];
  for (const [k, v] of pairs) if (v !== undefined) out[k] = v;
  return out;
}

/** x-amz-meta-* headers, without the prefix. */
export function userMetadata(request: GatewayRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(request.headers)) if (name.startsWith('x-amz-meta-')) out[name.slice('x-amz-meta-'.length)] = header(request, name) ?? '';
  return out;
}

/** What PutObject, CreateMultipartUpload and a REPLACE copy read from the headers. */
export function objectAttributes(request: GatewayRequest): ObjectAttributes {
  if (header(request, 'x-amz-server-side-encryption-customer-algorithm') !== undefined) notImplementedSseC();
  const tagging = header(request, 'x-amz-tagging');
  const bucketKey = header(request, 'x-amz-server-side-encryption-bucket-key-enabled');
  return {
    contentType: header(request, 'content-type'),
    metadata: userMetadata(request),
    headers: objectHeaders(request),
    tags: tagging === undefined ? undefined : parseTaggingHeader(tagging),
    storageClass: header(request, 'x-amz-storage-class'),
    encryption: {
      algorithm: header(request, 'x-amz-server-side-encryption'),
      kmsKeyId: header(request, 'x-amz-server-side-encryption-aws-kms-key-id'),
      bucketKeyEnabled: bucketKey === undefined ? undefined : bucketKey.toLowerCase() === 'true',
    },
  };
}

function notImplementedSseC(): never {
  throw notImplemented('server-side encryption with customer-provided keys (SSE-C)');
}

/** A checksum algorithm header (x-amz-checksum-algorithm, x-amz-sdk-checksum-algorithm), validated. */
export function checksumAlgorithmHeader(request: GatewayRequest, name: string): ChecksumAlgorithm | undefined {
  const v = header(request, name)?.toUpperCase();
  if (v === undefined) return undefined;
  if (!isChecksumAlgorithm(v)) throw invalidRequest(`Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256] (${name}: ${v})`);
  return v;
}
