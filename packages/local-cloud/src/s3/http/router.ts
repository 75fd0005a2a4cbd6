import type { GatewayRequest } from '../../gateway/types';
import { methodNotAllowed, notImplemented } from '../s3-error';
import * as b from './bucket-handlers';
import type { S3Handler } from './call';
import * as l from './list-handlers';
import * as m from './multipart-handlers';
import * as o from './object-handlers';

type MethodTable = Partial<Record<'GET' | 'PUT' | 'DELETE' | 'POST' | 'HEAD', S3Handler>>;

/** Bucket subresources (`?policy`, `?lifecycle`, …) by method. */
const BUCKET_SUBRESOURCES: Record<string, MethodTable> = {
  policy: { PUT: b.putBucketPolicy, GET: b.getBucketPolicy, DELETE: b.deleteBucketPolicy },
  publicAccessBlock: { PUT: b.putPublicAccessBlock, GET: b.getPublicAccessBlock, DELETE: b.deletePublicAccessBlock },
  encryption: { PUT: b.putBucketEncryption, GET: b.getBucketEncryption, DELETE: b.deleteBucketEncryption },
  lifecycle: { PUT: b.putBucketLifecycle, GET: b.getBucketLifecycle, DELETE: b.deleteBucketLifecycle },
  versioning: { PUT: b.putBucketVersioning, GET: b.getBucketVersioning },
  tagging: { PUT: b.putBucketTagging, GET: b.getBucketTagging, DELETE: b.deleteBucketTagging },
  ownershipControls: { PUT: b.putOwnershipControls, GET: b.getOwnershipControls, DELETE: b.deleteOwnershipControls },
  location: { GET: b.getBucketLocation },
  acl: { GET: b.getBucketAcl },
  cors: { GET: b.getBucketCors },
  website: { GET: b.getBucketWebsite },
  replication: { GET: b.getBucketReplication },
  'object-lock': { GET: b.getObjectLockConfiguration },
  accelerate: { GET: b.getBucketAccelerate },
  requestPayment: { GET: b.getBucketRequestPayment },
  logging: { GET: b.getBucketLogging },
  notification: { GET: b.getBucketNotification },
  versions: { GET: l.listObjectVersions },
  uploads: { GET: m.listMultipartUploads },
  delete: { POST: o.deleteObjects },
};

/** Bucket subresources S3 has and the local cloud does not serve: NotImplemented rather than a wrong answer. */
const UNSERVED = ['analytics', 'metrics', 'inventory', 'intelligent-tiering', 'metadataTable', 'metadataConfiguration', 'select', 'restore', 'attributes', 'legal-hold', 'retention', 'torrent', 'session', 'abac'];

const OBJECT_SUBRESOURCES: Record<string, MethodTable> = {
  tagging: { GET: o.getObjectTagging, PUT: o.putObjectTagging, DELETE: o.deleteObjectTagging },
  uploads: { POST: m.createMultipartUpload },
  uploadId: { PUT: m.uploadPart, POST: m.completeMultipartUpload, DELETE: m.abortMultipartUpload, GET: m.listParts },
};

const BUCKET: MethodTable = { PUT: b.createBucket, HEAD: b.headBucket, DELETE: b.deleteBucket };
const OBJECT: MethodTable = { PUT: o.putObject, GET: o.getObject, HEAD: o.getObject, DELETE: o.deleteObject };

function pick(table: MethodTable, request: GatewayRequest, resource: string): S3Handler {
  const handler = table[request.method as keyof MethodTable];
  if (!handler) throw methodNotAllowed(request.method, resource);
  return handler;
}

function subresource(request: GatewayRequest, table: Record<string, MethodTable>, resource: string): S3Handler | undefined {
  for (const name of Object.keys(table)) if (request.query.has(name)) return pick(table[name] as MethodTable, request, resource);
  const unserved = UNSERVED.find((n) => request.query.has(n));
  if (unserved) throw notImplemented(`the ?${unserved} subresource`);
  return undefined;
}

/** The operation a path-style request names: method, bucket, key and subresource query. */
export function route(request: GatewayRequest, bucket: string, key: string | undefined): S3Handler {
  if (bucket === '') {
    if (request.method !== 'GET') throw methodNotAllowed(request.method, 'SERVICE');
    return l.listBuckets;
  }
  if (key === undefined) {
    const sub = subresource(request, BUCKET_SUBRESOURCES, 'BUCKET');
    if (sub) return sub;
    if (request.method === 'GET') return request.query.get('list-type') === '2' ? l.listObjectsV2 : l.listObjectsV1;
    return pick(BUCKET, request, 'BUCKET');
  }
  const sub = subresource(request, OBJECT_SUBRESOURCES, 'OBJECT');
  if (sub) return sub;
  if (request.method === 'PUT' && request.headers['x-amz-copy-source'] !== undefined) return o.copyObject;
  return pick(OBJECT, request, 'OBJECT');
}
