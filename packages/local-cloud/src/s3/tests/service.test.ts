// The gateway service: which requests it claims, routing errors, and the aws-chunked decoder.
import { request } from 'node:http';
import type { GatewayRequest } from '../../gateway/types';
import { decodeAwsChunked } from '../aws-chunked';
import { claimsS3, parsePath } from '../s3-service';
import { startS3, type S3Fixture } from './helpers';

const req = (method: string, url: string, headers: Record<string, string> = {}, signingService?: string): GatewayRequest => {
  const u = new URL(url, 'http://local');
  return { method, path: u.pathname, query: u.searchParams, headers, body: Buffer.alloc(0), caller: { kind: 'external' }, signingService };
};

describe('claims', () => {
  test.each([
    ['a request signed for s3', req('GET', '/2015-03-31/anything', {}, 's3'), true],
    ['a request signed for lambda', req('GET', '/my-bucket', {}, 'lambda'), false],
    ['an unsigned GET /', req('GET', '/'), true],
    ['an unsigned path-style object PUT', req('PUT', '/my-bucket/a/b.txt'), true],
    ['a Lambda REST path', req('GET', '/2015-03-31/functions/f/invocations'), false],
    ['a query-protocol form post', req('POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }), false],
    ['an Action query', req('GET', '/queue-name?Action=ReceiveMessage'), false],
    ['an invalid bucket name', req('GET', '/Not_A_Bucket/key'), false],
    ['a JSON-protocol target', req('POST', '/', { 'x-amz-target': 'AWSStepFunctions.StartExecution' }), false],
    ['an unknown method', req('PATCH', '/my-bucket'), false],
  ])('%s → %s', (_what, r, expected) => {
    expect(claimsS3(r)).toBe(expected);
  });

  test('paths split into bucket and percent-decoded key', () => {
    expect(parsePath('/b')).toEqual({ bucket: 'b', key: undefined });
    expect(parsePath('/b/')).toEqual({ bucket: 'b', key: undefined });
    expect(parsePath('/b/a%20b/c%2Bd')).toEqual({ bucket: 'b', key: 'a b/c+d' });
    expect(parsePath('/b//lead')).toEqual({ bucket: 'b', key: '/lead' });
  });
});

describe('over HTTP', () => {
  let f: S3Fixture;
  beforeAll(async () => {
    f = await startS3();
    await f.model.buckets.create({ name: 'raw-bucket', caller: { kind: 'external' } });
  });
  afterAll(() => f.close());

  const send = (method: string, path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> =>
    new Promise((resolve, reject) => {
      const r = request(`${f.gateway.url}${path}`, { method }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      r.on('error', reject);
      r.end();
    });

  test('errors are S3 XML documents with code, message, resource and request ID', async () => {
    const res = await send('GET', '/raw-bucket/missing.txt');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>missing.txt<\/Key><Resource>\/raw-bucket\/missing.txt<\/Resource><RequestId>[0-9A-F]{16}<\/RequestId><\/Error>$/);
    expect(res.headers['x-amz-request-id']).toMatch(/^[0-9A-F]{16}$/);
  });

  test('a method a resource does not take is MethodNotAllowed (405); an unserved subresource NotImplemented (501)', async () => {
    expect((await send('POST', '/raw-bucket/key')).body).toContain('<Code>MethodNotAllowed</Code>');
    const res = await send('GET', '/raw-bucket?analytics');
    expect([res.status, res.body.includes('<Code>NotImplemented</Code>')]).toEqual([501, true]);
  });

  test('an empty bucket lists as an empty ListBucketResult', async () => {
    const res = await send('GET', '/raw-bucket?list-type=2');
    expect(res.body).toContain('<KeyCount>0</KeyCount><IsTruncated>false</IsTruncated>');
  });
});

describe('aws-chunked', () => {
  const big = Buffer.alloc(8192, 'a');
  test('unsigned chunks with a trailer decode to the payload and the trailer', () => {
    const body = Buffer.concat([Buffer.from('2000\r\n'), big, Buffer.from('\r\n3\r\nxyz\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n')]);
    const out = decodeAwsChunked(body);
    expect(out.payload.equals(Buffer.concat([big, Buffer.from('xyz')]))).toBe(true);
    expect(out.trailers).toEqual({ 'x-amz-checksum-crc32': 'AAAAAA==' });
  });

  test('signed chunks (chunk-signature extensions) decode too', () => {
    const body = Buffer.from('3;chunk-signature=abc\r\nxyz\r\n0;chunk-signature=def\r\n\r\n');
    expect(decodeAwsChunked(body).payload.toString()).toBe('xyz');
  });

  test('a chunk that claims more bytes than the body holds is IncompleteBody', () => {
    expect(() => decodeAwsChunked(Buffer.from('10\r\nabc'))).toThrow(expect.objectContaining({ code: 'IncompleteBody' }));
  });
});
