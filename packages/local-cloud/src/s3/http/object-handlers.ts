import type { GatewayRequest } from '../../gateway/types';
import type { Preconditions } from '../model/conditions';
import type { StoredObject, Tag } from '../model/types';
import { invalidArgument, malformedXml, notImplemented } from '../s3-error';
import { S3_LIMITS } from '../limits';
import { children, parseXml, text, type XmlNode } from '../xml';
import type { S3Call, S3Handler } from './call';
import { tagSet, parseTagSet } from './config-xml';
import { parseRange } from './range';
import { checksumAlgorithmHeader, header, objectAttributes, readCheckedBody, readPayload } from './request';
import { checksumHeaders, emptyResponse, encryptionHeaders, expirationHeader, isoTime, objectHeaders, xmlResponse } from './responses';

const preconditions = (r: GatewayRequest, prefix = ''): Preconditions => ({
  ifMatch: header(r, `${prefix}if-match`),
  ifNoneMatch: header(r, `${prefix}if-none-match`),
  ifModifiedSince: header(r, `${prefix}if-modified-since`),
  ifUnmodifiedSince: header(r, `${prefix}if-unmodified-since`),
});

const key = (call: S3Call): string => call.key as string;

function writeHeaders(call: S3Call, object: StoredObject): Record<string, string> {
  return {
    etag: object.eTag,
    ...encryptionHeaders(object),
    ...expirationHeader(call.model.objects.expiryOf(call.bucket, object.key)),
    ...(object.checksum ? checksumHeaders(call.model.store, object) : {}),
  };
}

export const putObject: S3Handler = (call) => {
  const r = call.request;
  const payload = readPayload(r);
  const object = call.model.objects.put({
    bucket: call.bucket,
    key: key(call),
    body: payload.body,
    caller: r.caller,
    contentMd5: payload.contentMd5,
    checksum: payload.checksum,
    ifMatch: header(r, 'if-match'),
    ifNoneMatch: header(r, 'if-none-match'),
    ...objectAttributes(r),
  });
  return emptyResponse(200, writeHeaders(call, object));
};

/** `x-amz-copy-source: [/]bucket/key[?versionId=…]`, URL-encoded. */
function copySource(value: string): { bucket: string; key: string } {
  const [path = '', query] = value.split('?', 2);
  const decoded = decodeURIComponent(path).replace(/^\//, '');
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1) throw invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', value);
  const versionId = new URLSearchParams(query ?? '').get('versionId');
  if (versionId !== null && versionId !== 'null') throw invalidArgument('Invalid version id specified', 'x-amz-copy-source', value);
  return { bucket: decoded.slice(0, slash), key: decoded.slice(slash + 1) };
}

function directive(r: GatewayRequest, name: string): 'COPY' | 'REPLACE' {
  const v = header(r, name) ?? 'COPY';
  if (v !== 'COPY' && v !== 'REPLACE') throw invalidArgument(`Unknown ${name === 'x-amz-metadata-directive' ? 'metadata' : 'tagging'} directive.`, name, v);
  return v;
}

export const copyObject: S3Handler = (call) => {
  const r = call.request;
  const source = copySource(header(r, 'x-amz-copy-source') as string);
  const attrs = objectAttributes(r);
  const object = call.model.objects.copy({
    sourceBucket: source.bucket,
    sourceKey: source.key,
    bucket: call.bucket,
    key: key(call),
    caller: r.caller,
    metadataDirective: directive(r, 'x-amz-metadata-directive'),
    taggingDirective: directive(r, 'x-amz-tagging-directive'),
    sourcePreconditions: preconditions(r, 'x-amz-copy-source-'),
    checksumAlgorithm: checksumAlgorithmHeader(r, 'x-amz-checksum-algorithm'),
    ...attrs,
  });
  const checksum = object.checksum;
  return xmlResponse(
    'CopyObjectResult',
    {
      ETag: object.eTag,
      LastModified: isoTime(object.lastModified),
      ...(checksum ? { [`Checksum${checksum.algorithm}`]: checksum.value, ChecksumType: checksum.type } : {}),
    },
    { ...encryptionHeaders(object), ...expirationHeader(call.model.objects.expiryOf(call.bucket, object.key)) },
  );
};

