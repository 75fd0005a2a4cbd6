import { DAY_MS, S3_LIMITS } from '../limits';
import { invalidArgument, invalidRequest, malformedXml } from '../s3-error';
import { STORAGE_CLASSES, type LifecycleFilter, type LifecycleRule, type Tag } from './types';

/** What a lifecycle filter looks at. */
export interface LifecycleSubject {
  readonly key: string;
  readonly size: number;
  readonly tags: readonly Tag[];
}

/** When an object becomes eligible for expiration, and under which rule. */
export interface Expiry {
  readonly at: number;
  readonly ruleId: string;
}

/** Midnight UTC at or after `ms`: S3 rounds every lifecycle due time up to the next day. */
export const nextMidnightUtc = (ms: number): number => Math.ceil(ms / DAY_MS) * DAY_MS;

function midnightDate(value: string, where: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw malformedXml(`${where} '${value}' is not an ISO 8601 date`);
  if (ms % DAY_MS !== 0) throw invalidArgument(`'Date' must be at midnight GMT (${where} is '${value}')`, 'Date', value);
  return ms;
}

function filterMatches(filter: LifecycleFilter | undefined, legacyPrefix: string | undefined, subject: LifecycleSubject): boolean {
  const prefix = filter ? filter.Prefix : legacyPrefix;
  if (prefix !== undefined && !subject.key.startsWith(prefix)) return false;
  if (!filter) return true;
  for (const t of filter.Tags ?? []) if (!subject.tags.some((o) => o.Key === t.Key && o.Value === t.Value)) return false;
  if (filter.ObjectSizeGreaterThan !== undefined && !(subject.size > filter.ObjectSizeGreaterThan)) return false;
  if (filter.ObjectSizeLessThan !== undefined && !(subject.size < filter.ObjectSizeLessThan)) return false;
  return true;
}

const ruleName = (rule: LifecycleRule, index: number): string => rule.ID ?? `rule ${index + 1}`;

/** The earliest expiration any enabled rule gives an object created at `created`. */
export function objectExpiry(rules: readonly LifecycleRule[], subject: LifecycleSubject, created: number): Expiry | undefined {
  let best: Expiry | undefined;
  rules.forEach((rule) => {
    const exp = rule.Expiration;
    if (rule.Status !== 'Enabled' || !exp || !filterMatches(rule.Filter, rule.Prefix, subject)) return;
    let at: number | undefined;
    if (exp.Days !== undefined) at = nextMidnightUtc(created + exp.Days * DAY_MS);
    else if (exp.Date !== undefined) at = Date.parse(exp.Date);
    if (at !== undefined && (!best || at < best.at)) best = { at, ruleId: rule.ID ?? '' };
  });
  return best;
}

/** When an incomplete multipart upload started at `initiated` is aborted, if a rule says so. */
export function uploadAbortTime(rules: readonly LifecycleRule[], key: string, initiated: number): number | undefined {
  let best: number | undefined;
  for (const rule of rules) {
    const abort = rule.AbortIncompleteMultipartUpload;
    if (rule.Status !== 'Enabled' || !abort || !filterMatches(rule.Filter, rule.Prefix, { key, size: 0, tags: [] })) continue;
    const at = nextMidnightUtc(initiated + abort.DaysAfterInitiation * DAY_MS);
    if (best === undefined || at < best) best = at;
  }
  return best;
}

