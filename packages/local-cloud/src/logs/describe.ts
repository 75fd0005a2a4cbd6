import type { LogGroupRecord, LogStreamRecord } from './records';
import { decodeOpaque, encodeOpaque } from './tokens';

/** DescribeLogGroups / DescribeLogStreams: the wire shapes and key-based paging. */

export interface LogGroupOutput {
  logGroupName: string;
  creationTime: number;
  arn: string;
  retentionInDays?: number;
  metricFilterCount?: number;
  storedBytes?: number;
  kmsKeyId?: string;
  logGroupClass?: string;
  logGroupArn?: string;
  deletionProtectionEnabled?: boolean;
}

/** `brief`: DescribeLogGroups with logGroupNamePattern returns only the name, creation time and ARN. */
export function logGroupOutput(g: LogGroupRecord, brief: boolean): LogGroupOutput {
  const out: LogGroupOutput = { logGroupName: g.name, creationTime: g.creationTime, arn: `${g.arn}:*` };
  if (brief) return out;
  if (g.settings.retentionInDays !== undefined) out.retentionInDays = g.settings.retentionInDays;
  out.metricFilterCount = 0;
  out.storedBytes = g.storedBytes;
  if (g.settings.kmsKeyId !== undefined) out.kmsKeyId = g.settings.kmsKeyId;
  out.logGroupClass = g.settings.logGroupClass;
  out.logGroupArn = g.arn;
  out.deletionProtectionEnabled = g.settings.deletionProtectionEnabled;
  return out;
}

export interface LogStreamOutput {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  uploadSequenceToken: string;
  arn: string;
  /** Always 0 for streams since 2019, as on AWS. */
  storedBytes: number;
}

export function sequenceToken(sequence: number): string {
  return String(sequence).padStart(56, '0');
}

export function logStreamOutput(s: LogStreamRecord): LogStreamOutput {
  const out: LogStreamOutput = { logStreamName: s.name, creationTime: s.creationTime, uploadSequenceToken: sequenceToken(s.sequence), arn: s.arn, storedBytes: 0 };
  if (s.firstEventTimestamp !== undefined) out.firstEventTimestamp = s.firstEventTimestamp;
  if (s.lastEventTimestamp !== undefined) out.lastEventTimestamp = s.lastEventTimestamp;
  if (s.lastIngestionTime !== undefined) out.lastIngestionTime = s.lastIngestionTime;
  return out;
}

/** Sorts by `keyOf` (code-unit order), and the next page starts after the key the token names. */
export function pageByKey<T>(items: Iterable<T>, keyOf: (item: T) => string, opts: { descending: boolean; limit: number; nextToken?: string | undefined }): { page: T[]; nextToken?: string } {
  const sign = opts.descending ? -1 : 1;
  const keyed = [...items].map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : 0));
  let start = 0;
  if (opts.nextToken !== undefined) {
    const after = decodeOpaque(opts.nextToken);
    start = keyed.findIndex((k) => (opts.descending ? k.key < after : k.key > after));
    if (start < 0) start = keyed.length;
  }
  const slice = keyed.slice(start, start + opts.limit);
  const last = slice[slice.length - 1];
  const result: { page: T[]; nextToken?: string } = { page: slice.map((k) => k.item) };
  if (last !== undefined && start + opts.limit < keyed.length) result.nextToken = encodeOpaque(last.key);
  return result;
}

/** The LastEventTime ordering as a string key: timestamp, then name. */
export function lastEventKey(s: LogStreamRecord): string {
  return `${String(s.lastEventTimestamp ?? 0).padStart(16, '0')}\u0000${s.name}`;
}
