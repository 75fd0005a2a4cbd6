import { createHash, randomBytes } from 'node:crypto';
import type { Caller } from '../../core/caller';
import { checksumDigest, checksumOf, md5Hex, type ChecksumAlgorithm } from '../checksums';
import { S3_LIMITS } from '../limits';
import { invalidArgument, invalidRequest, malformedXml, noSuchUpload, S3Error } from '../s3-error';
import { checkWritePreconditions } from './conditions';
import { checkKey, resolveAttributes, verifyIntegrity, type ObjectAttributes, type PutObjectInput } from './objects';
import type { S3Store } from './store';
import type { Bucket, ChecksumType, MultipartUpload, ObjectChecksum, StoredObject } from './types';

export interface CompletedPart {
  readonly PartNumber: number;
  readonly ETag: string;
  readonly checksum?: string | undefined;
}

const unquote = (tag: string): string => tag.trim().replace(/^"(.*)"$/, '$1');

/** CreateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload, ListParts, ListMultipartUploads. */
export class MultipartOperations {
  constructor(private readonly store: S3Store) {}

  private upload(bucket: Bucket, key: string, uploadId: string): MultipartUpload {
    const u = bucket.uploads.get(uploadId);
    if (!u || u.key !== key) throw noSuchUpload(uploadId);
    return u;
  }

  create(bucketName: string, key: string, caller: Caller, attrs: ObjectAttributes, checksumAlgorithm?: ChecksumAlgorithm, checksumType?: string): MultipartUpload {
    const bucket = this.store.bucket(bucketName);
    this.store.authorize(caller, 'PutObject', bucketName, key);
    checkKey(key);
    const type = (checksumType ?? (checksumAlgorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE')) as ChecksumType;
    if (type !== 'FULL_OBJECT' && type !== 'COMPOSITE') throw invalidArgument(`Invalid x-amz-checksum-type: '${checksumType}'`, 'x-amz-checksum-type', checksumType);
    if (checksumType !== undefined && checksumAlgorithm === undefined) throw invalidRequest('x-amz-checksum-type needs x-amz-checksum-algorithm');
    if (type === 'FULL_OBJECT' && (checksumAlgorithm === 'SHA1' || checksumAlgorithm === 'SHA256')) {
      throw invalidRequest(`The FULL_OBJECT checksum type cannot be used with the ${checksumAlgorithm.toLowerCase()} checksum algorithm.`);
    }
    if (type === 'COMPOSITE' && checksumAlgorithm === 'CRC64NVME') throw invalidRequest('The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.');
    const upload: MultipartUpload = {
      uploadId: randomBytes(24).toString('base64url'),
      key,
      initiated: this.store.now(),
      ...resolveAttributes(bucket, attrs, this.store),
      checksumAlgorithm,
      checksumType: type,
      parts: new Map(),
    };
    bucket.uploads.set(upload.uploadId, upload);
    this.store.planUploadAborts(bucket);
    return upload;
  }

  uploadPart(
    input: Pick<PutObjectInput, 'bucket' | 'key' | 'body' | 'caller' | 'contentMd5' | 'checksum'> & { uploadId: string; partNumber: number },
  ): { eTag: string; checksum?: ObjectChecksum | undefined } {
    const bucket = this.store.bucket(input.bucket);
    this.store.authorize(input.caller, 'PutObject', input.bucket, input.key);
    const upload = this.upload(bucket, input.key, input.uploadId);
    if (!Number.isInteger(input.partNumber) || input.partNumber < 1 || input.partNumber > S3_LIMITS.multipart.maxParts) {
      throw invalidArgument(`Part number must be an integer between 1 and ${S3_LIMITS.multipart.maxParts}, inclusive`, 'partNumber', String(input.partNumber));
    }
    if (input.body.length > S3_LIMITS.multipart.maxPartBytes) {
      throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', 400, { ProposedSize: input.body.length, MaxSizeAllowed: S3_LIMITS.multipart.maxPartBytes });
    }
    if (input.checksum && upload.checksumAlgorithm && input.checksum.algorithm !== upload.checksumAlgorithm) {
      throw invalidRequest(`Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${input.checksum.algorithm.toLowerCase()}`);
    }
    const given = verifyIntegrity(input.body, input.contentMd5, input.checksum);
    const checksum = upload.checksumAlgorithm ? (given?.value ?? checksumOf(upload.checksumAlgorithm, input.body)) : undefined;
    const body = Buffer.from(input.body);
    const previous = upload.parts.get(input.partNumber);
    this.store.reserve(body.length, previous?.body.length ?? 0);
    this.store.release(previous?.body.length ?? 0);
    const eTag = `"${md5Hex(body)}"`;
    upload.parts.set(input.partNumber, { body, eTag, lastModified: this.store.now(), checksum });
    return { eTag, checksum: checksum && upload.checksumAlgorithm ? { algorithm: upload.checksumAlgorithm, value: checksum, type: upload.checksumType } : undefined };
  }

  complete(bucketName: string, key: string, uploadId: string, parts: readonly CompletedPart[], caller: Caller, ifMatch?: string, ifNoneMatch?: string): StoredObject {
    const bucket = this.store.bucket(bucketName);
    this.store.authorize(caller, 'PutObject', bucketName, key);
    const upload = this.upload(bucket, key, uploadId);
    if (parts.length === 0) throw malformedXml('You must specify at least one part');
    if (parts.some((p, i) => i > 0 && p.PartNumber <= (parts[i - 1] as CompletedPart).PartNumber)) {
      throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order. The parts list must be specified in order by part number.', 400, { UploadId: uploadId });
    }
    const chosen = parts.map((p, i) => {
      const stored = upload.parts.get(p.PartNumber);
      if (!stored || unquote(stored.eTag) !== unquote(p.ETag) || (p.checksum !== undefined && p.checksum !== stored.checksum)) {
        throw new S3Error(
          'InvalidPart',
          'One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part\'s entity tag.',
          400,
          { UploadId: uploadId, PartNumber: p.PartNumber, ETag: p.ETag },
        );
      }
      if (i < parts.length - 1 && stored.body.length < S3_LIMITS.multipart.minPartBytes) {
        throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
          ProposedSize: stored.body.length,
          MinSizeAllowed: S3_LIMITS.multipart.minPartBytes,
          PartNumber: p.PartNumber,
          ETag: stored.eTag,
        });
      }
      return stored;
    });
    checkWritePreconditions(ifMatch, ifNoneMatch, bucket.objects.get(key), key);
    const body = Buffer.concat(chosen.map((p) => p.body));
    const md5s = Buffer.concat(chosen.map((p) => Buffer.from(unquote(p.eTag), 'hex')));
    const algorithm = upload.checksumAlgorithm;
    let checksum: ObjectChecksum | undefined;
    if (algorithm && upload.checksumType === 'COMPOSITE') {
      const digests = Buffer.concat(chosen.map((p) => Buffer.from(p.checksum as string, 'base64')));
      checksum = { algorithm, value: `${checksumDigest(algorithm, digests).toString('base64')}-${chosen.length}`, type: 'COMPOSITE' };
    } else if (algorithm) checksum = { algorithm, value: checksumOf(algorithm, body), type: 'FULL_OBJECT' };
    const existing = bucket.objects.get(key);
    // The parts' bytes become the object's: release them, then hold the object.
    for (const p of upload.parts.values()) this.store.release(p.body.length);
    this.store.reserve(body.length, existing?.body.length ?? 0);
    bucket.uploads.delete(uploadId);
    const object: StoredObject = {
      key,
      body,
      eTag: `"${createHash('md5').update(md5s).digest('hex')}-${chosen.length}"`,
      lastModified: this.store.now(),
      contentType: upload.contentType,
      metadata: upload.metadata,
      headers: upload.headers,
      tags: upload.tags,
      storageClass: upload.storageClass,
      encryption: upload.encryption,
      checksum,
      partsCount: chosen.length,
    };
    this.store.storeObject(bucket, object);
    return object;
  }

