export { assertValidBucketName, bucketNameProblem, isValidBucketName } from './bucket-name';
export { CHECKSUM_ALGORITHMS, checksumOf, type ChecksumAlgorithm } from './checksums';
export { S3_LIMITS } from './limits';
export { S3Model } from './model/s3-model';
export type { S3ModelProps, S3Stats } from './model/store';
export type { Bucket, LifecycleRule, StoredObject, Tag } from './model/types';
export { S3Error } from './s3-error';
export { claimsS3, createS3Service, type S3ServiceProps } from './s3-service';
