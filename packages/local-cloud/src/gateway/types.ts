import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../core/caller';

/** One HTTP request as the services see it: the body read, the caller identified. */
export interface GatewayRequest {
  readonly method: string;
  /** Path without the query string, percent-decoding left to the service. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly caller: Caller;
  /** From the SigV4 credential scope, when the request is signed: `<region>/<service>`. */
  readonly signingRegion?: string | undefined;
  readonly signingService?: string | undefined;
}

export interface GatewayResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/**
 * A service on an AWS JSON protocol (1.0 or 1.1): POST `/` with `X-Amz-Target: <prefix>.<Operation>`.
 * `handle` returns the output object or throws an AwsError; the gateway writes both.
 */
export interface JsonProtocolService {
  readonly protocol: 'json';
  /** e.g. `AWSStepFunctions`, `AWSEvents`, `AmazonSQS`. */
  readonly targetPrefix: string;
  /** `application/x-amz-json-1.0` or `-1.1`. */
  readonly contentType: string;
  /** Prefix of `__type` in error bodies (`com.amazonaws.swf.service.v2.model#` for Step Functions, '' for most). */
  readonly errorNamespace: string;
  handle(operation: string, input: Record<string, unknown>, request: GatewayRequest): unknown;
}

/**
 * A service on any other protocol (Lambda's REST paths, SQS's and STS's query protocol, S3's
 * REST-XML): the first service whose `claims` accepts a request answers it.
 */
export interface HttpProtocolService {
  readonly protocol: 'http';
  readonly name: string;
  claims(request: GatewayRequest): boolean;
  handle(request: GatewayRequest): Promise<GatewayResponse> | GatewayResponse;
}

export type GatewayService = JsonProtocolService | HttpProtocolService;
