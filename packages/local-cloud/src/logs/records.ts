/** What the model keeps per log group, stream and event. */
import { DAY_MS } from './limits';

export interface StoredEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly ingestionTime: number;
  /** Ingestion order across the whole service: breaks timestamp ties and anchors page tokens. */
  readonly seq: number;
  /** UTF-8 bytes of the message (what storedBytes counts). */
  readonly bytes: number;
}

/** A position between events: (timestamp, seq). Tokens carry one, so they survive inserts and expiry. */
export interface EventKey {
  readonly timestamp: number;
  readonly seq: number;
}

export const BEFORE_ALL: EventKey = { timestamp: 0, seq: 0 };
export const AFTER_ALL: EventKey = { timestamp: Number.MAX_SAFE_INTEGER, seq: Number.MAX_SAFE_INTEGER };

export function compareKeys(a: EventKey, b: EventKey): number {
  return a.timestamp - b.timestamp || a.seq - b.seq;
}

/** Index of the first event whose key is greater than `key` (all of them when none is). */
export function firstAfter(events: readonly StoredEvent[], key: EventKey): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(events[mid] as StoredEvent, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first event whose key is at least `key`. */
export function firstAtOrAfter(events: readonly StoredEvent[], key: EventKey): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(events[mid] as StoredEvent, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class LogStreamRecord {
  /** Sorted by (timestamp, seq). */
  readonly events: StoredEvent[] = [];
  lastIngestionTime: number | undefined;
  /** Bumped per accepted batch; reported as uploadSequenceToken / nextSequenceToken, never checked (as AWS now). */
  sequence = 0;

  constructor(
    readonly name: string,
    readonly creationTime: number,
    readonly arn: string,
  ) {}

  get firstEventTimestamp(): number | undefined {
    return this.events[0]?.timestamp;
  }

  get lastEventTimestamp(): number | undefined {
    return this.events[this.events.length - 1]?.timestamp;
  }

  insert(event: StoredEvent): void {
    const last = this.events[this.events.length - 1];
    // Writers append in time order; only a late batch needs the search.
    if (last === undefined || compareKeys(last, event) <= 0) this.events.push(event);
    else this.events.splice(firstAfter(this.events, event), 0, event);
    this.lastIngestionTime = Math.max(this.lastIngestionTime ?? 0, event.ingestionTime);
  }

  /** Drops events older than `cutoffMs`; returns how many and their bytes. */
  expireBefore(cutoffMs: number): { events: number; bytes: number } {
    const first = this.events[0];
    if (first === undefined || first.timestamp >= cutoffMs) return { events: 0, bytes: 0 };
    const end = firstAtOrAfter(this.events, { timestamp: cutoffMs, seq: 0 });
    let bytes = 0;
    for (let i = 0; i < end; i++) bytes += (this.events[i] as StoredEvent).bytes;
    this.events.splice(0, end);
    return { events: end, bytes };
  }
}

export interface LogGroupSettings {
  readonly logGroupClass: string;
  kmsKeyId: string | undefined;
  retentionInDays: number | undefined;
  deletionProtectionEnabled: boolean;
}

export class LogGroupRecord {
  readonly streams = new Map<string, LogStreamRecord>();
  readonly tags = new Map<string, string>();
  storedBytes = 0;

  constructor(
    readonly name: string,
    readonly creationTime: number,
    /** Without the trailing `:*` (tagging APIs, logGroupIdentifier). */
    readonly arn: string,
    readonly settings: LogGroupSettings,
  ) {}

  /** The oldest timestamp retention keeps at `nowMs`, or undefined when events never expire. */
  retentionCutoff(nowMs: number): number | undefined {
    const days = this.settings.retentionInDays;
    return days === undefined ? undefined : nowMs - days * DAY_MS;
  }
}
