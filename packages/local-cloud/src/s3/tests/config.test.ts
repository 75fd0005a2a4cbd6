// The bucket configuration a hardened Terraform bucket sets and reads, through the SDK.
import {
  CreateBucketCommand,
  DeleteBucketEncryptionCommand,
  DeleteBucketLifecycleCommand,
  DeleteBucketOwnershipControlsCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  DeletePublicAccessBlockCommand,
  GetBucketAccelerateConfigurationCommand,
  GetBucketAclCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketRequestPaymentCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetBucketWebsiteCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import { rejection, startS3, type S3Fixture } from './helpers';

let f: S3Fixture;
const Bucket = 'hardened-bucket';
beforeEach(async () => {
  f = await startS3();
  await f.s3.send(new CreateBucketCommand({ Bucket }));
});
afterEach(() => f.close());

const denyInsecure = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${Bucket}`, `arn:aws:s3:::${Bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
});

describe('bucket policy', () => {
  test('round-trips, then is NoSuchBucketPolicy after delete', async () => {
    expect((await rejection(f.s3.send(new GetBucketPolicyCommand({ Bucket })))).name).toBe('NoSuchBucketPolicy');
    await f.s3.send(new PutBucketPolicyCommand({ Bucket, Policy: denyInsecure }));
    expect(JSON.parse((await f.s3.send(new GetBucketPolicyCommand({ Bucket }))).Policy as string)).toEqual(JSON.parse(denyInsecure));
    await f.s3.send(new DeleteBucketPolicyCommand({ Bucket }));
    expect((await rejection(f.s3.send(new GetBucketPolicyCommand({ Bucket })))).name).toBe('NoSuchBucketPolicy');
  });

  test.each([
    ['not JSON', 'nope', /valid JSON/],
    ['a resource outside the bucket', JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' }] }), /invalid resource/],
    ['no principal', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }] }), /Principal/],
    ['a non-S3 action', JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: `arn:aws:s3:::${Bucket}/*` }] }), /invalid action/],
  ])('%s is MalformedPolicy', async (_what, Policy, message) => {
    const err = await rejection(f.s3.send(new PutBucketPolicyCommand({ Bucket, Policy })));
    expect(err.name).toBe('MalformedPolicy');
    expect(err.message).toMatch(message);
  });

  test('a public policy is AccessDenied while BlockPublicPolicy is on (the default), accepted once it is off', async () => {
    const pub = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${Bucket}/*` }] });
    expect((await rejection(f.s3.send(new PutBucketPolicyCommand({ Bucket, Policy: pub })))).$metadata?.httpStatusCode).toBe(403);
    await f.s3.send(new DeletePublicAccessBlockCommand({ Bucket }));
    await f.s3.send(new PutBucketPolicyCommand({ Bucket, Policy: pub }));
  });
});

describe('public access block, encryption, versioning, tagging, ownership', () => {
  test('public access block: all on for a new bucket, round-trips, NoSuchPublicAccessBlockConfiguration after delete', async () => {
    expect((await f.s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    const config = { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false };
    await f.s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: config }));
    expect((await f.s3.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration).toEqual(config);
    await f.s3.send(new DeletePublicAccessBlockCommand({ Bucket }));
    expect((await rejection(f.s3.send(new GetPublicAccessBlockCommand({ Bucket })))).name).toBe('NoSuchPublicAccessBlockConfiguration');
  });

  test('encryption: SSE-S3 by default, aws:kms round-trips, back to SSE-S3 after delete', async () => {
    const rule = async () => (await f.s3.send(new GetBucketEncryptionCommand({ Bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0];
    expect(await rule()).toEqual({ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false });
    const kms = { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: 'arn:aws:kms:us-east-1:123456789012:key/abc' }, BucketKeyEnabled: true };
    await f.s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [kms] } }));
    expect(await rule()).toEqual(kms);
    await f.s3.send(new DeleteBucketEncryptionCommand({ Bucket }));
    expect((await rule())?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
  });

  test('an unknown SSE algorithm is MalformedXML', async () => {
    const err = await rejection(f.s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'ROT13' as never } }] } })));
    expect(err.name).toBe('MalformedXML');
  });

  test('versioning: no status until set, then Enabled, then Suspended', async () => {
    expect((await f.s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBeUndefined();
    await f.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    expect((await f.s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
    await f.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    expect((await f.s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Suspended');
  });

  test('tagging round-trips; NoSuchTagSet before and after; aws: keys and duplicates are InvalidTag', async () => {
    expect((await rejection(f.s3.send(new GetBucketTaggingCommand({ Bucket })))).name).toBe('NoSuchTagSet');
    const TagSet = [{ Key: 'project', Value: 'fanout' }, { Key: 'env', Value: 'local' }];
    await f.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet } }));
    expect((await f.s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual(TagSet);
    await f.s3.send(new DeleteBucketTaggingCommand({ Bucket }));
    expect((await rejection(f.s3.send(new GetBucketTaggingCommand({ Bucket })))).name).toBe('NoSuchTagSet');
    expect((await rejection(f.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'aws:x', Value: '1' }] } })))).name).toBe('InvalidTag');
    expect((await rejection(f.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [TagSet[0]!, TagSet[0]!] } })))).name).toBe('InvalidTag');
  });

  test('ownership controls are BucketOwnerEnforced, and OwnershipControlsNotFoundError after delete; the ACL is the owner full control', async () => {
    expect((await f.s3.send(new GetBucketOwnershipControlsCommand({ Bucket }))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    const acl = await f.s3.send(new GetBucketAclCommand({ Bucket }));
    expect(acl.Grants).toEqual([{ Grantee: { ID: acl.Owner?.ID, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' }]);
    await f.s3.send(new DeleteBucketOwnershipControlsCommand({ Bucket }));
    expect((await rejection(f.s3.send(new GetBucketOwnershipControlsCommand({ Bucket })))).name).toBe('OwnershipControlsNotFoundError');
  });

  test('configuration the local cloud does not hold answers as for a bucket that has none', async () => {
    expect((await rejection(f.s3.send(new GetBucketCorsCommand({ Bucket })))).name).toBe('NoSuchCORSConfiguration');
    expect((await rejection(f.s3.send(new GetBucketWebsiteCommand({ Bucket })))).name).toBe('NoSuchWebsiteConfiguration');
    expect((await rejection(f.s3.send(new GetBucketReplicationCommand({ Bucket })))).name).toBe('ReplicationConfigurationNotFoundError');
    expect((await rejection(f.s3.send(new GetObjectLockConfigurationCommand({ Bucket })))).name).toBe('ObjectLockConfigurationNotFoundError');
    expect((await f.s3.send(new GetBucketAccelerateConfigurationCommand({ Bucket }))).Status).toBeUndefined();
    expect((await f.s3.send(new GetBucketRequestPaymentCommand({ Bucket }))).Payer).toBe('BucketOwner');
    expect((await f.s3.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled).toBeUndefined();
  });

  test('configuration of a missing bucket is NoSuchBucket', async () => {
    expect((await rejection(f.s3.send(new GetBucketEncryptionCommand({ Bucket: 'missing-bucket' })))).name).toBe('NoSuchBucket');
  });
});

describe('lifecycle configuration', () => {
  const Rules: LifecycleRule[] = [
    { ID: 'expire-results', Status: 'Enabled', Filter: { Prefix: 'results/' }, Expiration: { Days: 7 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
    { ID: 'tagged-archive', Status: 'Disabled', Filter: { And: { Prefix: 'raw/', Tags: [{ Key: 'tier', Value: 'cold' }], ObjectSizeGreaterThan: 1024 } }, Transitions: [{ Days: 30, StorageClass: 'GLACIER' }] },
    { ID: 'all', Status: 'Enabled', Filter: {}, NoncurrentVersionExpiration: { NoncurrentDays: 3 } },
  ];

  test('round-trips rule for rule, with the transition minimum size; NoSuchLifecycleConfiguration after delete', async () => {
    expect((await rejection(f.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })))).name).toBe('NoSuchLifecycleConfiguration');
    const put = await f.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket, LifecycleConfiguration: { Rules } }));
    const got = await f.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
    expect(put.TransitionDefaultMinimumObjectSize).toBe('all_storage_classes_128K');
    expect(got.Rules).toEqual(Rules);
    expect(got.TransitionDefaultMinimumObjectSize).toBe('all_storage_classes_128K');
    await f.s3.send(new DeleteBucketLifecycleCommand({ Bucket }));
    expect((await rejection(f.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket })))).name).toBe('NoSuchLifecycleConfiguration');
  });

  test.each<[string, LifecycleRule[], string]>([
    ['zero days', [{ ID: 'z', Status: 'Enabled', Filter: {}, Expiration: { Days: 0 } }], 'InvalidArgument'],
    ['no action', [{ ID: 'n', Status: 'Enabled', Filter: {} }], 'InvalidRequest'],
    ['duplicate IDs', [{ ID: 'd', Status: 'Enabled', Filter: {}, Expiration: { Days: 1 } }, { ID: 'd', Status: 'Enabled', Filter: {}, Expiration: { Days: 2 } }], 'InvalidArgument'],
    ['a date not at midnight', [{ ID: 'm', Status: 'Enabled', Filter: {}, Expiration: { Date: new Date('2030-01-01T10:00:00Z') } }], 'InvalidArgument'],
    ['STANDARD_IA before 30 days', [{ ID: 'ia', Status: 'Enabled', Filter: {}, Transitions: [{ Days: 5, StorageClass: 'STANDARD_IA' }] }], 'InvalidArgument'],
  ])('%s is %s', async (_what, rules, code) => {
    expect((await rejection(f.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket, LifecycleConfiguration: { Rules: rules } })))).name).toBe(code);
  });
});
