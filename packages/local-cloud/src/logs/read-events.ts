import type { LogEventMatcher } from './filter-pattern';
import type { LogsLimits } from './limits';
import { AFTER_ALL, BEFORE_ALL, compareKeys, firstAfter, firstAtOrAfter, type EventKey, type LogStreamRecord, type StoredEvent } from './records';
import { decodeKeyToken, decodeOpaque, encodeKeyToken, encodeOpaque, type Direction } from './tokens';

/** GetLogEvents and FilterLogEvents over stored streams: pure, given the streams to read. */

export interface OutputLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
}

export interface FilteredLogEvent extends OutputLogEvent {
  logStreamName: string;
  eventId: string;
}

const size = (e: StoredEvent, limits: LogsLimits): number => e.bytes + limits.eventOverheadBytes;
const output = (e: StoredEvent): OutputLogEvent => ({ timestamp: e.timestamp, message: e.message, ingestionTime: e.ingestionTime });

export interface GetEventsQuery {
  /** Inclusive. */
  readonly startTime?: number | undefined;
  /** Exclusive. */
  readonly endTime?: number | undefined;
  readonly limit: number;
  readonly startFromHead: boolean;
  readonly nextToken?: string | undefined;
}

export interface GetEventsPage {
  events: OutputLogEvent[];
  nextForwardToken: string;
  nextBackwardToken: string;
}

/**
 * One page of a stream, always in ascending order. Without a token it starts at the head
 * (startFromHead) or ends at the tail; a token continues in its own direction. At the end of
 * the stream the token passed in comes back unchanged.
 */
export function getLogEvents(stream: LogStreamRecord, q: GetEventsQuery, limits: LogsLimits): GetEventsPage {
  const events = stream.events;
  const anchor = q.nextToken !== undefined ? decodeKeyToken(q.nextToken) : { direction: (q.startFromHead ? 'f' : 'b') as Direction, key: q.startFromHead ? BEFORE_ALL : AFTER_ALL };
  const lowest = q.startTime === undefined ? 0 : firstAtOrAfter(events, { timestamp: q.startTime, seq: 0 });
  const highest = q.endTime === undefined ? events.length : firstAtOrAfter(events, { timestamp: q.endTime, seq: 0 });
  const page: StoredEvent[] = [];
  let bytes = 0;
  const fits = (e: StoredEvent): boolean => page.length === 0 || (page.length < q.limit && bytes + size(e, limits) <= limits.responseBytes);
  if (anchor.direction === 'f') {
    for (let i = Math.max(lowest, firstAfter(events, anchor.key)); i < highest; i++) {
      const e = events[i] as StoredEvent;
      if (!fits(e)) break;
      page.push(e);
      bytes += size(e, limits);
    }
  } else {
    for (let i = Math.min(highest, firstAtOrAfter(events, anchor.key)) - 1; i >= lowest; i--) {
      const e = events[i] as StoredEvent;
      if (!fits(e)) break;
      page.push(e);
      bytes += size(e, limits);
    }
    page.reverse();
  }
  const first = page[0];
  const last = page[page.length - 1];
  const k = anchor.key;
  return {
    events: page.map(output),
    // An empty page keeps its anchor: forward "after K" pairs with backward "up to K", and vice versa.
    nextForwardToken: encodeKeyToken('f', last ?? (anchor.direction === 'f' ? k : { timestamp: k.timestamp, seq: Math.max(0, k.seq - 1) })),
    nextBackwardToken: encodeKeyToken('b', first ?? (anchor.direction === 'b' ? k : { timestamp: k.timestamp, seq: k.seq + 1 })),
  };
}

export interface FilterQuery {
  readonly streams: readonly LogStreamRecord[];
  /** Inclusive. */
  readonly startTime?: number | undefined;
  /** Inclusive. */
  readonly endTime?: number | undefined;
  readonly matcher: LogEventMatcher;
  readonly limit: number;
  readonly startFromHead: boolean;
  readonly nextToken?: string | undefined;
}

