import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { ABORT_INCOMPLETE_UPLOADS_DAYS } from '../constants';
import { policyDocument } from '../iam';

export interface DataBucketProps {
  readonly bucketName: string;
  /** Each prefix's objects expire this many days after they were written. */
  readonly expirations: readonly { readonly id: string; readonly prefix: string; readonly days: number }[];
}

/**
 * A private bucket for a pattern's data: S3-managed encryption (SSE-S3: S3 encrypts every object;
 * Step Functions' ItemReader and ResultWriter need no key permissions), every kind of public access
 * blocked, no request without TLS, each prefix expiring on its own schedule, incomplete multipart
 * uploads aborted. `force_destroy`: destroying the stack empties it (its objects are a run's
 * scratch data, each expiring anyway).
 */
export class DataBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: DataBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: true });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        ...props.expirations.map((e) => ({ id: e.id, status: 'Enabled', filter: [{ prefix: e.prefix }], expiration: [{ days: e.days }] })),
        { id: 'abort-incomplete-uploads', status: 'Enabled', filter: [{ prefix: '' }], abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_DAYS }] },
      ],
    });
    // After the public access block: S3 checks a new policy against it.
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: policyDocument([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: ['s3:*'],
          Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]),
      dependsOn: [publicAccess],
    });
  }

  /** `arn:aws:s3:::<bucket>/<prefix>*`: the objects under one prefix. */
  objectsUnder(prefix: string): string {
    return `${this.bucket.arn}/${prefix}*`;
  }
}