const RESPONSE_OVERRIDES: [string, string][] = [
  ['response-content-type', 'content-type'],
  ['response-content-language', 'content-language'],
  ['response-expires', 'expires'],
  ['response-cache-control', 'cache-control'],
  ['response-content-disposition', 'content-disposition'],
  ['response-content-encoding', 'content-encoding'],
];

/** GetObject and HeadObject: HEAD sends the same headers; Node's server leaves the body out. */
export const getObject: S3Handler = (call) => {
  const r = call.request;
  if (r.query.has('partNumber')) throw notImplemented('GetObject/HeadObject by partNumber');
  if (r.query.has('versionId') && r.query.get('versionId') !== 'null') throw invalidArgument('Invalid version id specified', 'versionId', r.query.get('versionId') ?? '');
  const { object, notModified } = call.model.objects.get(call.bucket, key(call), r.caller, preconditions(r));
  if (notModified) return emptyResponse(304, { etag: object.eTag, 'last-modified': new Date(object.lastModified).toUTCString() });
  call.model.objects.assertReadable(object);
  const range = parseRange(header(r, 'range'), object.body.length);
  const withChecksum = range === undefined && header(r, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED';
  const headers = objectHeaders(call.model.store, object, call.model.objects.expiryOf(call.bucket, object.key), withChecksum);
  for (const [param, name] of RESPONSE_OVERRIDES) {
    const v = r.query.get(param);
    if (v !== null) headers[name] = v;
  }
  if (!range) return { status: 200, headers, body: object.body };
  headers['content-range'] = `bytes ${range.start}-${range.end}/${object.body.length}`;
  return { status: 206, headers, body: object.body.subarray(range.start, range.end + 1) };
};

export const deleteObject: S3Handler = (call) => {
  call.model.objects.delete(call.bucket, key(call), call.request.caller);
  return emptyResponse(204);
};

export const deleteObjects: S3Handler = (call) => {
  const r = call.request;
  const doc = parseXml(readCheckedBody(r, true), 'Delete');
  const entries: XmlNode[] = children(doc, 'Object');
  if (entries.length === 0) throw malformedXml('<Delete> needs at least one <Object>');
  if (entries.length > S3_LIMITS.maxDeleteObjects) throw malformedXml(`<Delete> holds ${entries.length} objects, over the limit of ${S3_LIMITS.maxDeleteObjects}`);
  const quiet = text(doc, 'Quiet')?.trim() === 'true';
  const keys: string[] = [];
  const versionErrors: { Key: string; VersionId: string; Code: string; Message: string }[] = [];
  for (const e of entries) {
    const k = text(e, 'Key');
    if (k === undefined) throw malformedXml('every <Object> needs a <Key>');
    const versionId = text(e, 'VersionId');
    if (versionId !== undefined && versionId !== 'null') versionErrors.push({ Key: k, VersionId: versionId, Code: 'NoSuchVersion', Message: 'The specified version does not exist.' });
    else keys.push(k);
  }
  const result = call.model.objects.deleteMany(call.bucket, keys, r.caller);
  return xmlResponse('DeleteResult', {
    Deleted: quiet ? undefined : result.deleted.map((Key) => ({ Key })),
    Error: [...result.errors.map((e) => ({ Key: e.key, Code: e.code, Message: e.message })), ...versionErrors],
  });
};

export const getObjectTagging: S3Handler = (call) => xmlResponse('Tagging', tagSet(call.model.objects.getTags(call.bucket, key(call), call.request.caller)));

export const putObjectTagging: S3Handler = (call) => {
  const tags: Tag[] = parseTagSet(parseXml(readCheckedBody(call.request, false), 'Tagging'));
  call.model.objects.setTags(call.bucket, key(call), call.request.caller, tags, 'PutObjectTagging');
  return emptyResponse(200);
};

export const deleteObjectTagging: S3Handler = (call) => {
  call.model.objects.setTags(call.bucket, key(call), call.request.caller, [], 'DeleteObjectTagging');
  return emptyResponse(204);
};

