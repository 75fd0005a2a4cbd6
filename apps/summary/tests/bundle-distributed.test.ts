import { invokeBundle } from '@fanout/lambda-bundler';
import { existsSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { item, manifest, succeeded } from './support/map-run';

/** The artefact Terraform uploads for distributed-map, built by the `build` target this test depends on. */
const BUNDLE = join(__dirname, '../../../dist/apps/summary-distributed/index.js');
const BUCKET = 'fanout-distributed-map-123456789012-us-east-1';

/** Path-style GetObject on 127.0.0.1 (as the local cloud's S3 answers it), serving these keys of BUCKET. */
async function startS3(objects: Record<string, string>): Promise<{ url: string; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      const [bucket, ...key] = decodeURIComponent((req.url ?? '').split('?')[0] ?? '').slice(1).split('/');
      const body = bucket === BUCKET ? objects[key.join('/')] : undefined;
      if (body === undefined) {
        res.writeHead(404, { 'content-type': 'application/xml', connection: 'close' });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

describe('built summary-distributed bundle (dist/apps/summary-distributed/index.js), in a fresh Node process', () => {
  let s3: Awaited<ReturnType<typeof startS3>>;

  beforeAll(async () => {
    s3 = await startS3({
      'results/0f0f/manifest.json': manifest(BUCKET, { SUCCEEDED: ['results/0f0f/SUCCEEDED_0.json'] }),
      'results/0f0f/SUCCEEDED_0.json': JSON.stringify([succeeded(item('0'), { caseId: '0', durationMs: 7 })]),
    });
  });
  afterAll(async () => new Promise<void>((resolve) => s3.server.close(() => resolve())));

  it('reads the Map Run through the real S3 client, path-style from the endpoint, and summarises it', async () => {
    // prepare
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`nx run summary:build\` (the test target depends on it)`);
    const event = { requestId: 'r1', resultWriterDetails: { Bucket: BUCKET, Key: 'results/0f0f/manifest.json' }, expectedCaseIds: ['0', '1'] };
    const env = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_ENDPOINT_URL_S3: s3.url, LOG_LEVEL: 'error', NODE_NO_WARNINGS: '1' };

    // act
    const { invocations } = await invokeBundle({ bundle: BUNDLE, events: [event, { ...event, resultWriterDetails: { Bucket: BUCKET, Key: 'results/none/manifest.json' } }], env });

    // assert
    expect(invocations[0]).toMatchObject({ ok: true, value: { cases: 1, succeeded: 1, missing: ['1'], durationMs: { total: 7 } } });
    expect(invocations[1]).toMatchObject({ ok: false, error: { name: 'NoSuchKey' } });
    expect(s3.requests.slice(0, 2)).toEqual([`GET /${BUCKET}/results/0f0f/manifest.json?x-id=GetObject`, `GET /${BUCKET}/results/0f0f/SUCCEEDED_0.json?x-id=GetObject`]);
  });
});
