import { randomBytes } from 'node:crypto';

/** The `X-Amzn-Trace-Id` / `_X_AMZN_TRACE_ID` header: `Root=1-…;Parent=…;Sampled=1`. */

export const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
export const SEGMENT_ID = /^[0-9a-f]{16}$/;

export interface TraceHeader {
  readonly root: string;
  readonly parent?: string | undefined;
  /** Undefined when the header leaves the decision open (`Sampled=?` or absent). */
  readonly sampled?: boolean | undefined;
}

/** A new trace id: version 1, the epoch second in 8 hex digits, 96 random bits. */
export function newTraceId(nowMs: number): string {
  return `1-${Math.floor(nowMs / 1000).toString(16).padStart(8, '0')}-${randomBytes(12).toString('hex')}`;
}

/** A new 64-bit segment or subsegment id. */
export function newSegmentId(): string {
  return randomBytes(8).toString('hex');
}

/** Reads a trace header; undefined when it has no valid Root. Unknown fields (Lineage, Self) are ignored. */
export function parseTraceHeader(header: string | undefined): TraceHeader | undefined {
  if (header === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const root = fields.get('Root');
  if (root === undefined || !TRACE_ID.test(root)) return undefined;
  const parent = fields.get('Parent');
  const sampled = fields.get('Sampled');
  return {
    root,
    ...(parent !== undefined && SEGMENT_ID.test(parent) ? { parent } : {}),
    ...(sampled === '1' ? { sampled: true } : sampled === '0' ? { sampled: false } : {}),
  };
}

export function formatTraceHeader(h: TraceHeader): string {
  let text = `Root=${h.root}`;
  if (h.parent !== undefined) text += `;Parent=${h.parent}`;
  if (h.sampled !== undefined) text += `;Sampled=${h.sampled ? 1 : 0}`;
  return text;
}
