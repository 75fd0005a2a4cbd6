import { createHash } from 'node:crypto';
import { ALLOW_ALL, type Authorizer } from '../../core/authorizer';
import { AwsError } from '../../core/aws-error';
import type { Caller } from '../../core/caller';
import type { Clock } from '../../core/clock';
import { checksumOf } from '../checksums';
import { noSuchBucket, S3Error } from '../s3-error';
import { objectExpiry, uploadAbortTime } from './lifecycle';
import { compareUtf8 } from './listing';
import type { Bucket, ObjectChecksum, StoredObject } from './types';

export interface S3ModelProps {
  readonly clock: Clock;
  /** Asked before every operation; ALLOW_ALL by default. */
  readonly authorizer?: Authorizer;
  /** Where buckets live when CreateBucket names no LocationConstraint, and the region a port caller's buckets are in. Default us-east-1. */
  readonly region?: string;
  /** The owning account (bucket owner, ARNs in errors). Default 123456789012. */
  readonly accountId?: string;
  /** Ceiling on the bytes held in memory across every bucket (objects and uploaded parts); unlimited by default. */
  readonly maxStoredBytes?: number;
}

/** What the S3 model has done, for the run's report: nothing expires or is refused uncounted. */
export interface S3Stats {
  buckets: number;
  objects: number;
  storedBytes: number;
  /** Objects removed by a lifecycle Expiration rule. */
  expiredObjects: number;
  /** Incomplete multipart uploads removed by an AbortIncompleteMultipartUpload rule. */
  abortedUploads: number;
  /** Writes refused because they would pass maxStoredBytes. */
  refusedForCapacity: number;
}

/**
 * The state every S3 operation shares: buckets, the clock, the authorizer, byte accounting and
 * the lifecycle sweep. Operations (buckets, objects, configuration, multipart) are built on it.
 */
export class S3Store {
  readonly clock: Clock;
  readonly authorizer: Authorizer;
  readonly region: string;
  readonly accountId: string;
  /** The owner's canonical user ID (64 hex digits), as ACLs and listings show it. */
  readonly canonicalId: string;
  readonly maxStoredBytes: number | undefined;
  readonly buckets = new Map<string, Bucket>();
  readonly stats: S3Stats = { buckets: 0, objects: 0, storedBytes: 0, expiredObjects: 0, abortedUploads: 0, refusedForCapacity: 0 };
  private sweep: { at: number; cancel: () => void } | undefined;

  constructor(props: S3ModelProps) {
    this.clock = props.clock;
    this.authorizer = props.authorizer ?? ALLOW_ALL;
    this.region = props.region ?? 'us-east-1';
    this.accountId = props.accountId ?? '123456789012';
    this.canonicalId = createHash('sha256').update(`local-cloud-canonical:${this.accountId}`).digest('hex');
    this.maxStoredBytes = props.maxStoredBytes;
  }

  now(): number {
    return Math.floor(this.clock.now());
  }

  /** The bucket, after removing whatever its lifecycle rules made due; NoSuchBucket otherwise. */
  bucket(name: string): Bucket {
    const b = this.buckets.get(name);
    if (!b) throw noSuchBucket(name);
    if (b.nextExpiry <= this.now()) this.expireDue(b);
    return b;
  }

  /**
   * Asks the authorizer for `s3:<action>` on the bucket (or one of its objects), with the bucket
   * policy as the resource policy. A denial is S3's AccessDenied.
   */
  authorize(caller: Caller, action: string, bucket: string, key?: string, context?: Record<string, string>): void {
    const resource = key === undefined ? (bucket === '*' ? '*' : `arn:aws:s3:::${bucket}`) : `arn:aws:s3:::${bucket}/${key}`;
    try {
      this.authorizer.authorize({ caller, action: `s3:${action}`, resource, resourcePolicy: this.buckets.get(bucket)?.policy?.document, context });
    } catch (err) {
      if (err instanceof AwsError && err.status === 403) throw new S3Error('AccessDenied', err.message || 'Access Denied', 403);
      throw err;
    }
  }

  /**
   * Counts `bytes` more as held, or refuses the write when the ceiling would be passed once the
   * `freed` bytes it replaces are released (storeObject releases them).
   */
  reserve(bytes: number, freed = 0): void {
    const after = this.stats.storedBytes - freed + bytes;
    if (this.maxStoredBytes !== undefined && after > this.maxStoredBytes) {
      this.stats.refusedForCapacity++;
      throw new S3Error(
        'EntityTooLarge',
        `Storing ${bytes} bytes would take the local S3 to ${after} bytes in memory, over its maxStoredBytes ceiling of ${this.maxStoredBytes}`,
        400,
        { ProposedSize: bytes, MaxSizeAllowed: Math.max(0, this.maxStoredBytes - this.stats.storedBytes + freed) },
      );
    }
    this.stats.storedBytes += bytes;
  }

