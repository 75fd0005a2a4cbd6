import { S3Error } from '../s3-error';
import { child, parseXml, text } from '../xml';
import type { S3Handler } from './call';
import { encryptionXml, lifecycleXml, parseEncryption, parseLifecycle, parsePublicAccessBlock, parseTagSet, publicAccessBlockXml, tagSet } from './config-xml';
import { header, readCheckedBody } from './request';
import { emptyResponse, xmlResponse } from './responses';

/** x-amz-acl values a bucket with ACLs disabled (BucketOwnerEnforced) still accepts. */
const OWNER_ONLY_ACLS = ['private', 'bucket-owner-full-control'];

export const createBucket: S3Handler = (call) => {
  const r = call.request;
  const body = readCheckedBody(r, false);
  const locationConstraint = body.length === 0 ? undefined : text(parseXml(body, 'CreateBucketConfiguration'), 'LocationConstraint');
  const acl = header(r, 'x-amz-acl');
  const objectOwnership = header(r, 'x-amz-object-ownership');
  if (acl !== undefined && !OWNER_ONLY_ACLS.includes(acl) && (objectOwnership ?? 'BucketOwnerEnforced') === 'BucketOwnerEnforced') {
    throw new S3Error('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
  }
  call.model.buckets.create({ name: call.bucket, caller: r.caller, locationConstraint, signingRegion: r.signingRegion, objectOwnership });
  return emptyResponse(200, { location: `/${call.bucket}` });
};

export const headBucket: S3Handler = (call) => {
  const bucket = call.model.buckets.head(call.bucket, call.request.caller);
  return emptyResponse(200, { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' });
};

export const deleteBucket: S3Handler = (call) => {
  call.model.buckets.delete(call.bucket, call.request.caller);
  return emptyResponse(204);
};

export const getBucketLocation: S3Handler = (call) => xmlResponse('LocationConstraint', call.model.buckets.location(call.bucket, call.request.caller));

export const putBucketPolicy: S3Handler = (call) => {
  call.model.config.putPolicy(call.bucket, call.request.caller, readCheckedBody(call.request, false).toString('utf8'));
  return emptyResponse(204);
};

export const getBucketPolicy: S3Handler = (call) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: call.model.config.getPolicy(call.bucket, call.request.caller),
});

export const deleteBucketPolicy: S3Handler = (call) => {
  call.model.config.deletePolicy(call.bucket, call.request.caller);
  return emptyResponse(204);
};

export const putPublicAccessBlock: S3Handler = (call) => {
  const doc = parseXml(readCheckedBody(call.request, true), 'PublicAccessBlockConfiguration');
  call.model.config.putPublicAccessBlock(call.bucket, call.request.caller, parsePublicAccessBlock(doc));
  return emptyResponse(200);
};

export const getPublicAccessBlock: S3Handler = (call) =>
  xmlResponse('PublicAccessBlockConfiguration', publicAccessBlockXml(call.model.config.getPublicAccessBlock(call.bucket, call.request.caller)));

export const deletePublicAccessBlock: S3Handler = (call) => {
  call.model.config.deletePublicAccessBlock(call.bucket, call.request.caller);
  return emptyResponse(204);
};

export const putBucketEncryption: S3Handler = (call) => {
  const doc = parseXml(readCheckedBody(call.request, true), 'ServerSideEncryptionConfiguration');
  call.model.config.putEncryption(call.bucket, call.request.caller, parseEncryption(doc));
  return emptyResponse(200);
};

export const getBucketEncryption: S3Handler = (call) =>
  xmlResponse('ServerSideEncryptionConfiguration', encryptionXml(call.model.config.getEncryption(call.bucket, call.request.caller)));

export const deleteBucketEncryption: S3Handler = (call) => {
  call.model.config.deleteEncryption(call.bucket, call.request.caller);
  return emptyResponse(204);
};

const TRANSITION_SIZE_HEADER = 'x-amz-transition-default-minimum-object-size';

export const putBucketLifecycle: S3Handler = (call) => {
  const doc = parseXml(readCheckedBody(call.request, true), 'LifecycleConfiguration');
  const lifecycle = call.model.config.putLifecycle(call.bucket, call.request.caller, parseLifecycle(doc), header(call.request, TRANSITION_SIZE_HEADER));
  return emptyResponse(200, { [TRANSITION_SIZE_HEADER]: lifecycle.transitionMinimumSize });
};

export const getBucketLifecycle: S3Handler = (call) => {
  const lifecycle = call.model.config.getLifecycle(call.bucket, call.request.caller);
  return xmlResponse('LifecycleConfiguration', lifecycleXml(lifecycle.rules), { [TRANSITION_SIZE_HEADER]: lifecycle.transitionMinimumSize });
};

export const deleteBucketLifecycle: S3Handler = (call) => {
  call.model.config.deleteLifecycle(call.bucket, call.request.caller);
  return emptyResponse(204);
};

export const putBucketVersioning: S3Handler = (call) => {
  const doc = parseXml(readCheckedBody(call.request, false), 'VersioningConfiguration');
  call.model.config.putVersioning(call.bucket, call.request.caller, text(doc, 'Status'), text(doc, 'MfaDelete'));
  return emptyResponse(200);
};

export const getBucketVersioning: S3Handler = (call) => {
  const v = call.model.config.getVersioning(call.bucket, call.request.caller);
  return xmlResponse('VersioningConfiguration', v ? { Status: v.Status, MfaDelete: v.MfaDelete } : {});
};

export const putBucketTagging: S3Handler = (call) => {
  const doc = parseXml(readCheckedBody(call.request, true), 'Tagging');
  call.model.config.putTagging(call.bucket, call.request.caller, parseTagSet(doc));
  return emptyResponse(204);
};

export const getBucketTagging: S3Handler = (call) => xmlResponse('Tagging', tagSet(call.model.config.getTagging(call.bucket, call.request.caller)));

export const deleteBucketTagging: S3Handler = (call) => {
  call.model.config.deleteTagging(call.bucket, call.request.caller);
  return emptyResponse(204);
};

export const putOwnershipControls: S3Handler = (call) => {
  const doc = parseXml(readCheckedBody(call.request, true), 'OwnershipControls');
  call.model.config.putOwnership(call.bucket, call.request.caller, text(child(doc, 'Rule'), 'ObjectOwnership'));
  return emptyResponse(200);
};

export const getOwnershipControls: S3Handler = (call) =>
  xmlResponse('OwnershipControls', { Rule: { ObjectOwnership: call.model.config.getOwnership(call.bucket, call.request.caller) } });

export const deleteOwnershipControls: S3Handler = (call) => {
  call.model.config.deleteOwnership(call.bucket, call.request.caller);
  return emptyResponse(204);
};

export const getBucketAcl: S3Handler = (call) => {
  const id = call.model.config.aclOwner(call.bucket, call.request.caller);
  return xmlResponse('AccessControlPolicy', {
    Owner: { ID: id },
    AccessControlList: {
      Grant: {
        Grantee: { '@attrs': { 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', 'xsi:type': 'CanonicalUser' }, ID: id },
        Permission: 'FULL_CONTROL',
      },
    },
  });
};

/**
 * Reads of configuration the local cloud never holds. Each answers as S3 does for a bucket that
 * has none, so a refresh (Terraform's aws_s3_bucket reads all of them) sees "not configured".
 */
function absent(action: string, answer: (bucket: string) => ReturnType<S3Handler>): S3Handler {
  return (call) => {
    call.model.config.authorizeRead(call.bucket, call.request.caller, action);
    return answer(call.bucket);
  };
}

const notFound = (code: string, message: string) => (bucket: string) => {
  throw new S3Error(code, message, 404, { BucketName: bucket });
};

export const getBucketCors = absent('GetBucketCORS', notFound('NoSuchCORSConfiguration', 'The CORS configuration does not exist'));
export const getBucketWebsite = absent('GetBucketWebsite', notFound('NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration'));
export const getBucketReplication = absent('GetReplicationConfiguration', notFound('ReplicationConfigurationNotFoundError', 'The replication configuration was not found'));
export const getObjectLockConfiguration = absent('GetBucketObjectLockConfiguration', notFound('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket'));
export const getBucketAccelerate = absent('GetAccelerateConfiguration', () => xmlResponse('AccelerateConfiguration', {}));
export const getBucketRequestPayment = absent('GetBucketRequestPayment', () => xmlResponse('RequestPaymentConfiguration', { Payer: 'BucketOwner' }));
export const getBucketLogging = absent('GetBucketLogging', () => xmlResponse('BucketLoggingStatus', {}));
export const getBucketNotification = absent('GetBucketNotification', () => xmlResponse('NotificationConfiguration', {}));