function validateRule(rule: LifecycleRule, index: number): void {
  const name = ruleName(rule, index);
  if (rule.ID !== undefined && rule.ID.length > S3_LIMITS.maxLifecycleRuleIdChars) {
    throw invalidArgument(`ID length should not exceed allowed limit of ${S3_LIMITS.maxLifecycleRuleIdChars}`, 'ID', rule.ID);
  }
  if (rule.Filter !== undefined && rule.Prefix !== undefined) throw malformedXml(`${name} has both <Filter> and <Prefix>`);
  const hasAction =
    rule.Expiration !== undefined ||
    rule.Transitions.length > 0 ||
    rule.NoncurrentVersionTransitions.length > 0 ||
    rule.NoncurrentVersionExpiration !== undefined ||
    rule.AbortIncompleteMultipartUpload !== undefined;
  if (!hasAction) throw invalidRequest(`At least one action needs to be specified in a rule (${name} has none)`);
  const exp = rule.Expiration;
  if (exp) {
    const given = [exp.Days, exp.Date, exp.ExpiredObjectDeleteMarker].filter((v) => v !== undefined).length;
    if (given !== 1) throw malformedXml(`the <Expiration> of ${name} must hold exactly one of Days, Date, ExpiredObjectDeleteMarker`);
    if (exp.Days !== undefined && exp.Days <= 0) throw invalidArgument(`'Days' for Expiration action must be a positive integer (${name}: ${exp.Days})`, 'Days', String(exp.Days));
    if (exp.Date !== undefined) midnightDate(exp.Date, `the Expiration Date of ${name}`);
    if (exp.ExpiredObjectDeleteMarker !== undefined && (rule.Filter?.Tags?.length ?? 0) > 0) {
      throw invalidRequest(`ExpiredObjectDeleteMarker cannot be specified with object tags (${name})`);
    }
  }
  for (const t of rule.Transitions) {
    if (!(STORAGE_CLASSES as readonly string[]).includes(t.StorageClass) || t.StorageClass === 'STANDARD') {
      throw malformedXml(`${name} transitions to an unknown storage class '${t.StorageClass}'`);
    }
    if ((t.Days === undefined) === (t.Date === undefined)) throw malformedXml(`a <Transition> of ${name} must hold exactly one of Days, Date`);
    if (t.Days !== undefined && t.Days < 0) throw invalidArgument(`'Days' in Transition action must be nonnegative (${name})`, 'Days', String(t.Days));
    if (t.Days !== undefined && t.Days < 30 && (t.StorageClass === 'STANDARD_IA' || t.StorageClass === 'ONEZONE_IA')) {
      throw invalidArgument(`'Days' in Transition action must be greater than or equal to 30 for storageClass '${t.StorageClass}' (${name})`, 'Days', String(t.Days));
    }
    if (t.Date !== undefined) midnightDate(t.Date, `a Transition Date of ${name}`);
  }
  const nve = rule.NoncurrentVersionExpiration;
  if (nve?.NoncurrentDays !== undefined && nve.NoncurrentDays <= 0) {
    throw invalidArgument(`'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer (${name})`, 'NoncurrentDays', String(nve.NoncurrentDays));
  }
  const abort = rule.AbortIncompleteMultipartUpload;
  if (abort) {
    if (abort.DaysAfterInitiation <= 0) throw invalidArgument(`'DaysAfterInitiation' must be a positive integer (${name})`, 'DaysAfterInitiation', String(abort.DaysAfterInitiation));
    if ((rule.Filter?.Tags?.length ?? 0) > 0) throw invalidRequest(`AbortIncompleteMultipartUpload cannot be specified with Tags (${name})`);
  }
}

/** S3's checks on a PutBucketLifecycleConfiguration, naming the rule at fault. */
export function validateLifecycleRules(rules: readonly LifecycleRule[]): void {
  if (rules.length === 0) throw malformedXml('a lifecycle configuration needs at least one <Rule>');
  if (rules.length > S3_LIMITS.maxLifecycleRules) {
    throw invalidRequest(`The number of lifecycle rules must not exceed the allowed limit of ${S3_LIMITS.maxLifecycleRules} rules (got ${rules.length})`);
  }
  const ids = new Set<string>();
  rules.forEach((rule, i) => {
    if (rule.ID !== undefined && rule.ID !== '') {
      if (ids.has(rule.ID)) throw invalidArgument(`Rule ID must be unique. Found same ID for more than one rule: '${rule.ID}'`, 'ID', rule.ID);
      ids.add(rule.ID);
    }
    validateRule(rule, i);
  });
}
