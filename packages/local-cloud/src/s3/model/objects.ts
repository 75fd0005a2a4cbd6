import type { Caller } from '../../core/caller';
import { checksumOf, CHECKSUM_BYTES, checksumHeader, isBase64Of, md5Base64, md5Hex, type ChecksumAlgorithm } from '../checksums';
import { S3_LIMITS } from '../limits';
import { badDigest, invalidArgument, invalidRequest, noSuchKey, S3Error } from '../s3-error';
import { checkPreconditions, checkWritePreconditions, type Preconditions } from './conditions';
import type { S3Store } from './store';
import { validateTags } from './tags';
import { ARCHIVE_CLASSES, SSE_ALGORITHMS, STORAGE_CLASSES, type Bucket, type Encryption, type ObjectChecksum, type ObjectHeaders, type StorageClass, type StoredObject, type Tag } from './types';

/** What a writer says about an object besides its bytes (PutObject headers, CreateMultipartUpload, a REPLACE copy). */
export interface ObjectAttributes {
  readonly contentType?: string | undefined;
  readonly metadata?: Readonly<Record<string, string>> | undefined;
  readonly headers?: ObjectHeaders | undefined;
  readonly tags?: readonly Tag[] | undefined;
  readonly storageClass?: string | undefined;
  readonly encryption?: { readonly algorithm?: string | undefined; readonly kmsKeyId?: string | undefined; readonly bucketKeyEnabled?: boolean | undefined } | undefined;
}

export interface PutObjectInput extends ObjectAttributes {
  readonly bucket: string;
  readonly key: string;
  readonly body: Buffer;
  readonly caller: Caller;
  /** base64 MD5 (Content-MD5): checked against the body. */
  readonly contentMd5?: string | undefined;
  /** An x-amz-checksum-* value (header or trailer): checked against the body and stored. */
  readonly checksum?: { readonly algorithm: ChecksumAlgorithm; readonly value: string } | undefined;
  readonly ifMatch?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
}

export interface CopyObjectInput extends ObjectAttributes {
  readonly sourceBucket: string;
  readonly sourceKey: string;
  readonly bucket: string;
  readonly key: string;
  readonly caller: Caller;
  readonly metadataDirective: 'COPY' | 'REPLACE';
  readonly taggingDirective: 'COPY' | 'REPLACE';
  readonly sourcePreconditions: Preconditions;
  readonly checksumAlgorithm?: ChecksumAlgorithm | undefined;
}

export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

export function checkKey(key: string): void {
  const bytes = Buffer.byteLength(key);
  if (bytes === 0) throw invalidArgument('Object keys must not be empty', 'key', '');
  if (bytes > S3_LIMITS.maxKeyBytes) throw new S3Error('KeyTooLongError', 'Your key is too long', 400, { Size: bytes, MaxSizeAllowed: S3_LIMITS.maxKeyBytes });
}

/** Checks a writer's attributes and fills S3's defaults (content type, STANDARD, the bucket's default encryption). */
export function resolveAttributes(bucket: Bucket, attrs: ObjectAttributes, store: S3Store) {
  const metadata = attrs.metadata ?? {};
  const metaBytes = Object.entries(metadata).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (metaBytes > S3_LIMITS.maxUserMetadataBytes) {
    throw new S3Error('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.', 400, { Size: metaBytes, MaxSizeAllowed: S3_LIMITS.maxUserMetadataBytes });
  }
  const storageClass = (attrs.storageClass ?? 'STANDARD') as StorageClass;
  if (!STORAGE_CLASSES.includes(storageClass)) throw new S3Error('InvalidStorageClass', `The storage class you specified is not valid: '${attrs.storageClass}'`, 400, { StorageClassRequested: String(attrs.storageClass) });
  const tags = attrs.tags ?? [];
  validateTags(tags, 'Object');
  return { contentType: attrs.contentType || DEFAULT_CONTENT_TYPE, metadata, headers: attrs.headers ?? {}, tags, storageClass, encryption: resolveEncryption(bucket, attrs.encryption, store) };
}

