import type { Clock } from '../core/clock';
import { groupNotFound, streamNotFound } from './errors';
import type { LogsLimits } from './limits';
import type { LogMirror } from './mirror';
import { planBatch, type InputLogEvent, type RejectedLogEventsInfo } from './put-events';
import { LogGroupRecord, LogStreamRecord, type LogGroupSettings, type StoredEvent } from './records';

export interface LogsStats {
  readonly logGroups: number;
  readonly logStreams: number;
  readonly storedEvents: number;
  readonly storedBytes: number;
  /** Events stored since the start. */
  readonly acceptedEvents: number;
  /** Events refused at ingestion: older than 14 days, past retention, over 2 h ahead, or larger than a batch. */
  readonly rejectedEvents: { readonly tooOld: number; readonly expired: number; readonly tooNew: number; readonly tooLarge: number };
  /** Stored events later removed by retention. */
  readonly expiredEvents: number;
}

/**
 * The groups, streams and events, with their accounting: ingestion, retention on the clock
 * (applied lazily, whenever a stream or group is read), the mirror folder, and the counts.
 */
export class LogStore {
  readonly groups = new Map<string, LogGroupRecord>();
  private seq = 0;
  private accepted = 0;
  private expired = 0;
  private readonly rejected = { tooOld: 0, expired: 0, tooNew: 0, tooLarge: 0 };

  constructor(
    private readonly clock: Clock,
    private readonly limits: LogsLimits,
    private readonly mirror: LogMirror | undefined,
  ) {}

  group(name: string): LogGroupRecord {
    const g = this.groups.get(name);
    if (!g) throw groupNotFound(name);
    return g;
  }

  stream(g: LogGroupRecord, name: string): LogStreamRecord {
    const s = g.streams.get(name);
    if (!s) throw streamNotFound(g.name, name);
    this.expireStream(g, s);
    return s;
  }

  addGroup(name: string, arn: string, settings: LogGroupSettings): LogGroupRecord {
    const g = new LogGroupRecord(name, this.clock.now(), arn, settings);
    this.groups.set(name, g);
    return g;
  }

  addStream(g: LogGroupRecord, name: string): LogStreamRecord {
    const s = new LogStreamRecord(name, this.clock.now(), `${g.arn}:log-stream:${name}`);
    g.streams.set(name, s);
    return s;
  }

  deleteGroup(name: string): void {
    this.groups.delete(name);
    this.mirror?.deleteGroup(name);
  }

  deleteStream(g: LogGroupRecord, s: LogStreamRecord): void {
    g.storedBytes -= s.events.reduce((n, e) => n + e.bytes, 0);
    g.streams.delete(s.name);
    this.mirror?.deleteStream(g.name, s.name);
  }

  expireStream(g: LogGroupRecord, s: LogStreamRecord): void {
    const cutoff = g.retentionCutoff(this.clock.now());
    if (cutoff === undefined) return;
    const gone = s.expireBefore(cutoff);
    this.expired += gone.events;
    g.storedBytes -= gone.bytes;
  }

  expireGroup(g: LogGroupRecord): void {
    for (const s of g.streams.values()) this.expireStream(g, s);
  }

  /** Stores one batch under PutLogEvents' rules; returns what it left out, by index. */
  store(g: LogGroupRecord, s: LogStreamRecord, events: readonly InputLogEvent[]): RejectedLogEventsInfo | undefined {
    const now = this.clock.now();
    const plan = planBatch(events, { nowMs: now, retentionCutoffMs: g.retentionCutoff(now), limits: this.limits });
    this.rejected.tooOld += plan.counts.tooOld;
    this.rejected.expired += plan.counts.expired;
    this.rejected.tooNew += plan.counts.tooNew;
    const stored: StoredEvent[] = plan.accepted.map((i) => {
      const e = events[i] as InputLogEvent;
      return { timestamp: e.timestamp, message: e.message, ingestionTime: now, seq: ++this.seq, bytes: Buffer.byteLength(e.message, 'utf8') };
    });
    for (const e of stored) {
      s.insert(e);
      g.storedBytes += e.bytes;
    }
    if (stored.length > 0) s.sequence++;
    this.accepted += stored.length;
    this.mirror?.append(g.name, s.name, stored);
    return plan.rejected;
  }

  countOversized(n: number): void {
    this.rejected.tooLarge += n;
  }

  /** Stored events in time order: one stream, or the whole group interleaved. */
  events(groupName: string, streamName?: string): (StoredEvent & { logStreamName: string })[] {
    const g = this.group(groupName);
    this.expireGroup(g);
    const streams = streamName === undefined ? [...g.streams.values()] : [this.stream(g, streamName)];
    return streams.flatMap((s) => s.events.map((e) => ({ ...e, logStreamName: s.name }))).sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
  }

  stats(): LogsStats {
    let logStreams = 0;
    let storedEvents = 0;
    let storedBytes = 0;
    for (const g of this.groups.values()) {
      this.expireGroup(g);
      logStreams += g.streams.size;
      storedBytes += g.storedBytes;
      for (const s of g.streams.values()) storedEvents += s.events.length;
    }
    return { logGroups: this.groups.size, logStreams, storedEvents, storedBytes, acceptedEvents: this.accepted, rejectedEvents: { ...this.rejected }, expiredEvents: this.expired };
  }
}
