import type { AwsError } from '../core/aws-error';
import { invalidParameter, validationError } from './errors';
import { LOGS_LIMITS } from './limits';

const TAG_KEY = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$/u;
const TAG_VALUE = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

/** Checks tag keys and values as the API model does; `aws:` keys are AWS's own. */
export function checkTags(field: string, tags: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(tags)) checkTag(field, key, value);
}

function checkTag(field: string, key: string, value: string): void {
  if (key.length < 1 || key.length > LOGS_LIMITS.tagKeyMaxLength) throw validationError(`${field}.key`, key, `Member must have length between 1 and ${LOGS_LIMITS.tagKeyMaxLength}`);
  if (!TAG_KEY.test(key)) throw validationError(`${field}.key`, key, `Member must satisfy regular expression pattern: ${TAG_KEY.source}`);
  if (value.length > LOGS_LIMITS.tagValueMaxLength) throw validationError(`${field}.${key}`, value, `Member must have length less than or equal to ${LOGS_LIMITS.tagValueMaxLength}`);
  if (!TAG_VALUE.test(value)) throw validationError(`${field}.${key}`, value, `Member must satisfy regular expression pattern: ${TAG_VALUE.source}`);
  if (key.toLowerCase().startsWith('aws:')) throw invalidParameter(`Tag keys starting with 'aws:' are reserved for AWS use: ${key}`);
}

export function checkTagKeys(field: string, keys: readonly string[]): void {
  keys.forEach((key, i) => {
    if (key.length < 1 || key.length > LOGS_LIMITS.tagKeyMaxLength) throw validationError(`${field}.${i + 1}.member`, key, `Member must have length between 1 and ${LOGS_LIMITS.tagKeyMaxLength}`);
  });
}

/**
 * Adds or replaces `tags` on `current`; when the result would exceed the per-resource quota,
 * nothing changes and `overQuota` is thrown.
 */
export function mergeTags(current: Map<string, string>, tags: Readonly<Record<string, string>>, overQuota: (count: number) => AwsError): void {
  const merged = new Map(current);
  for (const [k, v] of Object.entries(tags)) merged.set(k, v);
  if (merged.size > LOGS_LIMITS.tagsPerResource) throw overQuota(merged.size);
  for (const [k, v] of merged) current.set(k, v);
}
