import type { XRayLimits } from './limits';
import { annotationsOf, childrenOf, type AnnotationValue, type SegmentRecord } from './segment-document';
import type { TraceRecord } from './trace-store';

type Json = Record<string, unknown>;

export interface ServiceId {
  Name: string;
  Names: string[];
  Type?: string;
  AccountId?: string;
}

/** What filter expressions and GetTraceSummaries read from a trace. */
export interface TraceFacts {
  readonly traceId: string;
  /** The root segment: the one without a parent in the trace (else the earliest). */
  readonly root: SegmentRecord | undefined;
  readonly startTime: number;
  readonly duration: number;
  readonly responseTime: number | undefined;
  readonly error: boolean;
  readonly fault: boolean;
  readonly throttle: boolean;
  readonly partial: boolean;
  readonly httpStatus: number | undefined;
  readonly http: { readonly url?: string; readonly method?: string; readonly useragent?: string; readonly clientip?: string };
  readonly users: readonly string[];
  /** Each key's values across the trace, with the services that recorded them; the first `indexedAnnotationsPerTrace` keys only. */
  readonly annotations: ReadonlyMap<string, { value: AnnotationValue; service: ServiceId }[]>;
  readonly services: readonly ServiceId[];
  /** Segments' `resource_arn` (a Lambda function's, for instance). */
  readonly resourceArns: readonly string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

function serviceOf(record: SegmentRecord, byId: ReadonlyMap<string, SegmentRecord>): ServiceId {
  // An independent subsegment belongs to the service of the segment it hangs from, when known.
  let owner: SegmentRecord = record;
  for (let hops = 0; owner.kind === 'subsegment' && owner.parentId !== undefined && hops < 16; hops++) {
    const up = byId.get(owner.parentId);
    if (!up) break;
    owner = up;
  }
  const origin = str(owner.document['origin']);
  const account = str(obj(owner.document['aws'])['account_id']);
  return { Name: owner.name, Names: [owner.name], ...(origin === undefined ? {} : { Type: origin }), ...(account === undefined ? {} : { AccountId: account }) };
}

export function traceFacts(trace: TraceRecord, limits: XRayLimits): TraceFacts {
  const records = [...trace.documents.values()];
  const byId = new Map(records.map((r) => [r.id, r]));
  const segments = records.filter((r) => r.kind === 'segment');
  const root = segments.find((s) => s.parentId === undefined || !byId.has(s.parentId)) ?? [...segments].sort((a, b) => a.startTime - b.startTime)[0];
  const startTime = Math.min(...records.map((r) => r.startTime));
  const endTime = Math.max(...records.map((r) => r.endTime ?? r.startTime));
  const annotations = new Map<string, { value: AnnotationValue; service: ServiceId }[]>();
  const users = new Set<string>();
  const services = new Map<string, ServiceId>();
  for (const record of records) {
    const service = serviceOf(record, byId);
    if (record.kind === 'segment') services.set(`${service.Name}\u0000${service.Type ?? ''}`, service);
    const user = str(record.document['user']);
    if (user !== undefined) users.add(user);
    const walk = (doc: Json): void => {
      for (const [key, value] of Object.entries(annotationsOf(doc))) {
        const values = annotations.get(key) ?? (annotations.size < limits.indexedAnnotationsPerTrace ? [] : undefined);
        if (values === undefined) continue;
        values.push({ value, service });
        annotations.set(key, values);
      }
      childrenOf(doc).forEach(walk);
    };
    walk(record.document);
  }
  const rootDoc = root?.document ?? {};
  const http = obj(rootDoc['http']);
  const request = obj(http['request']);
  const status = obj(http['response'])['status'];
  const facts: TraceFacts['http'] = {
    ...(str(request['url']) === undefined ? {} : { url: str(request['url']) as string }),
    ...(str(request['method']) === undefined ? {} : { method: str(request['method']) as string }),
    ...(str(request['user_agent']) === undefined ? {} : { useragent: str(request['user_agent']) as string }),
    ...(str(request['client_ip']) === undefined ? {} : { clientip: str(request['client_ip']) as string }),
  };
  return {
    traceId: trace.traceId,
    root,
    startTime,
    duration: endTime - startTime,
    responseTime: root?.endTime === undefined ? undefined : root.endTime - root.startTime,
    error: rootDoc['error'] === true,
    fault: rootDoc['fault'] === true,
    throttle: records.some((r) => r.document['throttle'] === true),
    partial: records.some((r) => r.inProgress),
    httpStatus: typeof status === 'number' ? status : undefined,
    http: facts,
    users: [...users],
    annotations,
    services: [...services.values()],
    resourceArns: [...new Set(records.flatMap((r) => (typeof r.document['resource_arn'] === 'string' ? [r.document['resource_arn']] : [])))],
  };
}

/** A TraceSummary as GetTraceSummaries returns it (times in epoch seconds). */
export function traceSummary(f: TraceFacts): Json {
  const annotations: Json = {};
  for (const [key, values] of f.annotations) {
    annotations[key] = values.map(({ value, service }) => ({
      AnnotationValue: typeof value === 'string' ? { StringValue: value } : typeof value === 'number' ? { NumberValue: value } : { BooleanValue: value },
      ServiceIds: [service],
    }));
  }
  const http: Json = {};
  if (f.http.url !== undefined) http['HttpURL'] = f.http.url;
  if (f.httpStatus !== undefined) http['HttpStatus'] = f.httpStatus;
  if (f.http.method !== undefined) http['HttpMethod'] = f.http.method;
  if (f.http.useragent !== undefined) http['UserAgent'] = f.http.useragent;
  if (f.http.clientip !== undefined) http['ClientIp'] = f.http.clientip;
  const summary: Json = {
    Id: f.traceId,
    StartTime: f.startTime,
    Duration: f.duration,
    HasFault: f.fault,
    HasError: f.error,
    HasThrottle: f.throttle,
    IsPartial: f.partial,
    Http: http,
    Annotations: annotations,
    Users: f.users.map((u) => ({ UserName: u, ServiceIds: f.services })),
    ServiceIds: f.services,
    ResourceARNs: f.resourceArns.map((arn) => ({ ARN: arn })),
    Revision: 1,
  };
  if (f.responseTime !== undefined) summary['ResponseTime'] = f.responseTime;
  if (f.root !== undefined) {
    const entry = f.services.find((s) => s.Name === f.root?.name);
    if (entry) summary['EntryPoint'] = entry;
  }
  return summary;
}
