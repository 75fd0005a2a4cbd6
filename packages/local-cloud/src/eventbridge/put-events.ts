import type { PutEventsRequestEntry, PutEventsResultEntry } from '../core/ports';
import { constraintError, EventBridgeError } from './errors';
import { EVENTBRIDGE_LIMITS } from './limits';

/** PutEventsRequestEntry's size as EventBridge counts it (User Guide, "Calculating PutEvents event entry size"). */
export function entrySize(e: PutEventsRequestEntry): number {
  const bytes = (s: string | undefined): number => (s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));
  let size = e.Time === undefined ? 0 : EVENTBRIDGE_LIMITS.putEventsTimeBytes;
  size += bytes(e.Source) + bytes(e.DetailType) + bytes(e.Detail);
  for (const r of e.Resources ?? []) size += bytes(r);
  return size;
}

/** Request-level checks: the entry count, the total size, and at least one complete entry. */
export function checkPutEventsRequest(entries: readonly PutEventsRequestEntry[]): void {
  const max = EVENTBRIDGE_LIMITS.putEventsMaxEntries;
  if (entries.length < 1) throw constraintError('[]', 'entries', 'Member must have length greater than or equal to 1');
  if (entries.length > max) throw constraintError('[PutEventsRequestEntry]', 'entries', `Member must have length less than or equal to ${max}`);
  const total = entries.reduce((n, e) => n + entrySize(e), 0);
  if (total > EVENTBRIDGE_LIMITS.putEventsMaxBytes) {
    throw new EventBridgeError('ValidationException', `Total size of the entries in the request is over the limit (${total} bytes; at most ${EVENTBRIDGE_LIMITS.putEventsMaxBytes}).`);
  }
  if (!entries.some((e) => e.Source && e.DetailType && e.Detail)) {
    throw new EventBridgeError('ValidationException', 'Parameter(s) Source, DetailType and Detail must be specified in at least one entry.');
  }
}

/** A well-formed entry's parts, or the per-entry error PutEvents answers with. */
export type CheckedEntry =
  | { readonly ok: true; readonly source: string; readonly detailType: string; readonly detail: Record<string, unknown> }
  | { readonly ok: false; readonly error: Required<Pick<PutEventsResultEntry, 'ErrorCode' | 'ErrorMessage'>> };

const invalidArgument = (member: string, reason: string): CheckedEntry => ({
  ok: false,
  error: { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${member} is not valid. Reason: ${reason}` },
});

export function checkEntry(e: PutEventsRequestEntry): CheckedEntry {
  if (!e.Source) return invalidArgument('Source', 'Source is a required argument.');
  if (!e.DetailType) return invalidArgument('DetailType', 'DetailType is a required argument.');
  if (!e.Detail) return invalidArgument('Detail', 'Detail is a required argument.');
  if (e.DetailType.length > EVENTBRIDGE_LIMITS.detailTypeMaxLength) {
    return invalidArgument('DetailType', `DetailType is ${e.DetailType.length} characters, over ${EVENTBRIDGE_LIMITS.detailTypeMaxLength}.`);
  }
  // Sources beginning with "aws." belong to AWS services; custom events may not claim them.
  if (e.Source.startsWith('aws.')) return { ok: false, error: { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' } };
  let detail: unknown;
  try {
    detail = JSON.parse(e.Detail);
  } catch {
    return { ok: false, error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ok: false, error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed: it must be a JSON object.' } };
  }
  return { ok: true, source: e.Source, detailType: e.DetailType, detail: detail as Record<string, unknown> };
}

/** ISO 8601 at second precision, as EventBridge writes an event's `time`. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
