import type { Caller } from '../../core/caller';
import { assertValidBucketName } from '../bucket-name';
import { S3_LIMITS } from '../limits';
import { S3Error } from '../s3-error';
import { listKeys, type ListingPage, type ListingRequest } from './listing';
import type { S3Store } from './store';
import type { Bucket, ObjectOwnership, StoredObject } from './types';

export interface CreateBucketInput {
  readonly name: string;
  readonly caller: Caller;
  /** `<LocationConstraint>`: the bucket's region; none means us-east-1. */
  readonly locationConstraint?: string | undefined;
  /** The region the request was signed for; a constraint that disagrees is refused, as S3's regional endpoints do. */
  readonly signingRegion?: string | undefined;
  readonly objectOwnership?: string | undefined;
}

export interface ListBucketsInput {
  readonly prefix?: string | undefined;
  readonly bucketRegion?: string | undefined;
  readonly maxBuckets?: number | undefined;
  /** The name the previous page ended at. */
  readonly after?: string | undefined;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const OWNERSHIPS: readonly ObjectOwnership[] = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'];

/** The defaults S3 gives a new general purpose bucket since 2023: SSE-S3, all public access blocked, ACLs disabled. */
function newBucket(name: string, region: string, now: number, ownership: ObjectOwnership): Bucket {
  return {
    name,
    region,
    creationDate: now,
    objects: new Map(),
    sortedKeys: undefined,
    uploads: new Map(),
    expiries: new Map(),
    nextExpiry: Infinity,
    encryption: { algorithm: 'AES256', bucketKeyEnabled: false },
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    ownership,
  };
}

/** CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation and the object listings. */
export class BucketOperations {
  constructor(private readonly store: S3Store) {}

  /** Returns the bucket and whether it was created (false: us-east-1's legacy re-create of an owned bucket). */
  create(input: CreateBucketInput): { bucket: Bucket; created: boolean } {
    this.store.authorize(input.caller, 'CreateBucket', input.name);
    assertValidBucketName(input.name);
    const constraint = input.locationConstraint === '' ? undefined : input.locationConstraint === 'EU' ? 'eu-west-1' : input.locationConstraint;
    if (constraint !== undefined && (constraint === 'us-east-1' || !REGION.test(constraint))) {
      throw new S3Error('InvalidLocationConstraint', `The specified location-constraint is not valid: '${constraint}'`, 400, { LocationConstraint: constraint });
    }
    const region = constraint ?? 'us-east-1';
    if (input.signingRegion !== undefined && input.signingRegion !== region) {
      throw new S3Error(
        'IllegalLocationConstraintException',
        `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to (${input.signingRegion}).`,
        400,
      );
    }
    const ownership = (input.objectOwnership ?? 'BucketOwnerEnforced') as ObjectOwnership;
    if (!OWNERSHIPS.includes(ownership)) throw new S3Error('InvalidArgument', `Invalid x-amz-object-ownership header: '${input.objectOwnership}'`, 400);
    const existing = this.store.buckets.get(input.name);
    if (existing) {
      if (existing.region === 'us-east-1' && region === 'us-east-1') return { bucket: existing, created: false };
      throw new S3Error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: input.name });
    }
    if (this.store.buckets.size >= S3_LIMITS.maxBuckets) {
      throw new S3Error('TooManyBuckets', `You have attempted to create more buckets than allowed (${S3_LIMITS.maxBuckets})`, 400);
    }
    const bucket = newBucket(input.name, region, this.store.now(), ownership);
    this.store.buckets.set(input.name, bucket);
    this.store.stats.buckets++;
    return { bucket, created: true };
  }

  /** HeadBucket (s3:ListBucket). */
  head(name: string, caller: Caller): Bucket {
    const bucket = this.store.bucket(name);
    this.store.authorize(caller, 'ListBucket', name);
    return bucket;
  }

  /** GetBucketLocation: '' for us-east-1, as S3 answers. */
  location(name: string, caller: Caller): string {
    const bucket = this.store.bucket(name);
    this.store.authorize(caller, 'GetBucketLocation', name);
    return bucket.region === 'us-east-1' ? '' : bucket.region;
  }

  delete(name: string, caller: Caller): void {
    const bucket = this.store.bucket(name);
    this.store.authorize(caller, 'DeleteBucket', name);
    if (bucket.objects.size > 0) throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: name });
    for (const u of bucket.uploads.values()) for (const p of u.parts.values()) this.store.release(p.body.length);
    this.store.buckets.delete(name);
    this.store.stats.buckets--;
  }

  list(caller: Caller, input: ListBucketsInput = {}): { buckets: Bucket[]; truncated: boolean } {
    this.store.authorize(caller, 'ListAllMyBuckets', '*');
    const all = [...this.store.buckets.values()]
      .filter((b) => b.name.startsWith(input.prefix ?? '') && (input.bucketRegion === undefined || b.region === input.bucketRegion) && (input.after === undefined || b.name > input.after))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const max = input.maxBuckets ?? all.length;
    return { buckets: all.slice(0, max), truncated: all.length > max };
  }

  /** ListObjects / ListObjectsV2 (s3:ListBucket), ListObjectVersions (s3:ListBucketVersions); s3:prefix, s3:delimiter and s3:max-keys for conditions. */
  listObjects(name: string, caller: Caller, request: ListingRequest, action = 'ListBucket'): { page: ListingPage; objects: StoredObject[] } {
    const bucket = this.store.bucket(name);
    const context: Record<string, string> = { 's3:prefix': request.prefix, 's3:max-keys': String(request.maxKeys) };
    if (request.delimiter !== undefined) context['s3:delimiter'] = request.delimiter;
    this.store.authorize(caller, action, name, undefined, context);
    const page = listKeys(this.store.sortedKeys(bucket), request);
    return { page, objects: page.keys.map((k) => bucket.objects.get(k) as StoredObject) };
  }
}
