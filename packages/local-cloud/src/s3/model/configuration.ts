import type { Caller } from '../../core/caller';
import { invalidArgument, invalidRequest, malformedXml, S3Error } from '../s3-error';
import { validateLifecycleRules } from './lifecycle';
import { isPublicPolicy, parseBucketPolicy } from './policy';
import type { S3Store } from './store';
import { validateTags } from './tags';
import { SSE_ALGORITHMS, type Bucket, type Encryption, type Lifecycle, type ObjectOwnership, type PublicAccessBlock, type Tag } from './types';

const notFound = (code: string, message: string, bucket: string): S3Error => new S3Error(code, message, 404, { BucketName: bucket });

const DEFAULT_TRANSITION_MINIMUM_SIZE = 'all_storage_classes_128K';
const TRANSITION_MINIMUM_SIZES = ['all_storage_classes_128K', 'varies_by_storage_class'];

/**
 * The bucket configuration Terraform's aws provider sets and reads: policy, public access block,
 * default encryption, lifecycle, versioning, tags, ownership controls. Each read of an absent
 * configuration is S3's own "not found" error, which the provider treats as "none".
 */
export class ConfigurationOperations {
  constructor(private readonly store: S3Store) {}

  private bucket(name: string, caller: Caller, action: string): Bucket {
    const bucket = this.store.bucket(name);
    this.store.authorize(caller, action, name);
    return bucket;
  }

  putPolicy(name: string, caller: Caller, text: string): void {
    const bucket = this.bucket(name, caller, 'PutBucketPolicy');
    const document = parseBucketPolicy(text, name);
    if (bucket.publicAccessBlock?.BlockPublicPolicy && isPublicPolicy(document)) {
      throw new S3Error('AccessDenied', `Not allowed to put a public policy on bucket ${name}: its BlockPublicPolicy block public access setting is on`, 403);
    }
    bucket.policy = { text, document };
  }

  getPolicy(name: string, caller: Caller): string {
    const policy = this.bucket(name, caller, 'GetBucketPolicy').policy;
    if (!policy) throw notFound('NoSuchBucketPolicy', 'The bucket policy does not exist', name);
    return policy.text;
  }

  deletePolicy(name: string, caller: Caller): void {
    this.bucket(name, caller, 'DeleteBucketPolicy').policy = undefined;
  }

  putPublicAccessBlock(name: string, caller: Caller, config: PublicAccessBlock): void {
    this.bucket(name, caller, 'PutBucketPublicAccessBlock').publicAccessBlock = config;
  }

  getPublicAccessBlock(name: string, caller: Caller): PublicAccessBlock {
    const pab = this.bucket(name, caller, 'GetBucketPublicAccessBlock').publicAccessBlock;
    if (!pab) throw notFound('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', name);
    return pab;
  }

  deletePublicAccessBlock(name: string, caller: Caller): void {
    this.bucket(name, caller, 'PutBucketPublicAccessBlock').publicAccessBlock = undefined;
  }

  putEncryption(name: string, caller: Caller, rules: readonly Encryption[]): void {
    const bucket = this.bucket(name, caller, 'PutEncryptionConfiguration');
    if (rules.length !== 1) throw malformedXml(`a server-side encryption configuration holds exactly one <Rule>, got ${rules.length}`);
    const rule = rules[0] as Encryption;
    if (!(SSE_ALGORITHMS as readonly string[]).includes(rule.algorithm)) throw malformedXml(`unknown SSEAlgorithm '${rule.algorithm}'`);
    if (rule.kmsKeyId !== undefined && rule.algorithm === 'AES256') {
      throw invalidArgument('a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', 'ApplyServerSideEncryptionByDefault', rule.kmsKeyId);
    }
    bucket.encryption = rule;
  }

  /** Every bucket has default encryption (SSE-S3 unless configured). */
  getEncryption(name: string, caller: Caller): Encryption {
    return this.bucket(name, caller, 'GetEncryptionConfiguration').encryption;
  }

  /** Back to S3's default, SSE-S3. */
  deleteEncryption(name: string, caller: Caller): void {
    this.bucket(name, caller, 'PutEncryptionConfiguration').encryption = { algorithm: 'AES256', bucketKeyEnabled: false };
  }