export interface FilterPage {
  events: FilteredLogEvent[];
  nextToken?: string;
}

interface Cursor {
  readonly stream: LogStreamRecord;
  index: number;
}

/** A binary heap of stream cursors, ordered by their current event (ascending or descending). */
class CursorHeap {
  private readonly items: Cursor[] = [];
  constructor(private readonly before: (a: StoredEvent, b: StoredEvent) => boolean) {}

  private event(c: Cursor): StoredEvent {
    return c.stream.events[c.index] as StoredEvent;
  }
  private less(i: number, j: number): boolean {
    return this.before(this.event(this.items[i] as Cursor), this.event(this.items[j] as Cursor));
  }
  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.items[j] as Cursor, this.items[i] as Cursor];
  }

  push(c: Cursor): void {
    this.items.push(c);
    for (let i = this.items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): Cursor | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (top === undefined || last === undefined || top === last) return top;
    this.items[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.items.length && this.less(l, m)) m = l;
      if (r < this.items.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
    return top;
  }
}

function eventId(e: StoredEvent): string {
  return `${String(e.timestamp).padStart(28, '0')}${String(e.seq).padStart(28, '0')}`;
}

/**
 * Events of several streams interleaved by timestamp (then ingestion order), oldest first unless
 * startFromHead is false. Streams are merged lazily, so a page reads only about as many events as
 * it returns. A nextToken comes back only when another matching event exists.
 */
export function filterLogEvents(q: FilterQuery, limits: LogsLimits): FilterPage {
  const anchor = q.nextToken !== undefined ? decodeKeyToken(decodeOpaque(q.nextToken)) : undefined;
  const direction: Direction = anchor?.direction ?? (q.startFromHead ? 'f' : 'b');
  const ascending = direction === 'f';
  const key: EventKey = anchor?.key ?? (ascending ? BEFORE_ALL : AFTER_ALL);
  const heap = new CursorHeap(ascending ? (a, b) => compareKeys(a, b) < 0 : (a, b) => compareKeys(a, b) > 0);
  for (const stream of q.streams) {
    const events = stream.events;
    let index: number;
    if (ascending) index = Math.max(firstAfter(events, key), q.startTime === undefined ? 0 : firstAtOrAfter(events, { timestamp: q.startTime, seq: 0 }));
    else index = Math.min(firstAtOrAfter(events, key), q.endTime === undefined ? events.length : firstAfter(events, { timestamp: q.endTime, seq: Number.MAX_SAFE_INTEGER })) - 1;
    if (index >= 0 && index < events.length) heap.push({ stream, index });
  }
  const inRange = (e: StoredEvent): boolean => (ascending ? q.endTime === undefined || e.timestamp <= q.endTime : q.startTime === undefined || e.timestamp >= q.startTime);
  /** The next matching event in order, or undefined when the range is exhausted. */
  const nextMatch = (): { e: StoredEvent; stream: LogStreamRecord } | undefined => {
    for (let c = heap.pop(); c !== undefined; c = heap.pop()) {
      const e = c.stream.events[c.index] as StoredEvent;
      if (!inRange(e)) return undefined;
      c.index += ascending ? 1 : -1;
      if (c.index >= 0 && c.index < c.stream.events.length) heap.push(c);
      if (q.matcher(e.message)) return { e, stream: c.stream };
    }
    return undefined;
  };
  const events: FilteredLogEvent[] = [];
  let bytes = 0;
  let last: StoredEvent | undefined;
  for (let m = nextMatch(); m !== undefined; m = nextMatch()) {
    if (events.length > 0 && (events.length >= q.limit || bytes + size(m.e, limits) > limits.responseBytes)) {
      return { events, nextToken: encodeOpaque(encodeKeyToken(direction, last as StoredEvent)) };
    }
    events.push({ logStreamName: m.stream.name, ...output(m.e), eventId: eventId(m.e) });
    bytes += size(m.e, limits);
    last = m.e;
  }
  return { events };
}
