import { S3Error } from '../s3-error';

export interface ByteRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
}

/**
 * A `Range: bytes=…` header against an object of `size` bytes. One range only: S3 answers a
 * multi-range or malformed header with the whole object, as HTTP allows. A well-formed range that
 * the object cannot satisfy is InvalidRange (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const unsatisfiable = (): S3Error =>
    new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: header, ActualObjectSize: size }, { 'content-range': `bytes */${size}` });
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) throw unsatisfiable();
  return { start, end };
}
