import { preconditionFailed, S3Error } from '../s3-error';

/** Conditional request headers, as GET/HEAD send them (CopyObject sends the x-amz-copy-source-if-* forms). */
export interface Preconditions {
  readonly ifMatch?: string | undefined;
  readonly ifNoneMatch?: string | undefined;
  readonly ifModifiedSince?: string | undefined;
  readonly ifUnmodifiedSince?: string | undefined;
}

const unquote = (tag: string): string => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

function matches(header: string, eTag: string): boolean {
  const own = unquote(eTag);
  return header.split(',').some((t) => t.trim() === '*' || unquote(t) === own);
}

/** HTTP dates; an unparsable one is ignored, as HTTP says. Compared at whole seconds, as Last-Modified is sent. */
function date(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const ms = Date.parse(header);
  return Number.isNaN(ms) ? undefined : ms;
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * RFC 7232 evaluation as S3 documents it: If-Match decides over If-Unmodified-Since, If-None-Match
 * over If-Modified-Since. Returns 304 (GET/HEAD) or throws PreconditionFailed (412).
 * `notModifiedAs412` is CopyObject's behaviour: every failed condition is a 412.
 */
export function checkPreconditions(p: Preconditions, eTag: string, lastModified: number, notModifiedAs412 = false): 'ok' | 'not-modified' {
  if (p.ifMatch !== undefined) {
    if (!matches(p.ifMatch, eTag)) throw preconditionFailed(notModifiedAs412 ? 'x-amz-copy-source-If-Match' : 'If-Match');
  } else {
    const since = date(p.ifUnmodifiedSince);
    if (since !== undefined && seconds(lastModified) > seconds(since)) {
      throw preconditionFailed(notModifiedAs412 ? 'x-amz-copy-source-If-Unmodified-Since' : 'If-Unmodified-Since');
    }
  }
  let notModified = false;
  let failed = '';
  if (p.ifNoneMatch !== undefined) {
    notModified = matches(p.ifNoneMatch, eTag);
    failed = 'If-None-Match';
  } else {
    const since = date(p.ifModifiedSince);
    notModified = since !== undefined && seconds(lastModified) <= seconds(since);
    failed = 'If-Modified-Since';
  }
  if (!notModified) return 'ok';
  if (notModifiedAs412) throw preconditionFailed(`x-amz-copy-source-${failed}`);
  return 'not-modified';
}

/** Conditional writes (PutObject, CompleteMultipartUpload): `If-None-Match: *` and `If-Match: <etag>`. */
export function checkWritePreconditions(ifMatch: string | undefined, ifNoneMatch: string | undefined, existing: { eTag: string } | undefined, key: string): void {
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') throw new S3Error('NotImplemented', 'If-None-Match on writes supports only the value *', 501);
    if (existing) throw preconditionFailed('If-None-Match');
  }
  if (ifMatch !== undefined) {
    if (!existing) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
    if (!matches(ifMatch, existing.eTag)) throw preconditionFailed('If-Match');
  }
}
