import { formatTraceHeader, newSegmentId, newTraceId, parseTraceHeader } from './trace-header';
import type { SegmentRecord } from './segment-document';
import type { XRay } from './xray';

/** The function's TracingConfig mode. */
export type TracingMode = 'Active' | 'PassThrough';

export interface LambdaTraceProps {
  readonly functionName: string;
  readonly functionArn: string;
  readonly mode: TracingMode;
  /** The caller's header (Step Functions, EventBridge, an SDK), when it sent one. */
  readonly upstreamHeader?: string | undefined;
  /** When Lambda received the invocation, in simulated ms. */
  readonly receivedAtMs: number;
  readonly requestId: string;
}

export interface ErrorInfo {
  readonly type: string;
  readonly message: string;
}

/** Simulated ms from the shared clock. */
export interface LambdaInvocationTiming {
  /** A cold start's Init phase. */
  readonly init?: { readonly startMs: number; readonly endMs: number; readonly error?: ErrorInfo | undefined } | undefined;
  /** The handler's run; absent when Init failed or the invocation was throttled. */
  readonly invocation?: { readonly startMs: number; readonly endMs: number } | undefined;
  /** When the platform was done with the request (after the runtime's own work). Default: the last phase's end. */
  readonly endMs?: number | undefined;
  /** The error the function returned (an unhandled exception, a timeout). */
  readonly functionError?: ErrorInfo | undefined;
  /** Lambda refused the request (429): only the service segment is recorded, marked throttled. */
  readonly throttled?: boolean | undefined;
}

type Json = Record<string, unknown>;
const seconds = (ms: number): number => ms / 1000;

function cause(error: ErrorInfo): Json {
  return { exceptions: [{ id: newSegmentId(), type: error.type, message: error.message }] };
}

function subsegment(name: string, id: string, startMs: number, endMs: number, error?: ErrorInfo): Json {
  const doc: Json = { id, name, start_time: seconds(startMs), end_time: seconds(endMs) };
  if (error) Object.assign(doc, { error: true, cause: cause(error) });
  return doc;
}

/**
 * One invocation's trace, as Lambda writes it: an `AWS::Lambda` segment for the service (parent:
 * the caller's segment) and an `AWS::Lambda::Function` segment with Initialization (cold starts),
 * Invocation and Overhead subsegments. The function gets the Invocation subsegment's id as its
 * Parent, so the subsegments aws-xray-sdk-core sends from the bundle nest under Invocation.
 */
export class LambdaInvocationTrace {
  readonly traceId: string;
  readonly sampled: boolean;
  /** The `AWS::Lambda` segment. */
  readonly serviceSegmentId = newSegmentId();
  /** The `AWS::Lambda::Function` segment (REPORT's `XRAY … SegmentId`). */
  readonly functionSegmentId = newSegmentId();
  readonly invocationSubsegmentId = newSegmentId();
  /** `_X_AMZN_TRACE_ID` for the function's environment during this invocation. */
  readonly header: string;
  private readonly upstreamParent: string | undefined;

  constructor(private readonly props: LambdaTraceProps) {
    const upstream = parseTraceHeader(props.upstreamHeader);
    this.traceId = upstream?.root ?? newTraceId(props.receivedAtMs);
    this.upstreamParent = upstream?.parent;
    // The caller's decision wins; without one, Active samples (every request, locally) and PassThrough does not.
    this.sampled = upstream?.sampled ?? props.mode === 'Active';
    this.header = formatTraceHeader({ root: this.traceId, parent: this.sampled ? this.invocationSubsegmentId : newSegmentId(), sampled: this.sampled });
  }

  /** The segment documents for this invocation (none when it is not sampled). */
  documents(timing: LambdaInvocationTiming): Json[] {
    if (!this.sampled) return [];
    const { functionName, functionArn, requestId } = this.props;
    const phases = [timing.init, timing.invocation].filter((p): p is { startMs: number; endMs: number } => p !== undefined);
    const endMs = timing.endMs ?? Math.max(this.props.receivedAtMs, ...phases.map((p) => p.endMs));
    const service: Json = {
      id: this.serviceSegmentId,
      name: functionName,
      trace_id: this.traceId,
      start_time: seconds(this.props.receivedAtMs),
      end_time: seconds(endMs),
      origin: 'AWS::Lambda',
      resource_arn: functionArn,
      aws: { request_id: requestId },
      http: { response: { status: timing.throttled ? 429 : 200 } },
    };
    if (this.upstreamParent !== undefined) service['parent_id'] = this.upstreamParent;
    if (timing.throttled) return [{ ...service, error: true, throttle: true }];

    const subsegments: Json[] = [];
    if (timing.init) subsegments.push(subsegment('Initialization', newSegmentId(), timing.init.startMs, timing.init.endMs, timing.init.error));
    if (timing.invocation) {
      subsegments.push(subsegment('Invocation', this.invocationSubsegmentId, timing.invocation.startMs, timing.invocation.endMs, timing.functionError));
      if (endMs > timing.invocation.endMs) subsegments.push(subsegment('Overhead', newSegmentId(), timing.invocation.endMs, endMs));
    }
    const failure = timing.functionError ?? timing.init?.error;
    const fn: Json = {
      id: this.functionSegmentId,
      name: functionName,
      trace_id: this.traceId,
      parent_id: this.serviceSegmentId,
      start_time: seconds(phases[0]?.startMs ?? this.props.receivedAtMs),
      end_time: seconds(endMs),
      origin: 'AWS::Lambda::Function',
      resource_arn: functionArn,
      aws: { function_arn: functionArn, request_id: requestId },
      subsegments,
      ...(failure ? { error: true, cause: cause(failure) } : {}),
    };
    return [service, fn];
  }

  /** Stores this invocation's segments in the local X-Ray. */
  record(xray: XRay, timing: LambdaInvocationTiming): SegmentRecord[] {
    return this.documents(timing).flatMap((doc) => xray.ingest(JSON.stringify(doc)));
  }
}

export function startLambdaTrace(props: LambdaTraceProps): LambdaInvocationTrace {
  return new LambdaInvocationTrace(props);
}
