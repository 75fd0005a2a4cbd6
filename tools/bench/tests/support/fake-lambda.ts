/**
 * Test stand-ins for Lambda's runtime and CloudWatch Logs: a handler runs in process, its log
 * lines and the platform's start/report records (JSON log format, as infra configures) go to
 * its log group with AWS timestamps from the shared clock.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '@fanout/local-cloud';

export interface StoredLogEvent {
  timestamp: number;
  message: string;
  logStreamName: string;
}

export class LogStore {
  readonly groups = new Map<string, StoredLogEvent[]>();

  put(group: string, timestamp: number, message: string): void {
    const events = this.groups.get(group) ?? [];
    events.push({ timestamp, message, logStreamName: '2026/12/02/[$LATEST]fake' });
    this.groups.set(group, events);
  }
}

export type Handler = (event: unknown, context: { awsRequestId: string }) => Promise<unknown>;

export interface FakeFunction {
  name: string;
  memoryMb: number;
  computeMs?: number;
  logGroup: string;
  handler: Handler;
}

/** Runs registered handlers as Lambda would, one log group each; the first invocation is a cold start. */
export class FakeLambda {
  readonly functions = new Map<string, FakeFunction>();
  private readonly warm = new Set<string>();

  constructor(
    private readonly clock: Clock,
    readonly logs: LogStore,
  ) {}

  register(fn: FakeFunction): void {
    this.functions.set(fn.name, fn);
  }

  /** A writer for the handler's own JSON log lines, stamped with AWS time. */
  writerFor(group: string): (line: string) => void {
    return (line) => this.logs.put(group, this.clock.now(), line.trimEnd());
  }

  async invoke(name: string, event: unknown, requestId: string = randomUUID()): Promise<unknown> {
    const fn = this.functions.get(name);
    if (!fn) throw Object.assign(new Error(`Function not found: ${name}`), { name: 'ResourceNotFoundException' });
    const start = this.clock.now();
    this.logs.put(fn.logGroup, start, JSON.stringify({ time: new Date(start).toISOString(), type: 'platform.start', record: { requestId, version: '$LATEST' } }));
    const cold = !this.warm.has(name);
    this.warm.add(name);
    try {
      return await fn.handler(event, { awsRequestId: requestId });
    } finally {
      const end = this.clock.now();
      const durationMs = Math.round((end - start) * 100) / 100;
      const metrics = { durationMs, billedDurationMs: Math.ceil(durationMs), memorySizeMB: fn.memoryMb, maxMemoryUsedMB: 80, ...(cold ? { initDurationMs: 150 } : {}) };
      this.logs.put(fn.logGroup, end, JSON.stringify({ time: new Date(end).toISOString(), type: 'platform.report', record: { requestId, metrics, status: 'success' } }));
    }
  }
}
