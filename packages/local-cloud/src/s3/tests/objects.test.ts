// PutObject / GetObject / HeadObject / DeleteObject / CopyObject through the real SDK v3 client.
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type ChecksumAlgorithm,
} from '@aws-sdk/client-s3';
import { rejection, startS3, type S3Fixture } from './helpers';

let f: S3Fixture;
const Bucket = 'objects-bucket';

beforeAll(async () => {
  f = await startS3();
  await f.s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(() => f.close());

function pattern(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i < size; i++) b[i] = (i * 131 + (i >>> 9)) & 0xff;
  return b;
}
const md5 = (b: Buffer): string => `"${createHash('md5').update(b).digest('hex')}"`;

describe('PutObject and GetObject', () => {
  test('a multi-MB Buffer round-trips with the SDK default CRC32 header checksum, validated on GET', async () => {
    // prepare
    const body = pattern(6 * 1024 * 1024 + 17);
    // act
    const put = await f.s3.send(new PutObjectCommand({ Bucket, Key: 'big/buffer.bin', Body: body }));
    const got = await f.s3.send(new GetObjectCommand({ Bucket, Key: 'big/buffer.bin' }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    // assert
    expect(put.ETag).toBe(md5(body));
    expect(put.ChecksumCRC32).toBeDefined();
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
    expect(got.ContentLength).toBe(body.length);
    expect(bytes.equals(body)).toBe(true);
  });

  test('a stream body arrives aws-chunked with a trailing checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', async () => {
    const body = pattern(3 * 1024 * 1024);
    const chunks = Array.from({ length: 48 }, (_, i) => body.subarray(i * 65536, (i + 1) * 65536));
    const put = await f.s3.send(new PutObjectCommand({ Bucket, Key: 'big/stream.bin', Body: Readable.from(chunks), ContentLength: body.length }));
    const got = await f.s3.send(new GetObjectCommand({ Bucket, Key: 'big/stream.bin' }));
    expect(put.ChecksumCRC32).toBeDefined();
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  test('chunks under 8 KiB before the last are InvalidChunkSizeError, as S3 answers', async () => {
    const chunks = Array.from({ length: 4 }, () => Buffer.alloc(1000, 1));
    const err = await rejection(f.s3.send(new PutObjectCommand({ Bucket, Key: 'small-chunks', Body: Readable.from(chunks), ContentLength: 4000 })));
    expect(err.name).toBe('InvalidChunkSizeError');
    expect(err.$metadata?.httpStatusCode).toBe(403);
  });

  test.each<ChecksumAlgorithm>(['CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'])('ChecksumAlgorithm %s is verified, stored and returned', async (algorithm) => {
    const body = pattern(300_000);
    const put = await f.s3.send(new PutObjectCommand({ Bucket, Key: `sum/${algorithm}`, Body: body, ChecksumAlgorithm: algorithm }));
    const head = await f.s3.send(new HeadObjectCommand({ Bucket, Key: `sum/${algorithm}`, ChecksumMode: 'ENABLED' }));
    const field = `Checksum${algorithm}` as const;
    expect(put[field]).toBeDefined();
    expect(head[field]).toBe(put[field]);
    expect(head.ChecksumType).toBe('FULL_OBJECT');
  });

  test('an object uploaded without a checksum gets S3 default CRC64NVME, which the SDK validates', async () => {
    const client = f.client('us-east-1', { requestChecksumCalculation: 'WHEN_REQUIRED' });
    await client.send(new PutObjectCommand({ Bucket, Key: 'no-checksum', Body: 'plain' }));
    const got = await client.send(new GetObjectCommand({ Bucket, Key: 'no-checksum', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC64NVME).toBeDefined();
    expect(await got.Body!.transformToString()).toBe('plain');
  });

  test('content type, metadata and stored headers come back on GET and HEAD', async () => {
    await f.s3.send(
      new PutObjectCommand({ Bucket, Key: 'meta.json', Body: '{}', ContentType: 'application/json', Metadata: { owner: 'bench', run: '7' }, CacheControl: 'max-age=60', ContentDisposition: 'inline' }),
    );
    const head = await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'meta.json' }));
    expect(head).toMatchObject({ ContentType: 'application/json', Metadata: { owner: 'bench', run: '7' }, CacheControl: 'max-age=60', ContentDisposition: 'inline', ContentLength: 2, ServerSideEncryption: 'AES256' });
    expect(head.LastModified).toBeInstanceOf(Date);
  });

  test('an object without a Content-Type is binary/octet-stream', async () => {
    await f.model.putObject(Bucket, 'untyped', Buffer.from([1, 2, 3]), { kind: 'external' });
    const head = await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'untyped' }));
    expect(head.ContentType).toBe('binary/octet-stream');
  });

  test('a Content-MD5 that does not match is BadDigest', async () => {
    const err = await rejection(f.s3.send(new PutObjectCommand({ Bucket, Key: 'md5', Body: 'abc', ContentMD5: createHash('md5').update('abd').digest('base64') })));
    expect(err.name).toBe('BadDigest');
  });

  test('a checksum header that does not match is BadDigest naming the algorithm', async () => {
    const err = await rejection(f.s3.send(new PutObjectCommand({ Bucket, Key: 'crc', Body: 'abc', ChecksumCRC32: 'AAAAAA==' })));
    expect(err.name).toBe('BadDigest');
    expect(err.message).toBe('The CRC32 you specified did not match the calculated checksum.');
  });

  test('If-None-Match: * refuses to overwrite (PreconditionFailed)', async () => {
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'once', Body: '1', IfNoneMatch: '*' }));
    const err = await rejection(f.s3.send(new PutObjectCommand({ Bucket, Key: 'once', Body: '2', IfNoneMatch: '*' })));
    expect(err.name).toBe('PreconditionFailed');
    expect(err.$metadata?.httpStatusCode).toBe(412);
  });

  test('a key over 1,024 bytes is KeyTooLongError', async () => {
    const err = await rejection(f.s3.send(new PutObjectCommand({ Bucket, Key: 'k'.repeat(1025), Body: 'x' })));
    expect(err.name).toBe('KeyTooLongError');
  });

  test('keys with spaces, unicode and plus signs survive the path encoding', async () => {
    const Key = 'dir with space/ünï+cødé?&=.txt';
    await f.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'odd' }));
    const got = await f.s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(await got.Body!.transformToString()).toBe('odd');
  });
});

