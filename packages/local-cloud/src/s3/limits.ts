/** S3's quotas and fixed sizes, as the S3 User Guide and API Reference state them. */
export const S3_LIMITS = {
  /** Object keys are at most 1,024 bytes of UTF-8. */
  maxKeyBytes: 1024,
  /** A single PUT (or a copy) stores at most 5 GiB. */
  maxObjectBytes: 5 * 1024 ** 3,
  /** User-defined metadata (x-amz-meta-* names and values) is at most 2 KB per object. */
  maxUserMetadataBytes: 2 * 1024,
  /** The default bucket quota of an account. */
  maxBuckets: 10_000,
  /** ListObjects, ListObjectsV2, ListParts and ListMultipartUploads return at most 1,000 entries a page. */
  maxListKeys: 1000,
  /** ListBuckets pages hold at most 10,000 buckets. */
  maxListBuckets: 10_000,
  /** DeleteObjects takes at most 1,000 keys. */
  maxDeleteObjects: 1000,
  /** A bucket policy is at most 20 KB. */
  maxPolicyBytes: 20 * 1024,
  maxLifecycleRules: 1000,
  maxLifecycleRuleIdChars: 255,
  maxBucketTags: 50,
  maxObjectTags: 10,
  maxTagKeyChars: 128,
  maxTagValueChars: 256,
  /** aws-chunked bodies: every chunk but the last holds at least 8 KiB. */
  minAwsChunkBytes: 8192,
  multipart: {
    /** Every part but the last is at least 5 MiB. */
    minPartBytes: 5 * 1024 * 1024,
    maxPartBytes: 5 * 1024 ** 3,
    maxParts: 10_000,
  },
} as const;

/** The namespace of every S3 XML document. */
export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export const DAY_MS = 86_400_000;