function resolveEncryption(bucket: Bucket, requested: ObjectAttributes['encryption'], store: S3Store): Encryption {
  if (requested?.algorithm === undefined) {
    if (requested?.kmsKeyId !== undefined) throw invalidArgument('Specifying an AWS KMS key ID needs x-amz-server-side-encryption: aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id', requested.kmsKeyId);
    return bucket.encryption;
  }
  const algorithm = requested.algorithm;
  if (!(SSE_ALGORITHMS as readonly string[]).includes(algorithm)) throw invalidArgument(`Server Side Encryption with '${algorithm}' is not supported`, 'x-amz-server-side-encryption', algorithm);
  if (algorithm === 'AES256') {
    if (requested.kmsKeyId !== undefined) throw invalidArgument('An AWS KMS key ID applies only to aws:kms encryption', 'x-amz-server-side-encryption-aws-kms-key-id', requested.kmsKeyId);
    return { algorithm };
  }
  const kmsKeyId = requested.kmsKeyId ?? `arn:aws:kms:${bucket.region}:${store.accountId}:alias/aws/s3`;
  return { algorithm: algorithm as Encryption['algorithm'], kmsKeyId, bucketKeyEnabled: requested.bucketKeyEnabled ?? bucket.encryption.bucketKeyEnabled };
}

/** Content-MD5 and x-amz-checksum-* against the bytes received: InvalidDigest, InvalidRequest or BadDigest. */
export function verifyIntegrity(body: Buffer, contentMd5: string | undefined, checksum: PutObjectInput['checksum']): ObjectChecksum | undefined {
  if (contentMd5 !== undefined) {
    if (!isBase64Of(contentMd5, 16)) throw new S3Error('InvalidDigest', 'The Content-MD5 you specified is not valid.', 400, { 'Content-MD5': contentMd5 });
    const actual = md5Base64(body);
    if (actual !== contentMd5) {
      throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, { ExpectedDigest: contentMd5, CalculatedDigest: actual });
    }
  }
  if (!checksum) return undefined;
  if (!isBase64Of(checksum.value, CHECKSUM_BYTES[checksum.algorithm])) throw invalidRequest(`Value for ${checksumHeader(checksum.algorithm)} header is invalid.`);
  if (checksumOf(checksum.algorithm, body) !== checksum.value) throw badDigest(`The ${checksum.algorithm} you specified did not match the calculated checksum.`);
  return { algorithm: checksum.algorithm, value: checksum.value, type: 'FULL_OBJECT' };
}

/** PutObject, GetObject, HeadObject, DeleteObject(s), CopyObject on the model. */
export class ObjectOperations {
  constructor(private readonly store: S3Store) {}

  put(input: PutObjectInput): StoredObject {
    const bucket = this.store.bucket(input.bucket);
    this.store.authorize(input.caller, 'PutObject', input.bucket, input.key);
    checkKey(input.key);
    if (input.body.length > S3_LIMITS.maxObjectBytes) {
      throw new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed object size.', 400, { ProposedSize: input.body.length, MaxSizeAllowed: S3_LIMITS.maxObjectBytes });
    }
    const attrs = resolveAttributes(bucket, input, this.store);
    const checksum = verifyIntegrity(input.body, input.contentMd5, input.checksum);
    const existing = bucket.objects.get(input.key);
    checkWritePreconditions(input.ifMatch, input.ifNoneMatch, existing, input.key);
    // S3 keeps the bytes it received, not the caller's buffer.
    const body = Buffer.from(input.body);
    this.store.reserve(body.length, existing?.body.length ?? 0);
    const object: StoredObject = { key: input.key, body, eTag: `"${md5Hex(body)}"`, lastModified: this.store.now(), checksum, ...attrs };
    this.store.storeObject(bucket, object);
    return object;
  }

  /** GetObject and HeadObject (both s3:GetObject): the object, or 'not-modified' for a 304. */
  get(bucketName: string, key: string, caller: Caller, preconditions: Preconditions = {}): { object: StoredObject; notModified: boolean } {
    const bucket = this.store.bucket(bucketName);
    this.store.authorize(caller, 'GetObject', bucketName, key);
    const object = bucket.objects.get(key);
    if (!object) throw noSuchKey(key);
    const notModified = checkPreconditions(preconditions, object.eTag, object.lastModified) === 'not-modified';
    return { object, notModified };
  }

  /** Throws InvalidObjectState for archived objects: their bytes need a restore first. */
  assertReadable(object: StoredObject): void {
    if (ARCHIVE_CLASSES.includes(object.storageClass)) {
      throw new S3Error('InvalidObjectState', "The operation is not valid for the object's storage class", 403, { StorageClass: object.storageClass });
    }
  }

