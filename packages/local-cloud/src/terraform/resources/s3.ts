import type { LifecycleRule, Tag } from '../../s3';
import type { LifecycleFilter } from '../../s3/model/types';
import { StackLoadError } from '../errors';
import { Config, type DeployContext, type ResourceDeployer } from './deployer';

/** A nested block: its raw values (for the blocks inside it) and typed reads of its scalars. */
interface Block {
  readonly values: Readonly<Record<string, unknown>>;
  readonly config: Config;
}

/** Every block of a repeated nested block (`rule`, `filter`, …), each key checked against `allowed`. */
function blocks(values: Readonly<Record<string, unknown>>, name: string, allowed: readonly string[], ctx: DeployContext): Block[] {
  const raw = values[name];
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((item, i) => {
    const where = `${name}[${i}]`;
    if (typeof item !== 'object' || item === null) throw new StackLoadError(ctx.stack.name, `resource ${ctx.resource.address}, attribute '${where}'`, 'expected a block');
    for (const key of Object.keys(item)) {
      if (!allowed.includes(key)) throw new StackLoadError(ctx.stack.name, `resource ${ctx.resource.address}, attribute '${where}.${key}'`, `not supported by the local cloud (supported in ${name}: ${allowed.join(', ')})`);
    }
    return { values: item as Record<string, unknown>, config: new Config(item as Record<string, unknown>, ctx) };
  });
}

/** The one block of `name`, or undefined. */
function oneBlock(values: Readonly<Record<string, unknown>>, name: string, allowed: readonly string[], ctx: DeployContext): Block | undefined {
  const found = blocks(values, name, allowed, ctx);
  if (found.length > 1) throw new StackLoadError(ctx.stack.name, `resource ${ctx.resource.address}, attribute '${name}'`, 'only one block is supported');
  return found[0];
}

