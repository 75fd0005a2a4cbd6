import { CHECKSUM_ALGORITHMS } from '../checksums';
import { S3_LIMITS } from '../limits';
import type { CompletedPart } from '../model/multipart';
import { invalidArgument, malformedXml, notImplemented } from '../s3-error';
import { children, parseXml, text, type XmlNode } from '../xml';
import type { S3Call, S3Handler } from './call';
import { intParam } from './list-handlers';
import { checksumAlgorithmHeader, header, objectAttributes, readCheckedBody, readPayload } from './request';
import { checksumHeaders, encryptionHeaders, expirationHeader, isoTime, xmlResponse } from './responses';

const key = (call: S3Call): string => call.key as string;
const uploadId = (call: S3Call): string => call.request.query.get('uploadId') ?? '';

export const createMultipartUpload: S3Handler = (call) => {
  const r = call.request;
  const algorithm = checksumAlgorithmHeader(r, 'x-amz-checksum-algorithm');
  const upload = call.model.multipart.create(call.bucket, key(call), r.caller, objectAttributes(r), algorithm, header(r, 'x-amz-checksum-type')?.toUpperCase());
  const checksum: Record<string, string> = upload.checksumAlgorithm ? { 'x-amz-checksum-algorithm': upload.checksumAlgorithm, 'x-amz-checksum-type': upload.checksumType } : {};
  return xmlResponse('InitiateMultipartUploadResult', { Bucket: call.bucket, Key: key(call), UploadId: upload.uploadId }, { ...encryptionHeaders(upload), ...checksum });
};

export const uploadPart: S3Handler = (call) => {
  const r = call.request;
  if (header(r, 'x-amz-copy-source') !== undefined) throw notImplemented('UploadPartCopy');
  const partNumber = Number(r.query.get('partNumber'));
  const payload = readPayload(r);
  const part = call.model.multipart.uploadPart({ bucket: call.bucket, key: key(call), uploadId: uploadId(call), partNumber, caller: r.caller, ...payload });
  const headers: Record<string, string> = { etag: part.eTag };
  if (part.checksum) headers[`x-amz-checksum-${part.checksum.algorithm.toLowerCase()}`] = part.checksum.value;
  return { status: 200, headers };
};

function completedPart(node: XmlNode): CompletedPart {
  const n = text(node, 'PartNumber');
  const eTag = text(node, 'ETag');
  if (n === undefined || eTag === undefined || !/^\d+$/.test(n.trim())) throw malformedXml('every <Part> needs a <PartNumber> and an <ETag>');
  const checksums = CHECKSUM_ALGORITHMS.map((a) => text(node, `Checksum${a}`)).filter((v) => v !== undefined);
  return { PartNumber: Number(n), ETag: eTag, checksum: checksums[0] };
}

export const completeMultipartUpload: S3Handler = (call) => {
  const r = call.request;
  const parts = children(parseXml(readCheckedBody(r, false), 'CompleteMultipartUpload'), 'Part').map(completedPart);
  const object = call.model.multipart.complete(call.bucket, key(call), uploadId(call), parts, r.caller, header(r, 'if-match'), header(r, 'if-none-match'));
  const c = object.checksum;
  return xmlResponse(
    'CompleteMultipartUploadResult',
    {
      Location: `/${call.bucket}/${encodeURIComponent(object.key)}`,
      Bucket: call.bucket,
      Key: object.key,
      ETag: object.eTag,
      ...(c ? { [`Checksum${c.algorithm}`]: c.value, ChecksumType: c.type } : {}),
    },
    { ...encryptionHeaders(object), ...expirationHeader(call.model.objects.expiryOf(call.bucket, object.key)), ...(c ? checksumHeaders(call.model.store, object) : {}) },
  );
};

export const abortMultipartUpload: S3Handler = (call) => {
  call.model.multipart.abort(call.bucket, key(call), uploadId(call), call.request.caller);
  return { status: 204 };
};

export const listParts: S3Handler = (call) => {
  const r = call.request;
  const after = intParam(r, 'part-number-marker', 0, S3_LIMITS.multipart.maxParts);
  const max = intParam(r, 'max-parts', S3_LIMITS.maxListKeys, S3_LIMITS.maxListKeys);
  const { upload, parts, truncated } = call.model.multipart.listParts(call.bucket, key(call), uploadId(call), r.caller, after, max);
  const algorithm = upload.checksumAlgorithm;
  return xmlResponse('ListPartsResult', {
    Bucket: call.bucket,
    Key: upload.key,
    UploadId: upload.uploadId,
    PartNumberMarker: after,
    NextPartNumberMarker: parts.length > 0 ? parts[parts.length - 1]?.PartNumber : undefined,
    MaxParts: max,
    IsTruncated: truncated,
    ChecksumAlgorithm: algorithm,
    ChecksumType: algorithm ? upload.checksumType : undefined,
    Part: parts.map((p) => ({
      PartNumber: p.PartNumber,
      LastModified: isoTime(p.lastModified),
      ETag: p.eTag,
      Size: p.body.length,
      ...(algorithm && p.checksum ? { [`Checksum${algorithm}`]: p.checksum } : {}),
    })),
    StorageClass: upload.storageClass,
  });
};

export const listMultipartUploads: S3Handler = (call) => {
  const r = call.request;
  const prefix = r.query.get('prefix') ?? '';
  if (r.query.get('delimiter')) throw invalidArgument('The local cloud lists multipart uploads without a delimiter', 'delimiter', r.query.get('delimiter') ?? '');
  const max = intParam(r, 'max-uploads', S3_LIMITS.maxListKeys, S3_LIMITS.maxListKeys);
  const { uploads, truncated } = call.model.multipart.listUploads(call.bucket, r.caller, prefix, r.query.get('key-marker') ?? '', max);
  const last = uploads[uploads.length - 1];
  return xmlResponse('ListMultipartUploadsResult', {
    Bucket: call.bucket,
    KeyMarker: r.query.get('key-marker') ?? '',
    UploadIdMarker: r.query.get('upload-id-marker') ?? '',
    NextKeyMarker: truncated ? last?.key : undefined,
    NextUploadIdMarker: truncated ? last?.uploadId : undefined,
    Prefix: prefix,
    MaxUploads: max,
    IsTruncated: truncated,
    Upload: uploads.map((u) => ({ Key: u.key, UploadId: u.uploadId, Initiated: isoTime(u.initiated), StorageClass: u.storageClass, ChecksumAlgorithm: u.checksumAlgorithm })),
  });
};
