import type { PolicyDocument } from '../../core/authorizer';
import type { ChecksumAlgorithm } from '../checksums';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export type ChecksumType = 'FULL_OBJECT' | 'COMPOSITE';

export interface ObjectChecksum {
  readonly algorithm: ChecksumAlgorithm;
  /** base64 (a composite multipart checksum ends in `-<parts>`). */
  readonly value: string;
  readonly type: ChecksumType;
}

export const SSE_ALGORITHMS = ['AES256', 'aws:kms', 'aws:kms:dsse'] as const;
export type SseAlgorithm = (typeof SSE_ALGORITHMS)[number];

export interface Encryption {
  readonly algorithm: SseAlgorithm;
  readonly kmsKeyId?: string | undefined;
  readonly bucketKeyEnabled?: boolean | undefined;
}

/** The headers S3 stores with an object and returns on GET/HEAD. */
export interface ObjectHeaders {
  readonly cacheControl?: string;
  readonly contentDisposition?: string;
  readonly contentEncoding?: string;
  readonly contentLanguage?: string;
  readonly expires?: string;
}

export const STORAGE_CLASSES = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'ONEZONE_IA',
  'INTELLIGENT_TIERING',
  'GLACIER',
  'DEEP_ARCHIVE',
  'GLACIER_IR',
] as const;
export type StorageClass = (typeof STORAGE_CLASSES)[number];
/** Archived objects need a restore before a GET; the local cloud has no restore. */
export const ARCHIVE_CLASSES: readonly StorageClass[] = ['GLACIER', 'DEEP_ARCHIVE'];

export interface StoredObject {
  readonly key: string;
  readonly body: Buffer;
  /** Quoted, as S3 writes it: `"<md5 hex>"`, or `"<md5 of part md5s>-<parts>"` after a multipart upload. */
  readonly eTag: string;
  /** AWS time, ms since epoch. */
  readonly lastModified: number;
  readonly contentType: string;
  /** x-amz-meta-* without the prefix, names lowercased. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly headers: ObjectHeaders;
  /** The additional checksum; S3 computes CRC64NVME when the upload carried none (lazily here, see checksumOfObject). */
  checksum: ObjectChecksum | undefined;
  readonly tags: readonly Tag[];
  readonly storageClass: StorageClass;
  readonly encryption: Encryption;
  readonly partsCount?: number;
}

export interface PublicAccessBlock {
  readonly BlockPublicAcls: boolean;
  readonly IgnorePublicAcls: boolean;
  readonly BlockPublicPolicy: boolean;
  readonly RestrictPublicBuckets: boolean;
}

export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';

export interface LifecycleFilter {
  readonly Prefix?: string | undefined;
  readonly Tags?: readonly Tag[] | undefined;
  readonly ObjectSizeGreaterThan?: number | undefined;
  readonly ObjectSizeLessThan?: number | undefined;
  /** The conditions were given inside `<And>` (kept to answer GET with the same shape). */
  readonly and?: boolean | undefined;
}

export interface LifecycleRule {
  readonly ID?: string | undefined;
  readonly Status: 'Enabled' | 'Disabled';
  /** `<Filter>` (possibly empty), or undefined for a legacy rule with a top-level `<Prefix>`. */
  readonly Filter?: LifecycleFilter | undefined;
  readonly Prefix?: string | undefined;
  readonly Expiration?: { readonly Days?: number | undefined; readonly Date?: string | undefined; readonly ExpiredObjectDeleteMarker?: boolean | undefined } | undefined;
  readonly Transitions: readonly { readonly Days?: number | undefined; readonly Date?: string | undefined; readonly StorageClass: string }[];
  readonly NoncurrentVersionTransitions: readonly {
    readonly NoncurrentDays?: number | undefined;
    readonly NewerNoncurrentVersions?: number | undefined;
    readonly StorageClass: string;
  }[];
  readonly NoncurrentVersionExpiration?: { readonly NoncurrentDays?: number | undefined; readonly NewerNoncurrentVersions?: number | undefined } | undefined;
  readonly AbortIncompleteMultipartUpload?: { readonly DaysAfterInitiation: number } | undefined;
}

export interface Lifecycle {
  readonly rules: readonly LifecycleRule[];
  /** x-amz-transition-default-minimum-object-size. */
  readonly transitionMinimumSize: string;
}

export interface MultipartUpload {
  readonly uploadId: string;
  readonly key: string;
  readonly initiated: number;
  readonly contentType: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly headers: ObjectHeaders;
  readonly tags: readonly Tag[];
  readonly storageClass: StorageClass;
  readonly encryption: Encryption;
  readonly checksumAlgorithm?: ChecksumAlgorithm | undefined;
  readonly checksumType: ChecksumType;
  readonly parts: Map<number, { readonly body: Buffer; readonly eTag: string; readonly lastModified: number; readonly checksum?: string | undefined }>;
}

export interface Bucket {
  readonly name: string;
  readonly region: string;
  readonly creationDate: number;
  readonly objects: Map<string, StoredObject>;
  /** Keys in UTF-8 binary order, rebuilt after a key is added or removed. */
  sortedKeys: string[] | undefined;
  readonly uploads: Map<string, MultipartUpload>;
  /** When each object expires under the lifecycle rules (recomputed when the rules change). */
  readonly expiries: Map<string, { readonly at: number; readonly ruleId: string }>;
  /** The earliest of `expiries` (Infinity when none): a cheap test for whether a sweep is due. */
  nextExpiry: number;
  policy?: { readonly text: string; readonly document: PolicyDocument } | undefined;
  publicAccessBlock?: PublicAccessBlock | undefined;
  encryption: Encryption;
  lifecycle?: Lifecycle | undefined;
  versioning?: { readonly Status: 'Enabled' | 'Suspended'; readonly MfaDelete?: 'Enabled' | 'Disabled' | undefined } | undefined;
  tags?: readonly Tag[] | undefined;
  ownership?: ObjectOwnership | undefined;
}
