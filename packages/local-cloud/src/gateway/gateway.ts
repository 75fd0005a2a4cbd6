import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from '../core/aws-error';
import type { Caller } from '../core/caller';
import { signingInfo } from './sigv4';
import type { GatewayRequest, GatewayResponse, GatewayService, HttpProtocolService, JsonProtocolService } from './types';

export interface GatewayProps {
  readonly services: readonly GatewayService[];
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Loopback unless told otherwise. */
  readonly host?: string;
  /** Maps a request's access key to its caller (the credentials the local cloud issued to roles). */
  readonly identify?: (accessKeyId: string | undefined) => Caller;
  /** Largest body accepted at all; each service applies its own, smaller quota. */
  readonly maxBodyBytes?: number;
}

export interface RunningGateway {
  /** e.g. http://127.0.0.1:4566 — the SDK's `endpoint`, the CLI's `--endpoint-url`, `AWS_ENDPOINT_URL`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** What AWS's front end names its own errors (no service took the request). */
const COMMON_NAMESPACE = 'com.amazon.coral.service#';

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // An oversized body is drained, not cut off: a reset connection tells the client nothing.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
      else chunks.length = 0;
    });
    req.on('end', () => {
      if (size > max) reject(new AwsError('RequestEntityTooLargeException', `Request body is ${size} bytes, over the local cloud's ${max}-byte ceiling`, 413));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function write(res: ServerResponse, response: GatewayResponse): void {
  const body = response.body ?? '';
  const headers: Record<string, string | number> = { 'x-amzn-requestid': randomUUID(), ...response.headers };
  headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(response.status, headers);
  res.end(body);
}

function jsonError(service: JsonProtocolService, err: AwsError): GatewayResponse {
  return {
    status: err.status,
    headers: { 'content-type': service.contentType, ...err.headers },
    body: JSON.stringify({ ...err.fields, __type: `${service.errorNamespace}${err.code}`, message: err.message }),
  };
}

async function answerJson(service: JsonProtocolService, operation: string, request: GatewayRequest): Promise<GatewayResponse> {
  let input: unknown;
  try {
    const text = request.body.toString('utf8');
    input = text === '' ? {} : JSON.parse(text);
  } catch (err) {
    return jsonError(service, new AwsError('SerializationException', `Request body is not JSON: ${(err as Error).message}`));
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return jsonError(service, new AwsError('SerializationException', 'Request body must be a JSON object'));
  }
  try {
    const output = await service.handle(operation, input as Record<string, unknown>, request);
    return { status: 200, headers: { 'content-type': service.contentType }, body: JSON.stringify(output ?? {}) };
  } catch (err) {
    if (err instanceof AwsError) return jsonError(service, err);
    return jsonError(service, new AwsError('InternalFailure', (err as Error)?.message ?? String(err), 500));
  }
}

/**
 * One loopback endpoint for every local service. A request goes to the JSON-protocol service
 * named by its `X-Amz-Target` prefix, else to the first other service that claims it (Lambda by
 * its REST paths, SQS and STS by their query `Action`, S3 last, by path-style bucket URLs).
 */
export function startGateway(props: GatewayProps): Promise<RunningGateway> {
  const host = props.host ?? '127.0.0.1';
  const maxBody = props.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const jsonServices = new Map<string, JsonProtocolService>();
  const httpServices: HttpProtocolService[] = [];
  for (const s of props.services) {
    if (s.protocol === 'json') jsonServices.set(s.targetPrefix, s);
    else httpServices.push(s);
  }
  const identify = props.identify ?? ((accessKeyId: string | undefined): Caller => (accessKeyId ? { kind: 'external', accessKeyId } : { kind: 'external' }));

  const route = async (req: IncomingMessage): Promise<GatewayResponse> => {
    // The raw path, not URL's: it would fold `.`/`..` segments that are legitimate in S3 keys.
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
    const body = await readBody(req, maxBody);
    const signing = signingInfo(req.headers, query);
    const request: GatewayRequest = {
      method: req.method ?? 'GET',
      path: q < 0 ? raw : raw.slice(0, q),
      query,
      headers: req.headers,
      body,
      caller: identify(signing.accessKeyId),
      signingRegion: signing.region,
      signingService: signing.service,
    };
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') {
      const dot = target.lastIndexOf('.');
      const service = jsonServices.get(target.slice(0, dot));
      if (service && dot > 0) return answerJson(service, target.slice(dot + 1), request);
      return {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({
          __type: `${COMMON_NAMESPACE}UnknownOperationException`,
          message: `No local service answers X-Amz-Target '${target}' (served: ${[...jsonServices.keys()].join(', ') || 'none'})`,
        }),
      };
    }
    for (const service of httpServices) if (service.claims(request)) return service.handle(request);
    return {
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        __type: `${COMMON_NAMESPACE}UnknownOperationException`,
        message: `No local service answers ${request.method} ${request.path} (served: ${[...jsonServices.keys(), ...httpServices.map((s) => s.name)].join(', ')})`,
      }),
    };
  };

  const server: Server = createServer((req, res) => {
    route(req).then(
      (response) => write(res, response),
      (err: unknown) => {
        const e = err instanceof AwsError ? err : new AwsError('InternalFailure', (err as Error)?.message ?? String(err), 500);
        write(res, { status: e.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ __type: e.code, message: e.message }) });
      },
    );
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue: a thousand Lambda environments' SDKs connect at once, and past Node's
    // default of 511 the rest would wait a real second for a TCP retry (minutes of simulated time).
    server.listen({ port: props.port ?? 0, host, backlog: 4096 }, () => {
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
