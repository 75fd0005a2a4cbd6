import { randomBytes } from 'node:crypto';
import { AwsError } from '../core/aws-error';
import type { GatewayRequest, GatewayResponse, HttpProtocolService } from '../gateway/types';
import { isValidBucketName } from './bucket-name';
import { header } from './http/request';
import { errorResponse } from './http/responses';
import { route } from './http/router';
import type { S3Model } from './model/s3-model';
import { S3Error } from './s3-error';

export interface S3ServiceProps {
  readonly model: S3Model;
}

/** Methods S3's REST API uses. */
const S3_METHODS = new Set(['GET', 'PUT', 'HEAD', 'DELETE', 'POST']);
/** Lambda's REST paths start with an API version date (`/2015-03-31/functions`); a bucket could be named so, but only a request signed for s3 is taken as one. */
const API_VERSION_SEGMENT = /^\d{4}-\d{2}-\d{2}$/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400, { URI: segment });
  }
}

/** `/<bucket>[/<key>]`, path-style: the key is everything after the bucket's slash, percent-decoded. */
export function parsePath(path: string): { bucket: string; key: string | undefined } {
  const rest = path.replace(/^\//, '');
  const slash = rest.indexOf('/');
  if (slash < 0) return { bucket: decode(rest), key: undefined };
  const key = rest.slice(slash + 1);
  return { bucket: decode(rest.slice(0, slash)), key: key === '' ? undefined : decode(key) };
}

/**
 * Whether a request is S3's. The gateway asks this service last. Signed requests are claimed
 * exactly when their SigV4 scope names the `s3` service. Unsigned ones (a presigned URL is
 * signed) only when they look like path-style S3: an S3 method, no query-protocol `Action`, not a
 * form post, and `/` (ListBuckets) or a first segment that is a valid bucket name and not a
 * date-shaped REST API version.
 */
export function claimsS3(request: GatewayRequest): boolean {
  if (request.signingService !== undefined) return request.signingService === 's3';
  if (request.headers['x-amz-target'] !== undefined || !S3_METHODS.has(request.method) || request.query.has('Action')) return false;
  if (request.method === 'POST' && (header(request, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return false;
  if (request.path === '/' || request.path === '') return request.method === 'GET';
  const first = request.path.slice(1).split('/', 1)[0] ?? '';
  let bucket: string;
  try {
    bucket = decodeURIComponent(first);
  } catch {
    return false;
  }
  return !API_VERSION_SEGMENT.test(bucket) && isValidBucketName(bucket);
}

function asS3Error(err: unknown): S3Error {
  if (err instanceof S3Error) return err;
  if (err instanceof AwsError) return new S3Error(err.status === 403 ? 'AccessDenied' : err.code, err.message, err.status, {}, err.headers);
  return new S3Error('InternalError', `We encountered an internal error: ${(err as Error)?.message ?? String(err)}`, 500);
}

/** A request signed for another region than the bucket's, as S3 refuses it (GetBucketLocation excepted: it is how a client finds out). */
function checkRegion(model: S3Model, request: GatewayRequest, bucket: string, key: string | undefined): void {
  const region = model.store.buckets.get(bucket)?.region;
  if (region === undefined || request.signingRegion === undefined || request.signingRegion === region) return;
  // CreateBucket checks its own constraint; the SDK's `x-id` marker names no subresource.
  const createBucket = request.method === 'PUT' && [...request.query.keys()].every((k) => k === 'x-id');
  if (key === undefined && (request.query.has('location') || createBucket)) return;
  const headers = { 'x-amz-bucket-region': region };
  if (request.method === 'HEAD' && key === undefined) throw new S3Error('PermanentRedirect', 'The bucket is in another region.', 301, { Bucket: bucket }, headers);
  throw new S3Error(
    'AuthorizationHeaderMalformed',
    `The authorization header is malformed; the region '${request.signingRegion}' is wrong; expecting '${region}'`,
    400,
    { Region: region },
    headers,
  );
}

/** S3's REST-XML API, path-style, on the gateway. */
export function createS3Service(props: S3ServiceProps): HttpProtocolService {
  const { model } = props;
  return {
    protocol: 'http',
    name: 's3',
    claims: claimsS3,
    handle(request: GatewayRequest): GatewayResponse {
      const requestId = randomBytes(8).toString('hex').toUpperCase();
      const common = { 'x-amz-request-id': requestId, 'x-amz-id-2': randomBytes(24).toString('base64') };
      try {
        const { bucket, key } = parsePath(request.path);
        checkRegion(model, request, bucket, key);
        const response = route(request, bucket, key)({ request, model, bucket, key });
        return { ...response, headers: { ...common, ...response.headers } };
      } catch (err) {
        const response = errorResponse(asS3Error(err), request.path, requestId);
        return { ...response, headers: { ...common, ...response.headers } };
      }
    },
  };
}
