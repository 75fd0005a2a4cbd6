// Multipart uploads through the SDK (the CLI's `aws s3 cp` of large files and lib-storage use them).
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { rejection, startS3, type S3Fixture } from './helpers';

let f: S3Fixture;
const Bucket = 'multipart-bucket';
const MiB = 1024 * 1024;
beforeAll(async () => {
  f = await startS3();
  await f.s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(() => f.close());

const part = (n: number, size: number): Buffer => Buffer.alloc(size, n);

test('parts upload with CRC32, list, and complete into one object with a composite checksum and a -N ETag', async () => {
  // prepare
  const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mp/big.bin', ChecksumAlgorithm: 'CRC32', ContentType: 'application/x-test' }));
  const bodies = [part(1, 5 * MiB), part(2, 5 * MiB), part(3, 1234)];
  const parts = [];
  for (const [i, Body] of bodies.entries()) {
    const out = await f.s3.send(new UploadPartCommand({ Bucket, Key: 'mp/big.bin', UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'CRC32' }));
    parts.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumCRC32: out.ChecksumCRC32 });
  }
  const listed = await f.s3.send(new ListPartsCommand({ Bucket, Key: 'mp/big.bin', UploadId }));
  const uploads = await f.s3.send(new ListMultipartUploadsCommand({ Bucket }));
  // act
  const done = await f.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'mp/big.bin', UploadId, MultipartUpload: { Parts: parts } }));
  const got = await f.s3.send(new GetObjectCommand({ Bucket, Key: 'mp/big.bin' }));
  // assert
  expect(listed.Parts?.map((p) => p.Size)).toEqual([5 * MiB, 5 * MiB, 1234]);
  expect(uploads.Uploads?.map((u) => u.UploadId)).toEqual([UploadId]);
  expect(done.ETag).toMatch(/^"[0-9a-f]{32}-3"$/);
  expect(done.ChecksumCRC32).toMatch(/-3$/);
  expect(got.ContentType).toBe('application/x-test');
  expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(bodies))).toBe(true);
  expect(f.model.stats().storedBytes).toBe(10 * MiB + 1234);
});

test('a part under 5 MiB before the last is EntityTooSmall; a wrong ETag InvalidPart; parts out of order InvalidPartOrder', async () => {
  const Key = 'mp/bad.bin';
  const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
  const a = await f.s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: part(1, 100) }));
  const b = await f.s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: part(2, 100) }));
  const complete = (Parts: { PartNumber: number; ETag: string | undefined }[]) => rejection(f.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } })));
  expect((await complete([{ PartNumber: 1, ETag: a.ETag }, { PartNumber: 2, ETag: b.ETag }])).name).toBe('EntityTooSmall');
  expect((await complete([{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }])).name).toBe('InvalidPart');
  expect((await complete([{ PartNumber: 2, ETag: b.ETag }, { PartNumber: 1, ETag: a.ETag }])).name).toBe('InvalidPartOrder');
});

test('an aborted upload is gone: NoSuchUpload, and its bytes are released', async () => {
  const Key = 'mp/aborted.bin';
  const before = f.model.stats().storedBytes;
  const { UploadId } = await f.s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
  await f.s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: part(1, 1000) }));
  await f.s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
  expect(f.model.stats().storedBytes).toBe(before);
  expect((await rejection(f.s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: 'x' })))).name).toBe('NoSuchUpload');
});
