import { ALLOW_ALL, type Authorizer } from '../core/authorizer';
import { AwsError } from '../core/aws-error';
import { EXTERNAL_CALLER, type Caller } from '../core/caller';
import { Clock } from '../core/clock';
import { compileFilterExpression, FilterExpressionError, type TracePredicate } from './filter-expression';
import { XRAY_LIMITS, type XRayLimits } from './limits';
import { parseSegmentDocument, SegmentDocumentError, type RejectionReason, type SegmentRecord } from './segment-document';
import { mergedDocuments, subsegmentsOf, TraceStore, type SubsegmentView, type TraceRecord } from './trace-store';
import { traceFacts, traceSummary } from './trace-summary';

export interface XRayProps {
  /** The shared clock: when documents arrive (GetTraceSummaries' Event time range). Default: real time. */
  readonly clock?: Clock;
  readonly authorizer?: Authorizer;
  readonly limits?: Partial<XRayLimits>;
}

/** Refusals: documents (over 64 KB, not JSON, not a valid segment) and daemon datagrams without the protocol header. */
export type RejectionKind = RejectionReason | 'BadDatagramHeader';

export interface XRayStats {
  /** Documents received, by the daemon or PutTraceSegments. */
  readonly received: number;
  readonly stored: number;
  readonly rejected: Readonly<Record<RejectionKind, number>>;
  /** In-progress copies that arrived after the complete document (kept out, as X-Ray does). */
  readonly staleInProgress: number;
  readonly traces: number;
  /** The latest refusals, with what was wrong. */
  readonly recentRejections: readonly { readonly kind: RejectionKind; readonly message: string }[];
}

export interface UnprocessedTraceSegment {
  Id?: string;
  ErrorCode: string;
  Message: string;
}

export interface GetTraceSummariesRequest {
  /** Epoch seconds. */
  readonly startTime: number;
  readonly endTime: number;
  readonly timeRangeType?: 'TraceId' | 'Event' | 'Service' | undefined;
  readonly filterExpression?: string | undefined;
  readonly nextToken?: string | undefined;
}

type Waiter = { readonly match: (s: SubsegmentView) => boolean; readonly resolve: (s: SubsegmentView) => void };

/**
 * X-Ray: segment documents by trace, from the UDP daemon and PutTraceSegments, read back by
 * GetTraceSummaries, BatchGetTraces and an in-process query API for tests.
 */
export class XRay {
  readonly clock: Clock;
  readonly limits: XRayLimits;
  private readonly authorizer: Authorizer;
  private readonly store = new TraceStore();
  private received = 0;
  private stored = 0;
  private stale = 0;
  private readonly rejected: Record<RejectionKind, number> = { DocumentTooLarge: 0, MalformedJson: 0, InvalidSegment: 0, BadDatagramHeader: 0 };
  private readonly recent: { kind: RejectionKind; message: string }[] = [];
  private readonly waiters = new Set<Waiter>();

  constructor(props: XRayProps = {}) {
    this.clock = props.clock ?? new Clock();
    this.authorizer = props.authorizer ?? ALLOW_ALL;
    this.limits = { ...XRAY_LIMITS, ...props.limits };
  }

  /** Counts a refusal and keeps its reason among the recent ones. */
  reject(kind: RejectionKind, message: string): void {
    this.rejected[kind]++;
    this.recent.push({ kind, message });
    if (this.recent.length > this.limits.recentRejections) this.recent.shift();
  }

  /** Takes one segment document (the daemon's and PutTraceSegments' common path); throws SegmentDocumentError. */
  ingest(text: string): SegmentRecord[] {
    this.received++;
    let records: SegmentRecord[];
    try {
      records = parseSegmentDocument(text, this.limits);
    } catch (err) {
      if (err instanceof SegmentDocumentError) this.reject(err.reason, err.message);
      throw err;
    }
    const now = this.clock.now();
    for (const record of records) {
      if (this.store.put(record, now) === 'stale') {
        this.stale++;
        continue;
      }
      this.stored++;
      if (this.waiters.size > 0) this.notify(this.store.get(record.traceId) as TraceRecord);
    }
    return records;
  }

  putTraceSegments(documents: readonly string[], caller: Caller = EXTERNAL_CALLER): { UnprocessedTraceSegments: UnprocessedTraceSegment[] } {
    this.authorizer.authorize({ caller, action: 'xray:PutTraceSegments', resource: '*' });
    const unprocessed: UnprocessedTraceSegment[] = [];
    for (const doc of documents) {
      try {
        this.ingest(doc);
      } catch (err) {
        if (!(err instanceof SegmentDocumentError)) throw err;
        unprocessed.push({ ...(err.id === undefined ? {} : { Id: err.id }), ErrorCode: err.reason, Message: err.message });
      }
    }
    return { UnprocessedTraceSegments: unprocessed };
  }