  putLifecycle(name: string, caller: Caller, rules: Lifecycle['rules'], transitionMinimumSize?: string): Lifecycle {
    const bucket = this.bucket(name, caller, 'PutLifecycleConfiguration');
    validateLifecycleRules(rules);
    const size = transitionMinimumSize ?? DEFAULT_TRANSITION_MINIMUM_SIZE;
    if (!TRANSITION_MINIMUM_SIZES.includes(size)) throw invalidArgument(`Invalid x-amz-transition-default-minimum-object-size: '${size}'`, 'x-amz-transition-default-minimum-object-size', size);
    bucket.lifecycle = { rules, transitionMinimumSize: size };
    this.store.replanLifecycle(bucket);
    // Objects already past due go at once, as the next lifecycle run would remove them.
    this.store.expireDue(bucket);
    return bucket.lifecycle;
  }

  getLifecycle(name: string, caller: Caller): Lifecycle {
    const lifecycle = this.bucket(name, caller, 'GetLifecycleConfiguration').lifecycle;
    if (!lifecycle) throw notFound('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', name);
    return lifecycle;
  }

  deleteLifecycle(name: string, caller: Caller): void {
    const bucket = this.bucket(name, caller, 'PutLifecycleConfiguration');
    bucket.lifecycle = undefined;
    this.store.replanLifecycle(bucket);
  }

  putVersioning(name: string, caller: Caller, status: string | undefined, mfaDelete: string | undefined): void {
    const bucket = this.bucket(name, caller, 'PutBucketVersioning');
    if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml(`<Status> must be Enabled or Suspended, got '${status ?? ''}'`);
    if (mfaDelete !== undefined && mfaDelete !== 'Disabled') {
      if (mfaDelete !== 'Enabled') throw malformedXml(`<MfaDelete> must be Enabled or Disabled, got '${mfaDelete}'`);
      throw invalidRequest('MFA delete needs the x-amz-mfa header of a root MFA device, which the local cloud does not have');
    }
    bucket.versioning = { Status: status, MfaDelete: mfaDelete as 'Disabled' | undefined };
  }

  getVersioning(name: string, caller: Caller): Bucket['versioning'] {
    return this.bucket(name, caller, 'GetBucketVersioning').versioning;
  }

  putTagging(name: string, caller: Caller, tags: readonly Tag[]): void {
    const bucket = this.bucket(name, caller, 'PutBucketTagging');
    validateTags(tags, 'Bucket');
    bucket.tags = tags;
  }

  getTagging(name: string, caller: Caller): readonly Tag[] {
    const tags = this.bucket(name, caller, 'GetBucketTagging').tags;
    if (!tags || tags.length === 0) throw notFound('NoSuchTagSet', 'The TagSet does not exist', name);
    return tags;
  }

  deleteTagging(name: string, caller: Caller): void {
    this.bucket(name, caller, 'PutBucketTagging').tags = undefined;
  }

  putOwnership(name: string, caller: Caller, ownership: string | undefined): void {
    const bucket = this.bucket(name, caller, 'PutBucketOwnershipControls');
    if (ownership !== 'BucketOwnerEnforced' && ownership !== 'BucketOwnerPreferred' && ownership !== 'ObjectWriter') {
      throw malformedXml(`<ObjectOwnership> must be BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter, got '${ownership ?? ''}'`);
    }
    bucket.ownership = ownership as ObjectOwnership;
  }

  getOwnership(name: string, caller: Caller): ObjectOwnership {
    const ownership = this.bucket(name, caller, 'GetBucketOwnershipControls').ownership;
    if (!ownership) throw notFound('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', name);
    return ownership;
  }

  deleteOwnership(name: string, caller: Caller): void {
    this.bucket(name, caller, 'PutBucketOwnershipControls').ownership = undefined;
  }

  /** GetBucketAcl: the owner's FULL_CONTROL grant, which is all a bucket without ACLs has. */
  aclOwner(name: string, caller: Caller): string {
    this.bucket(name, caller, 'GetBucketAcl');
    return this.store.canonicalId;
  }

  /** Authorizes a read of a configuration the local cloud never holds (CORS, website, replication, …). */
  authorizeRead(name: string, caller: Caller, action: string): Bucket {
    return this.bucket(name, caller, action);
  }
}
