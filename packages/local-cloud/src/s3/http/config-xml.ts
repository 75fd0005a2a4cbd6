/** Bucket configuration documents: XML bodies to the model's types and back, in S3's element names. */
import type { Encryption, LifecycleFilter, LifecycleRule, PublicAccessBlock, Tag } from '../model/types';
import { malformedXml } from '../s3-error';
import { booleanText, child, children, integerText, text, type XmlElement, type XmlNode } from '../xml';

function tag(node: XmlNode): Tag {
  const Key = text(node, 'Key');
  const Value = text(node, 'Value');
  if (Key === undefined || Value === undefined) throw malformedXml('every <Tag> needs a <Key> and a <Value>');
  return { Key, Value };
}

/** `<Tagging><TagSet><Tag>…` */
export function parseTagSet(doc: XmlNode): Tag[] {
  const set = child(doc, 'TagSet');
  if (set === undefined) throw malformedXml('<Tagging> needs a <TagSet>');
  return children(set, 'Tag').map(tag);
}

export const tagSet = (tags: readonly Tag[]): XmlElement => ({ TagSet: { Tag: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } });

export function parsePublicAccessBlock(doc: XmlNode): PublicAccessBlock {
  return {
    BlockPublicAcls: booleanText(doc, 'BlockPublicAcls') ?? false,
    IgnorePublicAcls: booleanText(doc, 'IgnorePublicAcls') ?? false,
    BlockPublicPolicy: booleanText(doc, 'BlockPublicPolicy') ?? false,
    RestrictPublicBuckets: booleanText(doc, 'RestrictPublicBuckets') ?? false,
  };
}

export const publicAccessBlockXml = (p: PublicAccessBlock): XmlElement => ({ ...p });

export function parseEncryption(doc: XmlNode): Encryption[] {
  return children(doc, 'Rule').map((rule) => {
    const byDefault = child(rule, 'ApplyServerSideEncryptionByDefault');
    const algorithm = text(byDefault, 'SSEAlgorithm');
    if (algorithm === undefined) throw malformedXml('every <Rule> needs <ApplyServerSideEncryptionByDefault><SSEAlgorithm>');
    return { algorithm: algorithm as Encryption['algorithm'], kmsKeyId: text(byDefault, 'KMSMasterKeyID'), bucketKeyEnabled: booleanText(rule, 'BucketKeyEnabled') };
  });
}

export const encryptionXml = (e: Encryption): XmlElement => ({
  Rule: {
    ApplyServerSideEncryptionByDefault: { SSEAlgorithm: e.algorithm, KMSMasterKeyID: e.kmsKeyId },
    BucketKeyEnabled: e.bucketKeyEnabled ?? false,
  },
});

function parseFilter(node: XmlNode): LifecycleFilter {
  const and = child(node, 'And');
  const source = and ?? node;
  const tags = children(source, 'Tag').map(tag);
  if (!and && tags.length > 1) throw malformedXml('a <Filter> with several <Tag>s must put them in <And>');
  return {
    Prefix: text(source, 'Prefix'),
    Tags: tags.length > 0 ? tags : undefined,
    ObjectSizeGreaterThan: integerText(source, 'ObjectSizeGreaterThan'),
    ObjectSizeLessThan: integerText(source, 'ObjectSizeLessThan'),
    and: and !== undefined,
  };
}

const isoDate = (v: string | undefined): string | undefined => {
  if (v === undefined) return undefined;
  const ms = Date.parse(v.trim());
  if (Number.isNaN(ms)) throw malformedXml(`'${v}' is not an ISO 8601 date`);
  return new Date(ms).toISOString();
};

function parseRule(node: XmlNode): LifecycleRule {
  const status = text(node, 'Status');
  if (status !== 'Enabled' && status !== 'Disabled') throw malformedXml(`a lifecycle <Status> must be Enabled or Disabled, got '${status ?? ''}'`);
  const filter = child(node, 'Filter');
  const exp = child(node, 'Expiration');
  const nve = child(node, 'NoncurrentVersionExpiration');
  const abort = child(node, 'AbortIncompleteMultipartUpload');
  const days = abort === undefined ? undefined : integerText(abort, 'DaysAfterInitiation');
  if (abort !== undefined && days === undefined) throw malformedXml('<AbortIncompleteMultipartUpload> needs <DaysAfterInitiation>');
  return {
    ID: text(node, 'ID'),
    Status: status,
    Filter: filter === undefined ? undefined : parseFilter(filter),
    Prefix: text(node, 'Prefix'),
    Expiration: exp === undefined ? undefined : ({ Days: integerText(exp, 'Days'), Date: isoDate(text(exp, 'Date')), ExpiredObjectDeleteMarker: booleanText(exp, 'ExpiredObjectDeleteMarker') }),
    Transitions: children(node, 'Transition').map((t) => ({ Days: integerText(t, 'Days'), Date: isoDate(text(t, 'Date')), StorageClass: text(t, 'StorageClass') ?? '' })),
    NoncurrentVersionTransitions: children(node, 'NoncurrentVersionTransition').map((t) =>
      ({ NoncurrentDays: integerText(t, 'NoncurrentDays'), NewerNoncurrentVersions: integerText(t, 'NewerNoncurrentVersions'), StorageClass: text(t, 'StorageClass') ?? '' }),
    ),
    NoncurrentVersionExpiration: nve === undefined ? undefined : ({ NoncurrentDays: integerText(nve, 'NoncurrentDays'), NewerNoncurrentVersions: integerText(nve, 'NewerNoncurrentVersions') }),
    AbortIncompleteMultipartUpload: days === undefined ? undefined : { DaysAfterInitiation: days },
  };
}

export const parseLifecycle = (doc: XmlNode): LifecycleRule[] => children(doc, 'Rule').map(parseRule);

function filterXml(f: LifecycleFilter): XmlElement {
  const conditions = { Prefix: f.Prefix, Tag: f.Tags?.map((t) => ({ ...t })), ObjectSizeGreaterThan: f.ObjectSizeGreaterThan, ObjectSizeLessThan: f.ObjectSizeLessThan };
  return f.and ? { And: conditions } : conditions;
}

export function lifecycleXml(rules: readonly LifecycleRule[]): XmlElement {
  return {
    Rule: rules.map((r) => ({
      ID: r.ID,
      Prefix: r.Prefix,
      Filter: r.Filter && filterXml(r.Filter),
      Status: r.Status,
      Transition: r.Transitions.map((t) => ({ ...t })),
      Expiration: r.Expiration && { ...r.Expiration },
      NoncurrentVersionTransition: r.NoncurrentVersionTransitions.map((t) => ({ ...t })),
      NoncurrentVersionExpiration: r.NoncurrentVersionExpiration && { ...r.NoncurrentVersionExpiration },
      AbortIncompleteMultipartUpload: r.AbortIncompleteMultipartUpload && { ...r.AbortIncompleteMultipartUpload },
    })),
  };
}