const tagList = (tags: Record<string, string>): Tag[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

const bucket: ResourceDeployer = {
  type: 'aws_s3_bucket',
  attributes: ['bucket', 'tags', 'object_lock_enabled'],
  // Destroying a stack is not simulated: force_destroy (empty the bucket first) has nothing to act on.
  inertAttributes: ['force_destroy'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    if (c.bool('object_lock_enabled')) throw new StackLoadError(ctx.stack.name, `resource ${ctx.resource.address}, attribute 'object_lock_enabled'`, 'object lock is not run by the local S3');
    const name = c.string('bucket');
    const region = ctx.cloud.region;
    ctx.cloud.s3.buckets.create({ name, caller: ctx.caller, locationConstraint: region === 'us-east-1' ? undefined : region, signingRegion: region });
    const tags = c.tags(ctx.defaultTags);
    if (Object.keys(tags).length > 0) ctx.cloud.s3.config.putTagging(name, ctx.caller, tagList(tags));
    return {
      id: name,
      bucket: name,
      arn: `arn:aws:s3:::${name}`,
      region,
      bucket_domain_name: `${name}.s3.amazonaws.com`,
      bucket_regional_domain_name: `${name}.s3.${region}.amazonaws.com`,
      tags_all: tags,
    };
  },
};

const bucketPolicy: ResourceDeployer = {
  type: 'aws_s3_bucket_policy',
  attributes: ['bucket', 'policy'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    ctx.cloud.s3.config.putPolicy(c.string('bucket'), ctx.caller, c.string('policy'));
    return { id: c.string('bucket') };
  },
};

const publicAccessBlock: ResourceDeployer = {
  type: 'aws_s3_bucket_public_access_block',
  attributes: ['bucket', 'block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'],
  inertAttributes: ['skip_destroy'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    // An argument left out is false, as the provider sends it.
    ctx.cloud.s3.config.putPublicAccessBlock(c.string('bucket'), ctx.caller, {
      BlockPublicAcls: c.bool('block_public_acls') ?? false,
      BlockPublicPolicy: c.bool('block_public_policy') ?? false,
      IgnorePublicAcls: c.bool('ignore_public_acls') ?? false,
      RestrictPublicBuckets: c.bool('restrict_public_buckets') ?? false,
    });
    return { id: c.string('bucket') };
  },
};

const encryption: ResourceDeployer = {
  type: 'aws_s3_bucket_server_side_encryption_configuration',
  attributes: ['bucket', 'rule'],
  inertAttributes: ['expected_bucket_owner'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    const rules = blocks(config, 'rule', ['apply_server_side_encryption_by_default', 'bucket_key_enabled'], ctx).map(({ config: rule }) => {
      const byDefault = rule.block('apply_server_side_encryption_by_default', ['sse_algorithm', 'kms_master_key_id']);
      if (!byDefault) throw new StackLoadError(ctx.stack.name, `resource ${ctx.resource.address}, attribute 'rule'`, 'apply_server_side_encryption_by_default is required');
      const kmsKeyId = byDefault.optString('kms_master_key_id');
      const bucketKeyEnabled = rule.bool('bucket_key_enabled');
      return {
        algorithm: byDefault.string('sse_algorithm') as 'AES256',
        ...(kmsKeyId === undefined ? {} : { kmsKeyId }),
        ...(bucketKeyEnabled === undefined ? {} : { bucketKeyEnabled }),
      };
    });
    ctx.cloud.s3.config.putEncryption(c.string('bucket'), ctx.caller, rules);
    return { id: c.string('bucket') };
  },
};

const RULE_FIELDS = ['id', 'status', 'filter', 'prefix', 'expiration', 'abort_incomplete_multipart_upload', 'transition', 'noncurrent_version_expiration', 'noncurrent_version_transition'];
const FILTER_FIELDS = ['prefix', 'tag', 'object_size_greater_than', 'object_size_less_than', 'and'];

/** A Terraform `filter` block as S3's `<Filter>` (no block: the empty filter, every object). */
function lifecycleFilter(rule: Readonly<Record<string, unknown>>, ctx: DeployContext): LifecycleFilter | undefined {
  const filter = oneBlock(rule, 'filter', FILTER_FIELDS, ctx);
  if (!filter) return 'filter' in rule ? {} : undefined;
  const and = oneBlock(filter.values, 'and', ['prefix', 'tags', 'object_size_greater_than', 'object_size_less_than'], ctx);
  const source = (and ?? filter).config;
  const tags = and ? tagList(and.config.stringMap('tags')) : blocks(filter.values, 'tag', ['key', 'value'], ctx).map(({ config: t }) => ({ Key: t.string('key'), Value: t.string('value') }));
  const prefix = source.optString('prefix');
  const greater = source.number('object_size_greater_than');
  const less = source.number('object_size_less_than');
  return {
    ...(prefix === undefined ? {} : { Prefix: prefix }),
    ...(tags.length > 0 ? { Tags: tags } : {}),
    ...(greater === undefined || greater === 0 ? {} : { ObjectSizeGreaterThan: greater }),
    ...(less === undefined || less === 0 ? {} : { ObjectSizeLessThan: less }),
    ...(and ? { and: true } : {}),
  };
}

function lifecycleRule({ values, config: rule }: Block, ctx: DeployContext): LifecycleRule {
  const expiration = oneBlock(values, 'expiration', ['days', 'date', 'expired_object_delete_marker'], ctx)?.config;
  const abort = oneBlock(values, 'abort_incomplete_multipart_upload', ['days_after_initiation'], ctx)?.config;
  const noncurrent = oneBlock(values, 'noncurrent_version_expiration', ['noncurrent_days', 'newer_noncurrent_versions'], ctx)?.config;
  const filter = lifecycleFilter(values, ctx);
  const prefix = rule.optString('prefix');
  const days = expiration?.number('days');
  const date = expiration?.optString('date');
  const marker = expiration?.bool('expired_object_delete_marker');
  return {
    ID: rule.string('id'),
    Status: rule.string('status') as LifecycleRule['Status'],
    ...(filter === undefined ? {} : { Filter: filter }),
    ...(prefix === undefined || prefix === '' ? {} : { Prefix: prefix }),
    ...(expiration ? { Expiration: { ...(days === undefined || days === 0 ? {} : { Days: days }), ...(date === undefined ? {} : { Date: date }), ...(marker ? { ExpiredObjectDeleteMarker: true } : {}) } } : {}),
    ...(abort ? { AbortIncompleteMultipartUpload: { DaysAfterInitiation: abort.number('days_after_initiation') ?? 0 } } : {}),
    ...(noncurrent ? { NoncurrentVersionExpiration: { NoncurrentDays: noncurrent.number('noncurrent_days'), NewerNoncurrentVersions: noncurrent.number('newer_noncurrent_versions') } } : {}),
    Transitions: blocks(values, 'transition', ['days', 'date', 'storage_class'], ctx).map(({ config: t }) => ({ Days: t.number('days'), Date: t.optString('date'), StorageClass: t.string('storage_class') })),
    NoncurrentVersionTransitions: blocks(values, 'noncurrent_version_transition', ['noncurrent_days', 'newer_noncurrent_versions', 'storage_class'], ctx).map(({ config: t }) => ({
      NoncurrentDays: t.number('noncurrent_days'),
      NewerNoncurrentVersions: t.number('newer_noncurrent_versions'),
      StorageClass: t.string('storage_class'),
    })),
  };
}

const lifecycle: ResourceDeployer = {
  type: 'aws_s3_bucket_lifecycle_configuration',
  attributes: ['bucket', 'rule', 'transition_default_minimum_object_size'],
  inertAttributes: ['expected_bucket_owner'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    const rules = blocks(config, 'rule', RULE_FIELDS, ctx).map((rule) => lifecycleRule(rule, ctx));
    ctx.cloud.s3.config.putLifecycle(c.string('bucket'), ctx.caller, rules, c.optString('transition_default_minimum_object_size'));
    return { id: c.string('bucket') };
  },
};

const versioning: ResourceDeployer = {
  type: 'aws_s3_bucket_versioning',
  attributes: ['bucket', 'versioning_configuration'],
  inertAttributes: ['expected_bucket_owner', 'mfa'],
  deploy(config, ctx) {
    const c = new Config(config, ctx);
    const settings = c.block('versioning_configuration', ['status', 'mfa_delete']);
    if (!settings) throw new StackLoadError(ctx.stack.name, `resource ${ctx.resource.address}, attribute 'versioning_configuration'`, 'is required');
    const status = settings.string('status');
    // "Disabled" is the provider's way to leave a new bucket unversioned: nothing to put.
    if (status !== 'Disabled') ctx.cloud.s3.config.putVersioning(c.string('bucket'), ctx.caller, status, settings.optString('mfa_delete'));
    return { id: c.string('bucket') };
  },
};

export const S3_DEPLOYERS = [bucket, bucketPolicy, publicAccessBlock, encryption, lifecycle, versioning];
