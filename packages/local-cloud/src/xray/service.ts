import { AwsError } from '../core/aws-error';
import type { GatewayRequest, GatewayResponse, HttpProtocolService } from '../gateway/types';
import type { XRay } from './xray';

type Input = Record<string, unknown>;

const invalid = (message: string): AwsError => new AwsError('InvalidRequestException', message);

function stringList(input: Input, field: string): string[] {
  const value = input[field];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalid(`${field} is required: a list of strings`);
  return value as string[];
}

function epochSeconds(input: Input, field: string): number {
  const value = input[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`${field} is required: epoch seconds, got ${JSON.stringify(value)}`);
  return value;
}

function optionalString(input: Input, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${field} must be a string`);
  return value;
}

const TIME_RANGE_TYPES = ['TraceId', 'Event', 'Service'] as const;

/** X-Ray's REST-JSON operations the local cloud serves, by path (all POST). */
const ROUTES: Record<string, (xray: XRay, input: Input, request: GatewayRequest) => unknown> = {
  '/TraceSegments': (x, i, r) => x.putTraceSegments(stringList(i, 'TraceSegmentDocuments'), r.caller),
  '/TraceSummaries': (x, i, r) => {
    const type = optionalString(i, 'TimeRangeType');
    if (type !== undefined && !(TIME_RANGE_TYPES as readonly string[]).includes(type)) throw invalid(`TimeRangeType must be one of ${TIME_RANGE_TYPES.join(', ')}, got ${type}`);
    return x.getTraceSummaries(
      {
        startTime: epochSeconds(i, 'StartTime'),
        endTime: epochSeconds(i, 'EndTime'),
        timeRangeType: type as (typeof TIME_RANGE_TYPES)[number] | undefined,
        filterExpression: optionalString(i, 'FilterExpression'),
        nextToken: optionalString(i, 'NextToken'),
      },
      r.caller,
    );
  },
  '/Traces': (x, i, r) => x.batchGetTraces(stringList(i, 'TraceIds'), r.caller),
};

function errorResponse(err: AwsError): GatewayResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': err.code, ...err.headers },
    body: JSON.stringify({ Message: err.message }),
  };
}

/**
 * X-Ray on its REST-JSON protocol: POST /TraceSegments (PutTraceSegments), /TraceSummaries
 * (GetTraceSummaries), /Traces (BatchGetTraces). Errors carry their code in `x-amzn-ErrorType`.
 */
export function xrayService(xray: XRay): HttpProtocolService {
  return {
    protocol: 'http',
    name: 'X-Ray',
    claims: (request) => request.method === 'POST' && Object.prototype.hasOwnProperty.call(ROUTES, request.path) && (request.signingService === undefined || request.signingService === 'xray'),
    handle: (request) => {
      try {
        let input: unknown;
        try {
          input = request.body.length === 0 ? {} : JSON.parse(request.body.toString('utf8'));
        } catch (err) {
          throw invalid(`Request body is not JSON: ${(err as Error).message}`);
        }
        if (input === null || typeof input !== 'object' || Array.isArray(input)) throw invalid('Request body must be a JSON object');
        const output = (ROUTES[request.path] as (typeof ROUTES)[string])(xray, input as Input, request);
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(output) };
      } catch (err) {
        if (err instanceof AwsError) return errorResponse(err);
        throw err;
      }
    },
  };
}
