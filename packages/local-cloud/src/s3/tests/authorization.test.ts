// Every operation asks the authorizer for s3:<Action> on the bucket or object ARN, with the bucket policy.
import { CreateBucketCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { AccessDeniedError } from '../../core/aws-error';
import type { AuthorizationRequest, Authorizer } from '../../core/authorizer';
import { rejection, startS3, type S3Fixture } from './helpers';

const asked: AuthorizationRequest[] = [];
/** Records every question; refuses anything on keys under private/. */
const recording: Authorizer = {
  authorize: (r) => {
    asked.push(r);
    if (r.resource.includes('/private/')) throw new AccessDeniedError(`${r.action} on ${r.resource} is denied`);
  },
};

let f: S3Fixture;
const Bucket = 'authz-bucket';
const policy = JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${Bucket}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });

beforeAll(async () => {
  f = await startS3({ authorizer: recording });
  await f.s3.send(new CreateBucketCommand({ Bucket }));
  await f.s3.send(new PutBucketPolicyCommand({ Bucket, Policy: policy }));
});
afterAll(() => f.close());
beforeEach(() => (asked.length = 0));

test('object operations ask for the object ARN and pass the bucket policy, with the caller from the access key', async () => {
  await f.s3.send(new PutObjectCommand({ Bucket, Key: 'a/b', Body: 'x' }));
  await f.s3.send(new GetObjectCommand({ Bucket, Key: 'a/b' }));
  expect(asked.map((r) => [r.action, r.resource])).toEqual([
    ['s3:PutObject', `arn:aws:s3:::${Bucket}/a/b`],
    ['s3:GetObject', `arn:aws:s3:::${Bucket}/a/b`],
  ]);
  expect(asked[0]?.resourcePolicy).toEqual(JSON.parse(policy));
  expect(asked[0]?.caller).toEqual({ kind: 'external', accessKeyId: 'AKIDLOCAL' });
});

test('ListObjectsV2 asks s3:ListBucket on the bucket with the s3:prefix condition key', async () => {
  await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'a/' }));
  expect(asked).toEqual([expect.objectContaining({ action: 's3:ListBucket', resource: `arn:aws:s3:::${Bucket}`, context: expect.objectContaining({ 's3:prefix': 'a/' }) })]);
});

test('a denial is AccessDenied (403) with the authorizer message', async () => {
  const err = await rejection(f.s3.send(new PutObjectCommand({ Bucket, Key: 'private/x', Body: 'x' })));
  expect([err.name, err.$metadata?.httpStatusCode]).toEqual(['AccessDenied', 403]);
  expect(err.message).toContain('s3:PutObject');
});

test('DeleteObjects authorizes each key and reports denials per key', async () => {
  await f.s3.send(new PutObjectCommand({ Bucket, Key: 'public/y', Body: 'y' }));
  const out = await f.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'public/y' }, { Key: 'private/z' }] } }));
  expect(out.Deleted?.map((d) => d.Key)).toEqual(['public/y']);
  expect(out.Errors).toEqual([expect.objectContaining({ Key: 'private/z', Code: 'AccessDenied' })]);
});

describe('S3Port', () => {
  const role = { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/sfn', sessionName: 'run' } as const;

  test('putObject, getObject and listObjects work on the model with the caller authorized', async () => {
    const { eTag } = await f.model.putObject(Bucket, 'results/manifest.json', '{"ok":true}', role, 'application/json');
    const got = await f.model.getObject(Bucket, 'results/manifest.json', role);
    for (let i = 0; i < 1005; i++) await f.model.putObject(Bucket, `items/${String(i).padStart(4, '0')}.jsonl`, `{"i":${i}}\n`, role);
    const listed = await f.model.listObjects(Bucket, 'items/', role);
    expect([got.body.toString(), got.contentType, got.eTag]).toEqual(['{"ok":true}', 'application/json', eTag]);
    expect(listed).toHaveLength(1005);
    expect(listed[1004]).toEqual({ key: 'items/1004.jsonl', size: 11, eTag: expect.any(String) });
    expect(asked.some((r) => r.caller === role && r.action === 's3:GetObject')).toBe(true);
  });

  test('port failures reject with S3 error codes', async () => {
    await expect(f.model.getObject(Bucket, 'absent', role)).rejects.toMatchObject({ code: 'NoSuchKey', status: 404 });
    await expect(f.model.getObject('no-such-bucket', 'k', role)).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(f.model.putObject(Bucket, 'private/k', 'x', role)).rejects.toMatchObject({ code: 'AccessDenied', status: 403 });
  });
});

test('maxStoredBytes refuses writes past the ceiling and counts them', async () => {
  const small = await startS3({ maxStoredBytes: 10 });
  try {
    await small.s3.send(new CreateBucketCommand({ Bucket: 'tiny' }));
    await small.s3.send(new PutObjectCommand({ Bucket: 'tiny', Key: 'a', Body: '12345678' }));
    await small.s3.send(new PutObjectCommand({ Bucket: 'tiny', Key: 'a', Body: '1234567890' }));
    const err = await rejection(small.s3.send(new PutObjectCommand({ Bucket: 'tiny', Key: 'b', Body: '1' })));
    expect(err.name).toBe('EntityTooLarge');
    expect(small.model.stats()).toMatchObject({ storedBytes: 10, refusedForCapacity: 1 });
  } finally {
    await small.close();
  }
});