  abort(bucketName: string, key: string, uploadId: string, caller: Caller): void {
    const bucket = this.store.bucket(bucketName);
    this.store.authorize(caller, 'AbortMultipartUpload', bucketName, key);
    const upload = this.upload(bucket, key, uploadId);
    for (const p of upload.parts.values()) this.store.release(p.body.length);
    bucket.uploads.delete(uploadId);
  }

  listParts(bucketName: string, key: string, uploadId: string, caller: Caller, after: number, max: number) {
    const bucket = this.store.bucket(bucketName);
    this.store.authorize(caller, 'ListMultipartUploadParts', bucketName, key);
    const upload = this.upload(bucket, key, uploadId);
    const numbers = [...upload.parts.keys()].filter((n) => n > after).sort((a, b) => a - b);
    const page = numbers.slice(0, max).map((n) => ({ PartNumber: n, ...(upload.parts.get(n) as NonNullable<ReturnType<typeof upload.parts.get>>) }));
    return { upload, parts: page, truncated: numbers.length > max };
  }

  listUploads(bucketName: string, caller: Caller, prefix: string, keyMarker: string, max: number) {
    const bucket = this.store.bucket(bucketName);
    this.store.authorize(caller, 'ListBucketMultipartUploads', bucketName, undefined, { 's3:prefix': prefix });
    const all = [...bucket.uploads.values()]
      .filter((u) => u.key.startsWith(prefix) && u.key > keyMarker)
      .sort((a, b) => (a.key === b.key ? a.initiated - b.initiated : a.key < b.key ? -1 : 1));
    return { uploads: all.slice(0, max), truncated: all.length > max };
  }
}
