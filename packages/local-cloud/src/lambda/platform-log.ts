import type { ConsoleLevel } from './sandbox/process-shim';

/** The platform's START / END / REPORT records and the runtime's console lines, in the function's log format. */
export interface ReportMetrics {
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  status: 'success' | 'error' | 'timeout';
}

const iso = (ms: number): string => new Date(ms).toISOString();
const fixed = (ms: number): string => ms.toFixed(2);

export function startLine(format: 'Text' | 'JSON', atMs: number, requestId: string, version: string): string {
  return format === 'JSON'
    ? JSON.stringify({ time: iso(atMs), type: 'platform.start', record: { requestId, version } })
    : `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(format: 'Text' | 'JSON', atMs: number, requestId: string): string {
  return format === 'JSON' ? JSON.stringify({ time: iso(atMs), type: 'platform.runtimeDone', record: { requestId, status: 'success' } }) : `END RequestId: ${requestId}`;
}

export function reportLine(format: 'Text' | 'JSON', atMs: number, requestId: string, m: ReportMetrics): string {
  if (format === 'JSON') {
    const metrics: Record<string, number> = { durationMs: m.durationMs, billedDurationMs: m.billedDurationMs, memorySizeMB: m.memorySizeMb, maxMemoryUsedMB: m.maxMemoryUsedMb };
    if (m.initDurationMs !== undefined) metrics['initDurationMs'] = m.initDurationMs;
    return JSON.stringify({ time: iso(atMs), type: 'platform.report', record: { requestId, metrics, status: m.status } });
  }
  let line = `REPORT RequestId: ${requestId}\tDuration: ${fixed(m.durationMs)} ms\tBilled Duration: ${m.billedDurationMs} ms\tMemory Size: ${m.memorySizeMb} MB\tMax Memory Used: ${m.maxMemoryUsedMb} MB`;
  if (m.initDurationMs !== undefined) line += `\tInit Duration: ${fixed(m.initDurationMs)} ms`;
  if (m.status === 'timeout') line += '\tStatus: timeout';
  return line;
}

/** A console call as the Node.js runtime writes it: tab-separated text, or one JSON object. */
export function consoleLine(format: 'Text' | 'JSON', atMs: number, requestId: string | undefined, level: ConsoleLevel, message: string): string {
  if (format === 'JSON') return JSON.stringify({ timestamp: iso(atMs), level, requestId, message });
  return `${iso(atMs)}\t${requestId ?? 'undefined'}\t${level}\t${message}`;
}

/** The line the runtime logs when an invocation times out. */
export function timeoutLine(format: 'Text' | 'JSON', atMs: number, requestId: string, timeoutSeconds: number): string {
  const message = `Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
  return format === 'JSON' ? JSON.stringify({ timestamp: iso(atMs), level: 'ERROR', requestId, message }) : `${iso(atMs)} ${requestId} ${message}`;
}

/** Lambda bills whole milliseconds, rounded up. */
export function billedMs(durationMs: number): number {
  return Math.max(1, Math.ceil(durationMs));
}
