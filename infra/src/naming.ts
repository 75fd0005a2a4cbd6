/**
 * Names and ARNs the stacks build themselves. Most names only need the name prefix (a resource
 * lives in one region), but IAM is global: a role name carries the region as well, so the same
 * prefix deployed to two regions, or two prefixes to one, never collide.
 */
import { Fn } from 'cdktf';
import type { PatternId } from '@fanout/shared-types';

/** Short pattern names for the names that have little room (IAM roles, 64 characters). */
export const PATTERN_SHORT_NAMES: Record<PatternId, string> = { 'map-in-parallel': 'parallel', 'map-eventbridge-callback': 'callback', 'distributed-map': 'distributed' };

export const IAM_ROLE_NAME_MAX_CHARS = 64;

export class NameTooLongError extends Error {
  override readonly name = 'NameTooLongError';
}

/** `<prefix>-<region>-<pattern>-<role>-role`, e.g. `fanout-us-east-1-callback-compute-callback-role`. */
export function roleName(namePrefix: string, region: string, pattern: PatternId, role: string): string {
  const name = `${namePrefix}-${region}-${PATTERN_SHORT_NAMES[pattern]}-${role}-role`;
  if (name.length > IAM_ROLE_NAME_MAX_CHARS) {
    throw new NameTooLongError(`IAM role name "${name}" has ${name.length} characters; IAM allows ${IAM_ROLE_NAME_MAX_CHARS}: shorten namePrefix "${namePrefix}"`);
  }
  return name;
}

/** The ARN partition of a region (config.ts accepts commercial, GovCloud and China region names). */
export function partitionOf(region: string): 'aws' | 'aws-us-gov' | 'aws-cn' {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

/**
 * The account id as a Terraform expression, read from the ARN of a resource of the stack
 * (`arn:partition:service:region:account:…`, field 4): unknown until apply, and, unlike the
 * aws_caller_identity data source, it needs no AWS call at plan time.
 */
export function accountIdOf(arn: string): string {
  return Fn.element(Fn.split(':', arn), 4);
}

/** The S3 state key: prefix, region and name prefix, so no two environments share a state. */
export function stateKey(keyPrefix: string, region: string, namePrefix: string, pattern: PatternId): string {
  return `${keyPrefix}/${region}/${namePrefix}/${pattern}.tfstate`;
}

export const S3_BUCKET_NAME_MAX_CHARS = 63;

/**
 * distributed-map's bucket: `<baseName>-<account>-<region>`. Bucket names are global, so the
 * account (a Terraform expression, see accountIdOf) and the region make it unique per
 * environment; the longest prefix and region still fit S3's 63 characters.
 */
export function bucketName(baseName: string, accountId: string, region: string): string {
  // 12 digits for the account, whatever the expression that yields them.
  const length = baseName.length + 1 + 12 + 1 + region.length;
  if (length > S3_BUCKET_NAME_MAX_CHARS) throw new NameTooLongError(`S3 bucket name "${baseName}-<account>-${region}" has ${length} characters; S3 allows ${S3_BUCKET_NAME_MAX_CHARS}: shorten namePrefix`);
  return `${baseName}-${accountId}-${region}`;
}
