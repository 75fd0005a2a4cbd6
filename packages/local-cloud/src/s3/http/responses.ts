import type { GatewayResponse } from '../../gateway/types';
import { checksumHeader } from '../checksums';
import type { S3Store } from '../model/store';
import type { StoredObject } from '../model/types';
import type { S3Error } from '../s3-error';
import { escapeXml, xmlDocument, type XmlElement } from '../xml';

export const XML_CONTENT_TYPE = 'application/xml';

export function xmlResponse(root: string, content: XmlElement | string, headers: Record<string, string> = {}, status = 200): GatewayResponse {
  return { status, headers: { 'content-type': XML_CONTENT_TYPE, ...headers }, body: xmlDocument(root, content) };
}

export const emptyResponse = (status = 200, headers: Record<string, string> = {}): GatewayResponse => ({ status, headers });

/** S3's `<Error>` document (no namespace), with the request's resource and ID. */
export function errorResponse(err: S3Error, resource: string, requestId: string): GatewayResponse {
  const details = Object.entries(err.details)
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
    .join('');
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message>` +
    `${details}<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`;
  return { status: err.status, headers: { 'content-type': XML_CONTENT_TYPE, ...err.headers }, body };
}

/** ISO 8601 with milliseconds, as S3's XML writes times. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();
/** RFC 7231, as Last-Modified and x-amz-expiration write times. */
export const httpTime = (ms: number): string => new Date(ms).toUTCString();

/** The encryption headers every object response carries. */
export function encryptionHeaders(object: Pick<StoredObject, 'encryption'>): Record<string, string> {
  const h: Record<string, string> = { 'x-amz-server-side-encryption': object.encryption.algorithm };
  if (object.encryption.kmsKeyId !== undefined) h['x-amz-server-side-encryption-aws-kms-key-id'] = object.encryption.kmsKeyId;
  if (object.encryption.bucketKeyEnabled) h['x-amz-server-side-encryption-bucket-key-enabled'] = 'true';
  return h;
}

export function expirationHeader(expiry: { at: number; ruleId: string } | undefined): Record<string, string> {
  return expiry ? { 'x-amz-expiration': `expiry-date="${httpTime(expiry.at)}", rule-id="${expiry.ruleId}"` } : {};
}

export function checksumHeaders(store: S3Store, object: StoredObject): Record<string, string> {
  const c = store.checksumOf(object);
  return { [checksumHeader(c.algorithm)]: c.value, 'x-amz-checksum-type': c.type };
}

/** GetObject and HeadObject headers: stored attributes, metadata, tags count, expiry, checksum when asked for. */
export function objectHeaders(store: S3Store, object: StoredObject, expiry: { at: number; ruleId: string } | undefined, withChecksum: boolean): Record<string, string> {
  const h: Record<string, string> = {
    'content-type': object.contentType,
    etag: object.eTag,
    'last-modified': httpTime(object.lastModified),
    'accept-ranges': 'bytes',
    ...encryptionHeaders(object),
    ...expirationHeader(expiry),
  };
  const stored = object.headers;
  if (stored.cacheControl !== undefined) h['cache-control'] = stored.cacheControl;
  if (stored.contentDisposition !== undefined) h['content-disposition'] = stored.contentDisposition;
  if (stored.contentEncoding !== undefined) h['content-encoding'] = stored.contentEncoding;
  if (stored.contentLanguage !== undefined) h['content-language'] = stored.contentLanguage;
  if (stored.expires !== undefined) h['expires'] = stored.expires;
  for (const [k, v] of Object.entries(object.metadata)) h[`x-amz-meta-${k}`] = v;
  if (object.storageClass !== 'STANDARD') h['x-amz-storage-class'] = object.storageClass;
  if (object.tags.length > 0) h['x-amz-tagging-count'] = String(object.tags.length);
  if (withChecksum) Object.assign(h, checksumHeaders(store, object));
  return h;
}