describe('GetObject ranges and conditions', () => {
  const Key = 'range.txt';
  beforeAll(() => f.s3.send(new PutObjectCommand({ Bucket, Key, Body: '0123456789' })));

  test.each([
    ['bytes=2-5', '2345', 'bytes 2-5/10'],
    ['bytes=7-', '789', 'bytes 7-9/10'],
    ['bytes=-3', '789', 'bytes 7-9/10'],
    ['bytes=8-100', '89', 'bytes 8-9/10'],
  ])('Range %s is a 206 with %s', async (Range, text, contentRange) => {
    const got = await f.s3.send(new GetObjectCommand({ Bucket, Key, Range }));
    expect(got.$metadata.httpStatusCode).toBe(206);
    expect(got.ContentRange).toBe(contentRange);
    expect(await got.Body!.transformToString()).toBe(text);
  });

  test('a range past the end is InvalidRange (416)', async () => {
    const err = await rejection(f.s3.send(new GetObjectCommand({ Bucket, Key, Range: 'bytes=10-20' })));
    expect(err.name).toBe('InvalidRange');
    expect(err.$metadata?.httpStatusCode).toBe(416);
  });

  test('If-Match with another ETag is PreconditionFailed; If-None-Match with its ETag is 304', async () => {
    const { ETag } = await f.s3.send(new HeadObjectCommand({ Bucket, Key }));
    expect((await rejection(f.s3.send(new GetObjectCommand({ Bucket, Key, IfMatch: '"0000"' })))).name).toBe('PreconditionFailed');
    expect((await rejection(f.s3.send(new GetObjectCommand({ Bucket, Key, IfNoneMatch: ETag })))).$metadata?.httpStatusCode).toBe(304);
    const ok = await f.s3.send(new GetObjectCommand({ Bucket, Key, IfMatch: ETag }));
    expect(await ok.Body!.transformToString()).toBe('0123456789');
  });

  test('If-Modified-Since after the last change is 304; If-Unmodified-Since before it is 412', async () => {
    const later = new Date(Date.now() + 3_600_000);
    const earlier = new Date(Date.now() - 3_600_000);
    expect((await rejection(f.s3.send(new GetObjectCommand({ Bucket, Key, IfModifiedSince: later })))).$metadata?.httpStatusCode).toBe(304);
    expect((await rejection(f.s3.send(new GetObjectCommand({ Bucket, Key, IfUnmodifiedSince: earlier })))).name).toBe('PreconditionFailed');
  });

  test('response-* parameters override the returned headers', async () => {
    const got = await f.s3.send(new GetObjectCommand({ Bucket, Key, ResponseContentType: 'text/csv', ResponseContentDisposition: 'attachment; filename="r.csv"' }));
    expect(got.ContentType).toBe('text/csv');
    expect(got.ContentDisposition).toBe('attachment; filename="r.csv"');
  });

  test('a missing key is NoSuchKey on GET and NotFound on HEAD; a missing bucket is NoSuchBucket', async () => {
    expect((await rejection(f.s3.send(new GetObjectCommand({ Bucket, Key: 'absent' })))).name).toBe('NoSuchKey');
    const head = await rejection(f.s3.send(new HeadObjectCommand({ Bucket, Key: 'absent' })));
    expect([head.name, head.$metadata?.httpStatusCode]).toEqual(['NotFound', 404]);
    expect((await rejection(f.s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket-here', Key })))).name).toBe('NoSuchBucket');
  });
});

describe('DeleteObject and CopyObject', () => {
  test('DeleteObject removes the key and succeeds again when it is already gone', async () => {
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'doomed', Body: 'x' }));
    expect((await f.s3.send(new DeleteObjectCommand({ Bucket, Key: 'doomed' }))).$metadata.httpStatusCode).toBe(204);
    expect((await f.s3.send(new DeleteObjectCommand({ Bucket, Key: 'doomed' }))).$metadata.httpStatusCode).toBe(204);
    expect((await rejection(f.s3.send(new GetObjectCommand({ Bucket, Key: 'doomed' })))).name).toBe('NoSuchKey');
  });

  test('CopyObject copies bytes and metadata (COPY) or takes new metadata (REPLACE)', async () => {
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'src/a b.txt', Body: 'copy me', ContentType: 'text/plain', Metadata: { v: '1' } }));
    const copied = await f.s3.send(new CopyObjectCommand({ Bucket, Key: 'dst/copy.txt', CopySource: `${Bucket}/${encodeURIComponent('src/a b.txt')}` }));
    const replaced = await f.s3.send(
      new CopyObjectCommand({ Bucket, Key: 'dst/replaced.txt', CopySource: `${Bucket}/src/a%20b.txt`, MetadataDirective: 'REPLACE', ContentType: 'text/markdown', Metadata: { v: '2' } }),
    );
    const a = await f.s3.send(new GetObjectCommand({ Bucket, Key: 'dst/copy.txt' }));
    const b = await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'dst/replaced.txt' }));
    expect(copied.CopyObjectResult?.ETag).toBe(md5(Buffer.from('copy me')));
    expect(replaced.CopyObjectResult?.LastModified).toBeInstanceOf(Date);
    expect([await a.Body!.transformToString(), a.ContentType, a.Metadata]).toEqual(['copy me', 'text/plain', { v: '1' }]);
    expect([b.ContentType, b.Metadata]).toEqual(['text/markdown', { v: '2' }]);
  });

  test('copying an object onto itself without changes is InvalidRequest; from a missing key NoSuchKey', async () => {
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'self', Body: 'x' }));
    expect((await rejection(f.s3.send(new CopyObjectCommand({ Bucket, Key: 'self', CopySource: `${Bucket}/self` })))).name).toBe('InvalidRequest');
    expect((await rejection(f.s3.send(new CopyObjectCommand({ Bucket, Key: 'x', CopySource: `${Bucket}/absent` })))).name).toBe('NoSuchKey');
  });

  test('a copy-source precondition that fails is PreconditionFailed', async () => {
    await f.s3.send(new PutObjectCommand({ Bucket, Key: 'cond-src', Body: 'x' }));
    const err = await rejection(f.s3.send(new CopyObjectCommand({ Bucket, Key: 'cond-dst', CopySource: `${Bucket}/cond-src`, CopySourceIfMatch: '"nope"' })));
    expect(err.name).toBe('PreconditionFailed');
  });
});
