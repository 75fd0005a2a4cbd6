import type { Caller } from '../../core/caller';
import type { S3Port } from '../../core/ports';
import { S3_LIMITS } from '../limits';
import { BucketOperations } from './buckets';
import { ConfigurationOperations } from './configuration';
import { MultipartOperations } from './multipart';
import { ObjectOperations } from './objects';
import { S3Store, type S3ModelProps, type S3Stats } from './store';

/**
 * S3 in memory: buckets with their configuration, objects as Buffers, multipart uploads, and
 * lifecycle expiration on the shared Clock. Every operation is authorized for its caller. The
 * HTTP service and other local services (through S3Port) call the same operations.
 */
export class S3Model implements S3Port {
  readonly store: S3Store;
  readonly buckets: BucketOperations;
  readonly objects: ObjectOperations;
  readonly config: ConfigurationOperations;
  readonly multipart: MultipartOperations;

  constructor(props: S3ModelProps) {
    this.store = new S3Store(props);
    this.buckets = new BucketOperations(this.store);
    this.objects = new ObjectOperations(this.store);
    this.config = new ConfigurationOperations(this.store);
    this.multipart = new MultipartOperations(this.store);
  }

  stats(): Readonly<S3Stats> {
    return { ...this.store.stats };
  }

  /** Stops the lifecycle timer. */
  close(): void {
    this.store.close();
  }

  /** S3Port: GetObject for a Distributed Map's ItemReader. */
  getObject(bucket: string, key: string, caller: Caller): Promise<{ body: Buffer; contentType?: string; eTag: string }> {
    return run(() => {
      const { object } = this.objects.get(bucket, key, caller);
      this.objects.assertReadable(object);
      return { body: object.body, contentType: object.contentType, eTag: object.eTag };
    });
  }

  /** S3Port: PutObject for a ResultWriter's manifest and result files. */
  putObject(bucket: string, key: string, body: Buffer | string, caller: Caller, contentType?: string): Promise<{ eTag: string }> {
    return run(() => {
      const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      return { eTag: this.objects.put({ bucket, key, body: buffer, caller, contentType }).eTag };
    });
  }

  /** S3Port: every key under a prefix, in key order, paging as ListObjectsV2 would. */
  listObjects(bucket: string, prefix: string, caller: Caller): Promise<{ key: string; size: number; eTag: string }[]> {
    return run(() => {
      const out: { key: string; size: number; eTag: string }[] = [];
      let after = '';
      for (;;) {
        const { page, objects } = this.buckets.listObjects(bucket, caller, { prefix, after, maxKeys: S3_LIMITS.maxListKeys });
        for (const o of objects) out.push({ key: o.key, size: o.body.length, eTag: o.eTag });
        if (!page.truncated || page.last === undefined) return out;
        after = page.last;
      }
    });
  }
}

/** Port calls answer asynchronously, as a network call would, and reject rather than throw. */
function run<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}
