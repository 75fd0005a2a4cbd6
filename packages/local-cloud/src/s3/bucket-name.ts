import { S3Error } from './s3-error';

const SHAPE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
/** Prefixes and suffixes S3 reserves for access points, Object Lambda, directory and table buckets. */
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Why a general purpose bucket name breaks S3's naming rules, or undefined when it keeps them. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `must be 3 to 63 characters long, got ${name.length}`;
  if (!SHAPE.test(name)) return 'may hold only lowercase letters, digits, dots and hyphens, and must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not hold two adjacent dots';
  if (IP_ADDRESS.test(name)) return 'must not be formatted as an IP address';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `must not start with the reserved prefix '${prefix}'`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `must not end with the reserved suffix '${suffix}'`;
  return undefined;
}

export function isValidBucketName(name: string): boolean {
  return bucketNameProblem(name) === undefined;
}

export function assertValidBucketName(name: string): void {
  const problem = bucketNameProblem(name);
  if (problem) throw new S3Error('InvalidBucketName', `The specified bucket is not valid: '${name}' ${problem}.`, 400, { BucketName: name });
}
