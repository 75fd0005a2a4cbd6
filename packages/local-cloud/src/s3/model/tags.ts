import { S3_LIMITS } from '../limits';
import { invalidTag } from '../s3-error';
import type { Tag } from './types';

/** S3's tag rules for a bucket (50 tags) or an object (10 tags). */
export function validateTags(tags: readonly Tag[], kind: 'Bucket' | 'Object'): void {
  const max = kind === 'Bucket' ? S3_LIMITS.maxBucketTags : S3_LIMITS.maxObjectTags;
  if (tags.length > max) throw invalidTag(`${kind} tag count cannot be greater than ${max} (got ${tags.length})`);
  const seen = new Set<string>();
  for (const t of tags) {
    if (t.Key.length < 1 || t.Key.length > S3_LIMITS.maxTagKeyChars) {
      throw invalidTag(`The TagKey you have provided is invalid: '${t.Key}' must be 1 to ${S3_LIMITS.maxTagKeyChars} characters`);
    }
    if (t.Value.length > S3_LIMITS.maxTagValueChars) {
      throw invalidTag(`The TagValue you have provided is invalid: the value of '${t.Key}' is over ${S3_LIMITS.maxTagValueChars} characters`);
    }
    if (t.Key.toLowerCase().startsWith('aws:')) throw invalidTag(`Your TagKey cannot be prefixed with aws: ('${t.Key}')`);
    if (seen.has(t.Key)) throw invalidTag(`Cannot provide multiple Tags with the same key ('${t.Key}')`);
    seen.add(t.Key);
  }
}

/** The `x-amz-tagging` header: URL query encoding, `k1=v1&k2=v2`. */
export function parseTaggingHeader(header: string): Tag[] {
  return [...new URLSearchParams(header)].map(([Key, Value]) => ({ Key, Value }));
}
