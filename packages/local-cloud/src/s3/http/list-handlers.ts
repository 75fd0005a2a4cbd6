import type { GatewayRequest } from '../../gateway/types';
import { S3_LIMITS } from '../limits';
import { decodeContinuationToken, encodeContinuationToken } from '../model/listing';
import type { S3Store } from '../model/store';
import type { StoredObject } from '../model/types';
import { invalidArgument } from '../s3-error';
import type { XmlElement } from '../xml';
import type { S3Handler } from './call';
import { isoTime, xmlResponse } from './responses';

/** A non-negative integer query parameter, capped at `max`; InvalidArgument when it is not one. */
export function intParam(r: GatewayRequest, name: string, fallback: number, max: number): number {
  const v = r.query.get(name);
  if (v === null) return fallback;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw invalidArgument(`Provided ${name} not an integer or within integer range`, name, v);
  return Math.min(Number(v), max);
}

/** encoding-type=url: names in the response percent-encoded (the CLI always asks for it). */
function encoder(r: GatewayRequest): { type: 'url' | undefined; enc: (s: string | undefined) => string | undefined } {
  const type = r.query.get('encoding-type');
  if (type === null) return { type: undefined, enc: (s) => s };
  if (type !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', type);
  return { type: 'url', enc: (s) => (s === undefined ? undefined : encodeURIComponent(s).replace(/%2F/g, '/')) };
}

const owner = (store: S3Store): XmlElement => ({ ID: store.canonicalId });

function contents(store: S3Store, o: StoredObject, enc: (s: string) => string | undefined, withOwner: boolean): XmlElement {
  return {
    Key: enc(o.key),
    LastModified: isoTime(o.lastModified),
    ETag: o.eTag,
    // S3 gives CRC64NVME to every upload that brought no checksum; naming it needs no computing.
    ChecksumAlgorithm: o.checksum?.algorithm ?? 'CRC64NVME',
    ChecksumType: o.checksum?.type ?? 'FULL_OBJECT',
    Size: o.body.length,
    Owner: withOwner ? owner(store) : undefined,
    StorageClass: o.storageClass,
  };
}

function listingParams(r: GatewayRequest) {
  const delimiter = r.query.get('delimiter') || undefined;
  return { prefix: r.query.get('prefix') ?? '', delimiter, maxKeys: intParam(r, 'max-keys', S3_LIMITS.maxListKeys, S3_LIMITS.maxListKeys) };
}

export const listObjectsV2: S3Handler = (call) => {
  const r = call.request;
  const { type, enc } = encoder(r);
  const params = listingParams(r);
  const token = r.query.get('continuation-token');
  const startAfter = r.query.get('start-after') ?? undefined;
  let after = startAfter ?? '';
  if (token !== null) {
    const marker = decodeContinuationToken(token);
    if (marker === undefined) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    after = marker;
  }
  const { page, objects } = call.model.buckets.listObjects(call.bucket, r.caller, { ...params, after });
  const store = call.model.store;
  const fetchOwner = r.query.get('fetch-owner') === 'true';
  return xmlResponse('ListBucketResult', {
    Name: call.bucket,
    Prefix: enc(params.prefix),
    Delimiter: enc(params.delimiter),
    MaxKeys: params.maxKeys,
    EncodingType: type,
    KeyCount: page.keys.length + page.commonPrefixes.length,
    ContinuationToken: token ?? undefined,
    NextContinuationToken: page.truncated && page.last !== undefined ? encodeContinuationToken(page.last) : undefined,
    StartAfter: enc(startAfter),
    IsTruncated: page.truncated,
    Contents: objects.map((o) => contents(store, o, enc as (s: string) => string, fetchOwner)),
    CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
  });
};

/** ListObjects (version 1): Marker, and NextMarker when a delimiter rolls keys up. */
export const listObjectsV1: S3Handler = (call) => {
  const r = call.request;
  const { type, enc } = encoder(r);
  const params = listingParams(r);
  const marker = r.query.get('marker') ?? '';
  const { page, objects } = call.model.buckets.listObjects(call.bucket, r.caller, { ...params, after: marker });
  const store = call.model.store;
  return xmlResponse('ListBucketResult', {
    Name: call.bucket,
    Prefix: enc(params.prefix),
    Marker: enc(marker),
    NextMarker: page.truncated && params.delimiter !== undefined ? enc(page.last) : undefined,
    MaxKeys: params.maxKeys,
    Delimiter: enc(params.delimiter),
    EncodingType: type,
    IsTruncated: page.truncated,
    Contents: objects.map((o) => contents(store, o, enc as (s: string) => string, true)),
    CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
  });
};

/** ListObjectVersions: the local cloud keeps one version per key, shown as S3 shows unversioned objects (VersionId null). */
export const listObjectVersions: S3Handler = (call) => {
  const r = call.request;
  const { type, enc } = encoder(r);
  const params = listingParams(r);
  const keyMarker = r.query.get('key-marker') ?? '';
  const { page, objects } = call.model.buckets.listObjects(call.bucket, r.caller, { ...params, after: keyMarker }, 'ListBucketVersions');
  const store = call.model.store;
  return xmlResponse('ListVersionsResult', {
    Name: call.bucket,
    Prefix: enc(params.prefix),
    KeyMarker: enc(keyMarker),
    VersionIdMarker: r.query.get('version-id-marker') ?? '',
    NextKeyMarker: page.truncated ? enc(page.last) : undefined,
    NextVersionIdMarker: page.truncated ? 'null' : undefined,
    MaxKeys: params.maxKeys,
    Delimiter: enc(params.delimiter),
    EncodingType: type,
    IsTruncated: page.truncated,
    Version: objects.map((o) => ({ ...contents(store, o, enc as (s: string) => string, true), VersionId: 'null', IsLatest: true })),
    CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: enc(p) })),
  });
};

export const listBuckets: S3Handler = (call) => {
  const r = call.request;
  const maxBuckets = r.query.has('max-buckets') ? intParam(r, 'max-buckets', S3_LIMITS.maxListBuckets, S3_LIMITS.maxListBuckets) : undefined;
  if (maxBuckets === 0) throw invalidArgument('max-buckets must be between 1 and 10000', 'max-buckets', '0');
  const token = r.query.get('continuation-token');
  const after = token === null ? undefined : decodeContinuationToken(token);
  if (token !== null && after === undefined) throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  const prefix = r.query.get('prefix') ?? undefined;
  const { buckets, truncated } = call.model.buckets.list(r.caller, { prefix, bucketRegion: r.query.get('bucket-region') ?? undefined, maxBuckets, after });
  const last = buckets[buckets.length - 1];
  return xmlResponse('ListAllMyBucketsResult', {
    Owner: owner(call.model.store),
    Buckets: { Bucket: buckets.map((b) => ({ Name: b.name, CreationDate: isoTime(b.creationDate), BucketRegion: b.region })) },
    Prefix: prefix,
    ContinuationToken: truncated && last ? encodeContinuationToken(last.name) : undefined,
  });
};