  expiryOf(bucketName: string, key: string): { at: number; ruleId: string } | undefined {
    return this.store.buckets.get(bucketName)?.expiries.get(key);
  }

  /** GetObjectTagging. */
  getTags(bucketName: string, key: string, caller: Caller): readonly Tag[] {
    const bucket = this.store.bucket(bucketName);
    this.store.authorize(caller, 'GetObjectTagging', bucketName, key);
    const object = bucket.objects.get(key);
    if (!object) throw noSuchKey(key);
    return object.tags;
  }

  /** PutObjectTagging, or DeleteObjectTagging with no tags: the object keeps its bytes and dates; lifecycle filters see the new tags. */
  setTags(bucketName: string, key: string, caller: Caller, tags: readonly Tag[], action: 'PutObjectTagging' | 'DeleteObjectTagging'): void {
    const bucket = this.store.bucket(bucketName);
    this.store.authorize(caller, action, bucketName, key);
    const object = bucket.objects.get(key);
    if (!object) throw noSuchKey(key);
    validateTags(tags, 'Object');
    const tagged: StoredObject = { ...object, tags };
    bucket.objects.set(key, tagged);
    this.store.planExpiry(bucket, tagged);
  }

  /** DeleteObject: succeeds whether or not the key exists, as S3 does. */
  delete(bucketName: string, key: string, caller: Caller): void {
    const bucket = this.store.bucket(bucketName);
    this.store.authorize(caller, 'DeleteObject', bucketName, key);
    this.store.removeObject(bucket, key);
  }

  /** DeleteObjects: each key authorized and reported on its own. */
  deleteMany(bucketName: string, keys: readonly string[], caller: Caller): { deleted: string[]; errors: { key: string; code: string; message: string }[] } {
    const bucket = this.store.bucket(bucketName);
    const deleted: string[] = [];
    const errors: { key: string; code: string; message: string }[] = [];
    for (const key of keys) {
      try {
        this.store.authorize(caller, 'DeleteObject', bucketName, key);
        checkKey(key);
        this.store.removeObject(bucket, key);
        deleted.push(key);
      } catch (err) {
        if (!(err instanceof S3Error)) throw err;
        errors.push({ key, code: err.code, message: err.message });
      }
    }
    return { deleted, errors };
  }

  copy(input: CopyObjectInput): StoredObject {
    const sourceBucket = this.store.bucket(input.sourceBucket);
    this.store.authorize(input.caller, 'GetObject', input.sourceBucket, input.sourceKey);
    const source = sourceBucket.objects.get(input.sourceKey);
    if (!source) throw noSuchKey(input.sourceKey);
    this.assertReadable(source);
    checkPreconditions(input.sourcePreconditions, source.eTag, source.lastModified, true);
    const bucket = this.store.bucket(input.bucket);
    this.store.authorize(input.caller, 'PutObject', input.bucket, input.key);
    checkKey(input.key);
    const sameObject = input.sourceBucket === input.bucket && input.sourceKey === input.key;
    if (sameObject && input.metadataDirective === 'COPY' && input.storageClass === undefined && input.encryption?.algorithm === undefined && input.checksumAlgorithm === undefined) {
      throw invalidRequest(
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    const replace = input.metadataDirective === 'REPLACE';
    const attrs = resolveAttributes(
      bucket,
      {
        contentType: replace ? input.contentType : source.contentType,
        metadata: replace ? input.metadata : source.metadata,
        headers: replace ? input.headers : source.headers,
        tags: input.taggingDirective === 'REPLACE' ? input.tags : source.tags,
        storageClass: input.storageClass,
        encryption: input.encryption,
      },
      this.store,
    );
    const checksum: ObjectChecksum | undefined = input.checksumAlgorithm
      ? { algorithm: input.checksumAlgorithm, value: checksumOf(input.checksumAlgorithm, source.body), type: 'FULL_OBJECT' }
      : source.checksum?.type === 'FULL_OBJECT'
        ? source.checksum
        : undefined;
    const existing = bucket.objects.get(input.key);
    this.store.reserve(source.body.length, existing?.body.length ?? 0);
    // A copy is one PUT: a multipart source's ETag becomes the plain MD5 of its bytes.
    const object: StoredObject = { key: input.key, body: source.body, eTag: `"${md5Hex(source.body)}"`, lastModified: this.store.now(), checksum, ...attrs };
    this.store.storeObject(bucket, object);
    return object;
  }
}
