// ListObjectsV2 / ListObjects paging and delimiters, DeleteObjects, ListObjectVersions, through the SDK.
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { compareUtf8, listKeys } from '../model/listing';
import { rejection, startS3, type S3Fixture } from './helpers';

let f: S3Fixture;
const Bucket = 'listing-bucket';
const caller = { kind: 'external' } as const;
// 25 keys under data/, 3 "folders" with 4 keys each under logs/, two at the top.
const keys = [
  ...Array.from({ length: 25 }, (_, i) => `data/item-${String(i).padStart(3, '0')}.json`),
  ...['2024', '2025', '2026'].flatMap((y) => [1, 2, 3, 4].map((n) => `logs/${y}/part-${n}.log`)),
  'readme.md',
  'zz-last',
];

beforeAll(async () => {
  f = await startS3();
  await f.s3.send(new CreateBucketCommand({ Bucket }));
  for (const k of keys) await f.model.putObject(Bucket, k, k, caller);
});
afterAll(() => f.close());

describe('ListObjectsV2', () => {
  test('pages with MaxKeys and continuation tokens list every key once, in order', async () => {
    // act
    const pages = [];
    for await (const page of paginateListObjectsV2({ client: f.s3, pageSize: 7 }, { Bucket })) pages.push(page);
    // assert
    const listed = pages.flatMap((p) => (p.Contents ?? []).map((c) => c.Key));
    expect(listed).toEqual([...keys].sort());
    expect(pages.map((p) => p.KeyCount)).toEqual([7, 7, 7, 7, 7, 4]);
    expect(pages.slice(0, -1).every((p) => p.IsTruncated && p.NextContinuationToken)).toBe(true);
    expect(pages.at(-1)?.IsTruncated).toBe(false);
  });

  test('Contents carry size, ETag, storage class and last-modified time', async () => {
    const page = await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'readme' }));
    expect(page.Contents).toEqual([
      expect.objectContaining({ Key: 'readme.md', Size: 'readme.md'.length, StorageClass: 'STANDARD', ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/), LastModified: expect.any(Date) }),
    ]);
  });

  test('a delimiter rolls keys up into CommonPrefixes, which count toward MaxKeys and KeyCount', async () => {
    const top = await f.s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['data/', 'logs/']);
    expect(top.Contents?.map((c) => c.Key)).toEqual(['readme.md', 'zz-last']);
    expect(top.KeyCount).toBe(4);
    const first = await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'logs/', Delimiter: '/', MaxKeys: 2 }));
    const second = await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'logs/', Delimiter: '/', MaxKeys: 2, ContinuationToken: first.NextContinuationToken }));
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['logs/2024/', 'logs/2025/']);
    expect(first.IsTruncated).toBe(true);
    expect(second.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['logs/2026/']);
    expect([second.IsTruncated, second.Contents]).toEqual([false, undefined]);
  });

  test('StartAfter and Prefix narrow the listing', async () => {
    const page = await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'data/', StartAfter: 'data/item-021.json' }));
    expect(page.Contents?.map((c) => c.Key)).toEqual(['data/item-022.json', 'data/item-023.json', 'data/item-024.json']);
    expect(page.StartAfter).toBe('data/item-021.json');
  });

  test('EncodingType url percent-encodes names in the response', async () => {
    await f.model.putObject(Bucket, 'enc/a b+c', 'x', caller);
    const page = await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'enc/', EncodingType: 'url' }));
    expect(page.Contents?.[0]?.Key).toBe('enc/a%20b%2Bc');
  });

  test('a continuation token this service did not issue is InvalidArgument; a bad max-keys too', async () => {
    expect((await rejection(f.s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: 'bm90LWEtdG9rZW4=' })))).name).toBe('InvalidArgument');
    expect((await rejection(f.s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: -1 })))).name).toBe('InvalidArgument');
  });

  test('listing a missing bucket is NoSuchBucket', async () => {
    expect((await rejection(f.s3.send(new ListObjectsV2Command({ Bucket: 'absent-bucket' })))).name).toBe('NoSuchBucket');
  });
});

describe('ListObjects (version 1) and ListObjectVersions', () => {
  test('Marker pages, with NextMarker when a delimiter is given', async () => {
    const first = await f.s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', MaxKeys: 1 }));
    const second = await f.s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', MaxKeys: 3, Marker: first.NextMarker }));
    expect(first.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['data/']);
    expect(first.NextMarker).toBe('data/');
    expect(second.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['enc/', 'logs/']);
    expect(second.Contents?.map((c) => c.Key)).toEqual(['readme.md']);
  });

  test('ListObjectVersions shows each object as its only, latest, null version', async () => {
    const page = await f.s3.send(new ListObjectVersionsCommand({ Bucket, Prefix: 'readme' }));
    expect(page.Versions).toEqual([expect.objectContaining({ Key: 'readme.md', VersionId: 'null', IsLatest: true })]);
  });
});

describe('DeleteObjects', () => {
  test('deletes the keys and reports each one, absent keys included', async () => {
    const Objects = ['data/item-000.json', 'data/item-001.json', 'never-existed'].map((Key) => ({ Key }));
    const out = await f.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } }));
    expect(out.Deleted?.map((d) => d.Key)).toEqual(Objects.map((o) => o.Key));
    expect(out.Errors).toBeUndefined();
    const left = await f.s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'data/item-00' }));
    expect(left.Contents?.map((c) => c.Key)).toEqual(Array.from({ length: 8 }, (_, i) => `data/item-00${i + 2}.json`));
  });

  test('Quiet reports only failures; a version that does not exist is a NoSuchVersion entry', async () => {
    const out = await f.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: [{ Key: 'data/item-002.json' }, { Key: 'zz-last', VersionId: 'v123' }] } }));
    expect(out.Deleted).toBeUndefined();
    expect(out.Errors).toEqual([expect.objectContaining({ Key: 'zz-last', Code: 'NoSuchVersion' })]);
  });

  test('more than 1,000 keys is MalformedXML', async () => {
    const Objects = Array.from({ length: 1001 }, (_, i) => ({ Key: `k${i}` }));
    expect((await rejection(f.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } })))).name).toBe('MalformedXML');
  });
});

describe('listing logic', () => {
  test('keys sort in UTF-8 byte order, not UTF-16 order', () => {
    // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 9F 98 80), unlike in UTF-16.
    expect(['\u{1F600}', '\uFF5E', 'a'].sort(compareUtf8)).toEqual(['a', '\uFF5E', '\u{1F600}']);
  });

  test('a page resumed after a common prefix skips every key under it', () => {
    const sorted = ['a/1', 'a/2', 'b', 'c/1'];
    expect(listKeys(sorted, { prefix: '', delimiter: '/', after: 'a/', maxKeys: 10 })).toEqual({ keys: ['b'], commonPrefixes: ['c/'], truncated: false, last: 'c/' });
  });
});
