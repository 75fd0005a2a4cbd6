import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubCall {
  operation: string;
  body: Record<string, unknown>;
  /** X-Amzn-Trace-Id sent by an X-Ray-captured client. */
  traceHeader?: string;
}

export interface SfnStub {
  url: string;
  calls: StubCall[];
  close(): Promise<void>;
}

/**
 * A Step Functions endpoint on 127.0.0.1 speaking the awsJson1_0 protocol the SDK uses, so the
 * built bundle (with its own bundled SDK, which aws-sdk-client-mock cannot reach) is tested over
 * the wire. `answer` returns an error code to reply with, or undefined for success.
 */
export async function startSfnStub(answer: (call: StubCall) => string | undefined): Promise<SfnStub> {
  const calls: StubCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const call: StubCall = { operation: target.split('.').pop() ?? target, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> };
      const traceHeader = req.headers['x-amzn-trace-id'];
      if (typeof traceHeader === 'string') call.traceHeader = traceHeader;
      calls.push(call);
      const error = answer(call);
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      if (error === undefined) {
        res.statusCode = 200;
        res.end('{}');
      } else {
        res.statusCode = 400;
        res.setHeader('x-amzn-errortype', error);
        res.end(JSON.stringify({ __type: error, message: `stub: ${error}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
