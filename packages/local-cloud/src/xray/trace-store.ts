import { annotationsOf, childrenOf, type AnnotationValue, type SegmentRecord } from './segment-document';

type Json = Record<string, unknown>;

/** A subsegment as tests read it: where it sits in the trace, what it recorded. */
export interface SubsegmentView {
  readonly traceId: string;
  readonly id: string;
  readonly name: string;
  /** The segment or subsegment it belongs to. */
  readonly parentId: string | undefined;
  /** Epoch seconds. */
  readonly startTime: number;
  readonly endTime: number | undefined;
  readonly inProgress: boolean;
  readonly annotations: Readonly<Record<string, AnnotationValue>>;
  /** By namespace: aws-xray-sdk-core puts `addMetadata(key, value)` under `default`. */
  readonly metadata: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly namespace: string | undefined;
  readonly error: boolean;
  readonly fault: boolean;
  readonly throttle: boolean;
  readonly document: Readonly<Json>;
}

export interface TraceRecord {
  readonly traceId: string;
  /** By segment / independent subsegment id; a complete document replaces an in-progress one. */
  readonly documents: Map<string, SegmentRecord>;
  /** Simulated ms of the first and the latest document. */
  readonly firstReceivedMs: number;
  updatedMs: number;
}

/** Segment documents by trace id. */
export class TraceStore {
  private readonly traces = new Map<string, TraceRecord>();

  /** Stores a document; 'stale' when it is an in-progress copy of one already complete (kept out). */
  put(record: SegmentRecord, nowMs: number): 'stored' | 'stale' {
    let trace = this.traces.get(record.traceId);
    if (!trace) {
      trace = { traceId: record.traceId, documents: new Map(), firstReceivedMs: nowMs, updatedMs: nowMs };
      this.traces.set(record.traceId, trace);
    }
    const existing = trace.documents.get(record.id);
    if (existing && !existing.inProgress && record.inProgress) return 'stale';
    trace.documents.set(record.id, record);
    trace.updatedMs = nowMs;
    return 'stored';
  }

  get(traceId: string): TraceRecord | undefined {
    return this.traces.get(traceId);
  }

  all(): IterableIterator<TraceRecord> {
    return this.traces.values();
  }

  get size(): number {
    return this.traces.size;
  }
}

function view(traceId: string, doc: Json, parentId: string | undefined): SubsegmentView {
  const metadata = doc['metadata'];
  return {
    traceId,
    id: doc['id'] as string,
    name: doc['name'] as string,
    parentId,
    startTime: doc['start_time'] as number,
    endTime: doc['end_time'] as number | undefined,
    inProgress: doc['end_time'] === undefined,
    annotations: annotationsOf(doc),
    metadata: metadata !== null && typeof metadata === 'object' ? (metadata as Record<string, Record<string, unknown>>) : {},
    namespace: typeof doc['namespace'] === 'string' ? doc['namespace'] : undefined,
    error: doc['error'] === true,
    fault: doc['fault'] === true,
    throttle: doc['throttle'] === true,
    document: doc,
  };
}

/** Every subsegment of a trace, embedded or independent, with its parent's id. */
export function subsegmentsOf(trace: TraceRecord): SubsegmentView[] {
  const out: SubsegmentView[] = [];
  const walk = (doc: Json): void => {
    for (const child of childrenOf(doc)) {
      out.push(view(trace.traceId, child, doc['id'] as string));
      walk(child);
    }
  };
  for (const record of trace.documents.values()) {
    if (record.kind === 'subsegment') out.push(view(trace.traceId, record.document, record.parentId));
    walk(record.document);
  }
  return out.sort((a, b) => a.startTime - b.startTime);
}

/**
 * The trace as BatchGetTraces returns it: one document per segment, with the independent
 * subsegments nested under their parents. A subsegment whose parent is not in the trace stays a
 * document of its own (as Lambda's, until the function segment arrives).
 */
export function mergedDocuments(trace: TraceRecord): { id: string; document: Json }[] {
  const roots: { id: string; document: Json }[] = [];
  const byId = new Map<string, Json>();
  const index = (doc: Json): void => {
    byId.set(doc['id'] as string, doc);
    for (const child of childrenOf(doc)) index(child);
  };
  const copies = [...trace.documents.values()].sort((a, b) => a.startTime - b.startTime).map((r) => ({ record: r, doc: structuredClone(r.document) }));
  for (const { doc } of copies) index(doc);
  for (const { record, doc } of copies) {
    const parent = record.kind === 'subsegment' && record.parentId !== undefined ? byId.get(record.parentId) : undefined;
    // A parent inside the subsegment itself (a cycle in what was sent) would nest it in itself.
    if (parent === undefined || contains(doc, parent)) {
      roots.push({ id: record.id, document: doc });
      continue;
    }
    delete doc['type'];
    delete doc['trace_id'];
    delete doc['parent_id'];
    const siblings = Array.isArray(parent['subsegments']) ? (parent['subsegments'] as Json[]) : [];
    parent['subsegments'] = [...siblings, doc];
  }
  return roots;
}

function contains(doc: Json, target: Json): boolean {
  return doc === target || childrenOf(doc).some((c) => contains(c, target));
}