  getTraceSummaries(req: GetTraceSummariesRequest, caller: Caller = EXTERNAL_CALLER): Record<string, unknown> {
    this.authorizer.authorize({ caller, action: 'xray:GetTraceSummaries', resource: '*' });
    if (!(req.endTime >= req.startTime)) throw new AwsError('InvalidRequestException', `EndTime (${req.endTime}) is before StartTime (${req.startTime})`);
    let predicate: TracePredicate;
    try {
      predicate = compileFilterExpression(req.filterExpression);
    } catch (err) {
      if (err instanceof FilterExpressionError) throw new AwsError('InvalidRequestException', err.message);
      throw err;
    }
    const inRange = (t: TraceRecord): boolean => {
      const between = (s: number): boolean => s >= req.startTime && s <= req.endTime;
      switch (req.timeRangeType ?? 'TraceId') {
        case 'TraceId':
          return between(parseInt(t.traceId.slice(2, 10), 16));
        case 'Event':
          return between(t.updatedMs / 1000);
        case 'Service':
          return [...t.documents.values()].some((d) => d.endTime !== undefined && between(d.endTime));
      }
    };
    const candidates = [...this.store.all()].filter(inRange);
    const matching = candidates.map((t) => traceFacts(t, this.limits)).filter(predicate);
    // Most recent first, as X-Ray pages (its first page is the one closest to EndTime).
    matching.sort((a, b) => b.startTime - a.startTime || (a.traceId < b.traceId ? -1 : 1));
    const offset = req.nextToken === undefined ? 0 : this.offsetOf(req.nextToken);
    const page = matching.slice(offset, offset + this.limits.summariesPageSize);
    const next = offset + page.length < matching.length ? Buffer.from(String(offset + page.length)).toString('base64url') : undefined;
    return {
      TraceSummaries: page.map(traceSummary),
      ApproximateTime: this.clock.now() / 1000,
      TracesProcessedCount: candidates.length,
      ...(next === undefined ? {} : { NextToken: next }),
    };
  }

  private offsetOf(token: string): number {
    const n = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(n) || n < 0) throw new AwsError('InvalidRequestException', `Invalid NextToken: ${token}`);
    return n;
  }

  batchGetTraces(traceIds: readonly string[], caller: Caller = EXTERNAL_CALLER): { Traces: Record<string, unknown>[]; UnprocessedTraceIds: string[] } {
    this.authorizer.authorize({ caller, action: 'xray:BatchGetTraces', resource: '*' });
    const traces: Record<string, unknown>[] = [];
    const unprocessed: string[] = [];
    for (const id of traceIds) {
      const t = this.store.get(id);
      if (!t) {
        unprocessed.push(id);
        continue;
      }
      const facts = traceFacts(t, this.limits);
      traces.push({ Id: id, Duration: facts.duration, LimitExceeded: false, Segments: mergedDocuments(t).map((d) => ({ Id: d.id, Document: JSON.stringify(d.document) })) });
    }
    return { Traces: traces, UnprocessedTraceIds: unprocessed };
  }

  // ---- in-process queries (tests, tools) ----

  traceIds(): string[] {
    return [...this.store.all()].map((t) => t.traceId);
  }

  /** The stored documents of a trace (segments and independent subsegments), oldest first. */
  segments(traceId: string): SegmentRecord[] {
    return [...(this.store.get(traceId)?.documents.values() ?? [])].sort((a, b) => a.startTime - b.startTime);
  }

  /** The trace with independent subsegments nested under their parents, as BatchGetTraces shows it. */
  trace(traceId: string): Record<string, unknown>[] {
    const t = this.store.get(traceId);
    return t === undefined ? [] : mergedDocuments(t).map((d) => d.document);
  }

  /** Subsegments by name (all when omitted), in one trace or in all of them. */
  subsegments(filter: { readonly name?: string; readonly traceId?: string } = {}): SubsegmentView[] {
    const traces = filter.traceId === undefined ? [...this.store.all()] : [this.store.get(filter.traceId)].filter((t): t is TraceRecord => t !== undefined);
    return traces.flatMap(subsegmentsOf).filter((s) => filter.name === undefined || s.name === filter.name);
  }

  /**
   * Resolves with the first subsegment that matches, already stored or yet to arrive (UDP is
   * asynchronous); rejects after `timeoutMs` of real time, naming what was awaited.
   */
  waitForSubsegment(match: (s: SubsegmentView) => boolean, timeoutMs = 5000): Promise<SubsegmentView> {
    const found = this.subsegments().find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (s) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(s);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`No matching subsegment arrived within ${timeoutMs} ms (${this.stored} documents stored, ${this.rejectedDocuments()} rejected)`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private rejectedDocuments(): number {
    return this.rejected.DocumentTooLarge + this.rejected.MalformedJson + this.rejected.InvalidSegment;
  }

  private notify(trace: TraceRecord): void {
    const views = subsegmentsOf(trace);
    for (const w of [...this.waiters]) {
      const hit = views.find(w.match);
      if (hit) w.resolve(hit);
    }
  }

  stats(): XRayStats {
    return { received: this.received, stored: this.stored, rejected: { ...this.rejected }, staleInProgress: this.stale, traces: this.store.size, recentRejections: [...this.recent] };
  }
}
