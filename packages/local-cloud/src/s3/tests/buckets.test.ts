// CreateBucket / HeadBucket / DeleteBucket / ListBuckets / GetBucketLocation through the SDK.
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { bucketNameProblem } from '../bucket-name';
import { rejection, startS3, type S3Fixture } from './helpers';

let f: S3Fixture;
beforeEach(async () => {
  f = await startS3();
});
afterEach(() => f.close());

describe('CreateBucket', () => {
  test('a LocationConstraint puts the bucket in that region: HeadBucket and GetBucketLocation say so', async () => {
    // prepare
    const eu = f.client('eu-west-1');
    // act
    const created = await eu.send(new CreateBucketCommand({ Bucket: 'eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const head = await eu.send(new HeadBucketCommand({ Bucket: 'eu-bucket' }));
    const location = await eu.send(new GetBucketLocationCommand({ Bucket: 'eu-bucket' }));
    // assert
    expect(created.Location).toBe('/eu-bucket');
    expect(head.BucketRegion).toBe('eu-west-1');
    expect(location.LocationConstraint).toBe('eu-west-1');
  });

  test('us-east-1 buckets have an empty location constraint', async () => {
    await f.s3.send(new CreateBucketCommand({ Bucket: 'use1-bucket' }));
    const location = await f.s3.send(new GetBucketLocationCommand({ Bucket: 'use1-bucket' }));
    expect(location.LocationConstraint).toBeUndefined();
  });

  test('re-creating an owned bucket is BucketAlreadyOwnedByYou (409), except in us-east-1 where S3 answers 200', async () => {
    const eu = f.client('eu-west-1');
    await eu.send(new CreateBucketCommand({ Bucket: 'twice-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    const err = await rejection(eu.send(new CreateBucketCommand({ Bucket: 'twice-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })));
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual(['BucketAlreadyOwnedByYou', 409]);
    await f.s3.send(new CreateBucketCommand({ Bucket: 'twice-use1' }));
    expect((await f.s3.send(new CreateBucketCommand({ Bucket: 'twice-use1' }))).$metadata.httpStatusCode).toBe(200);
  });

  test.each(['ab', 'Upper-Case', 'under_score', 'a..b', '192.168.1.1', '-leading', 'xn--punycode', 'name-s3alias', 'x'.repeat(64)])('%s is InvalidBucketName', async (Bucket) => {
    const err = await rejection(f.s3.send(new CreateBucketCommand({ Bucket })));
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual(['InvalidBucketName', 400]);
  });

  test('a constraint that disagrees with the signing region is IllegalLocationConstraintException; us-east-1 as a constraint is InvalidLocationConstraint', async () => {
    const eu = f.client('eu-west-1');
    const other = await rejection(eu.send(new CreateBucketCommand({ Bucket: 'other-region', CreateBucketConfiguration: { LocationConstraint: 'eu-central-1' } })));
    expect(other.name).toBe('IllegalLocationConstraintException');
    // The SDK fills in the client's region when no constraint is given, so this one succeeds.
    await eu.send(new CreateBucketCommand({ Bucket: 'implied-eu' }));
    expect((await eu.send(new HeadBucketCommand({ Bucket: 'implied-eu' }))).BucketRegion).toBe('eu-west-1');
    const useast = await rejection(f.s3.send(new CreateBucketCommand({ Bucket: 'bad-constraint', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never } })));
    expect(useast.name).toBe('InvalidLocationConstraint');
  });

  test('a request signed for another region than the bucket is AuthorizationHeaderMalformed naming the right region', async () => {
    await f.s3.send(new CreateBucketCommand({ Bucket: 'home-use1' }));
    const err = await rejection(f.client('eu-west-1').send(new ListObjectsV2Command({ Bucket: 'home-use1' })));
    expect(err.name).toBe('AuthorizationHeaderMalformed');
    expect(err.message).toContain("expecting 'us-east-1'");
  });
});

describe('HeadBucket, DeleteBucket, ListBuckets', () => {
  test('HeadBucket of a missing bucket is NotFound (404)', async () => {
    const err = await rejection(f.s3.send(new HeadBucketCommand({ Bucket: 'missing-bucket' })));
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual(['NotFound', 404]);
  });

  test('DeleteBucket refuses a bucket with objects (BucketNotEmpty), then deletes it once empty', async () => {
    await f.s3.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
    await f.s3.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'k', Body: 'x' }));
    const err = await rejection(f.s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })));
    expect([err.name, err.$metadata?.httpStatusCode]).toEqual(['BucketNotEmpty', 409]);
    await f.model.objects.delete('full-bucket', 'k', { kind: 'external' });
    expect((await f.s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' }))).$metadata.httpStatusCode).toBe(204);
    expect((await rejection(f.s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })))).name).toBe('NoSuchBucket');
  });

  test('ListBuckets lists names in order with creation dates and regions, and pages with MaxBuckets', async () => {
    for (const Bucket of ['lb-c', 'lb-a', 'lb-b']) await f.s3.send(new CreateBucketCommand({ Bucket }));
    const all = await f.s3.send(new ListBucketsCommand({}));
    const first = await f.s3.send(new ListBucketsCommand({ MaxBuckets: 2 }));
    const rest = await f.s3.send(new ListBucketsCommand({ MaxBuckets: 2, ContinuationToken: first.ContinuationToken }));
    expect(all.Buckets?.map((b) => b.Name)).toEqual(['lb-a', 'lb-b', 'lb-c']);
    expect(all.Buckets?.[0]).toMatchObject({ BucketRegion: 'us-east-1', CreationDate: expect.any(Date) });
    expect(all.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(first.Buckets?.map((b) => b.Name)).toEqual(['lb-a', 'lb-b']);
    expect(rest.Buckets?.map((b) => b.Name)).toEqual(['lb-c']);
    expect(rest.ContinuationToken).toBeUndefined();
  });

  test('model stats count buckets and objects', async () => {
    await f.s3.send(new CreateBucketCommand({ Bucket: 'stats-bucket' }));
    await f.s3.send(new PutObjectCommand({ Bucket: 'stats-bucket', Key: 'a', Body: '12345' }));
    expect(f.model.stats()).toMatchObject({ buckets: 1, objects: 1, storedBytes: 5 });
  });
});

test('bucket name rules name what is wrong', () => {
  expect(bucketNameProblem('my-bucket.logs')).toBeUndefined();
  expect(bucketNameProblem('a')).toMatch(/3 to 63/);
  expect(bucketNameProblem('bad..dots')).toMatch(/adjacent dots/);
});
