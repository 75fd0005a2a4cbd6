import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SfnApiError } from '../engine/api-errors';
import type { StepFunctionsEngine } from '../engine/engine';
import { handleOperation } from './operations';
import { LOCAL_LIMITS } from '../limits';

const TARGET_PREFIX = 'AWSStepFunctions.';
/** The namespace AWS puts in `__type`; the SDK keeps only what follows '#'. */
const ERROR_NAMESPACE = 'com.amazonaws.swf.service.v2.model#';

export interface SfnServerProps {
  engine: StepFunctionsEngine;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Always loopback unless told otherwise. */
  host?: string;
}

export interface RunningSfnServer {
  /** e.g. http://127.0.0.1:8083 — give it to the SDK as `endpoint`, to the CLI as --endpoint-url. */
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}

function sendError(res: ServerResponse, code: string, message: string, status = 400): void {
  send(res, status, { __type: `${ERROR_NAMESPACE}${code}`, message });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // An oversized body is drained, not cut off: destroying the socket would leave the client
    // with a connection reset instead of an answer it can read.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= LOCAL_LIMITS.requestMaxBytes) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => {
      if (size > LOCAL_LIMITS.requestMaxBytes) {
        reject(new SfnApiError('ValidationException', `Request body is ${size} bytes, over the ${LOCAL_LIMITS.requestMaxBytes}-byte request limit`));
      } else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/**
 * Serves the engine over the AWS JSON 1.0 protocol (POST /, `X-Amz-Target:
 * AWSStepFunctions.<Operation>`). Credentials and signatures are accepted without checking.
 */
export function startSfnServer(props: SfnServerProps): Promise<RunningSfnServer> {
  const host = props.host ?? '127.0.0.1';
  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method !== 'POST') {
          sendError(res, 'UnknownOperationException', `Only POST is supported, got ${req.method ?? '?'}`);
          return;
        }
        const target = req.headers['x-amz-target'];
        if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
          sendError(res, 'UnknownOperationException', `Missing or foreign X-Amz-Target header: '${String(target)}'`);
          return;
        }
        const text = await readBody(req);
        let body: unknown;
        try {
          body = text === '' ? {} : JSON.parse(text);
        } catch (err) {
          sendError(res, 'SerializationException', `Request body is not JSON: ${(err as Error).message}`);
          return;
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
          sendError(res, 'SerializationException', 'Request body must be a JSON object');
          return;
        }
        const result = handleOperation(props.engine, target.slice(TARGET_PREFIX.length), body as Record<string, unknown>);
        send(res, 200, result);
      } catch (err) {
        if (err instanceof SfnApiError) sendError(res, err.code, err.message);
        else sendError(res, 'InternalFailure', (err as Error)?.message ?? String(err), 500);
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(props.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((e) => (e ? fail(e) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