  release(bytes: number): void {
    this.stats.storedBytes -= bytes;
  }

  /** Stores (or replaces) an object; the caller has reserved its bytes. */
  storeObject(bucket: Bucket, object: StoredObject): void {
    const previous = bucket.objects.get(object.key);
    if (previous) this.release(previous.body.length);
    else {
      bucket.sortedKeys = undefined;
      this.stats.objects++;
    }
    bucket.objects.set(object.key, object);
    this.planExpiry(bucket, object);
  }

  removeObject(bucket: Bucket, key: string): boolean {
    const previous = bucket.objects.get(key);
    if (!previous) return false;
    bucket.objects.delete(key);
    bucket.expiries.delete(key);
    bucket.sortedKeys = undefined;
    this.release(previous.body.length);
    this.stats.objects--;
    return true;
  }

  sortedKeys(bucket: Bucket): string[] {
    bucket.sortedKeys ??= [...bucket.objects.keys()].sort(compareUtf8);
    return bucket.sortedKeys;
  }

  /** The object's additional checksum, computing S3's default CRC64NVME on first use. */
  checksumOf(object: StoredObject): ObjectChecksum {
    object.checksum ??= { algorithm: 'CRC64NVME', value: checksumOf('CRC64NVME', object.body), type: 'FULL_OBJECT' };
    return object.checksum;
  }

  /** Recomputes every object's expiry after the bucket's lifecycle rules changed. */
  replanLifecycle(bucket: Bucket): void {
    bucket.expiries.clear();
    bucket.nextExpiry = Infinity;
    for (const object of bucket.objects.values()) this.planExpiry(bucket, object);
    this.planUploadAborts(bucket);
  }

  planExpiry(bucket: Bucket, object: StoredObject): void {
    const rules = bucket.lifecycle?.rules;
    const expiry = rules && objectExpiry(rules, { key: object.key, size: object.body.length, tags: object.tags }, object.lastModified);
    if (!expiry) {
      bucket.expiries.delete(object.key);
      return;
    }
    bucket.expiries.set(object.key, expiry);
    bucket.nextExpiry = Math.min(bucket.nextExpiry, expiry.at);
    this.planSweep(expiry.at);
  }

  planUploadAborts(bucket: Bucket): void {
    const rules = bucket.lifecycle?.rules;
    if (!rules) return;
    for (const u of bucket.uploads.values()) {
      const at = uploadAbortTime(rules, u.key, u.initiated);
      if (at !== undefined) {
        bucket.nextExpiry = Math.min(bucket.nextExpiry, at);
        this.planSweep(at);
      }
    }
  }

  /** Removes the bucket's expired objects and aborts its overdue uploads, counting both. */
  expireDue(bucket: Bucket): void {
    const now = this.now();
    let next = Infinity;
    for (const [key, expiry] of bucket.expiries) {
      if (expiry.at <= now) {
        this.removeObject(bucket, key);
        this.stats.expiredObjects++;
      } else next = Math.min(next, expiry.at);
    }
    const rules = bucket.lifecycle?.rules ?? [];
    for (const [id, u] of bucket.uploads) {
      const at = uploadAbortTime(rules, u.key, u.initiated);
      if (at === undefined) continue;
      if (at <= now) {
        for (const p of u.parts.values()) this.release(p.body.length);
        bucket.uploads.delete(id);
        this.stats.abortedUploads++;
      } else next = Math.min(next, at);
    }
    bucket.nextExpiry = next;
  }

  /** One timer for the earliest due time across buckets, so expiry happens on the clock even with no request. */
  private planSweep(at: number): void {
    if (this.sweep && this.sweep.at <= at) return;
    const delay = Math.max(0, at - this.clock.now());
    if (!this.clock.canFire(delay)) return;
    this.sweep?.cancel();
    this.sweep = {
      at,
      cancel: this.clock.schedule(delay, () => {
        this.sweep = undefined;
        let next = Infinity;
        for (const b of this.buckets.values()) {
          if (b.nextExpiry <= this.now()) this.expireDue(b);
          next = Math.min(next, b.nextExpiry);
        }
        if (next < Infinity) this.planSweep(next);
      }),
    };
  }

  /** Stops the lifecycle timer (the model keeps its data). */
  close(): void {
    this.sweep?.cancel();
    this.sweep = undefined;
  }
}
