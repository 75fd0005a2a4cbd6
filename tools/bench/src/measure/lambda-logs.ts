/**
 * A computing Lambda's invocations from its CloudWatch log lines: the platform's start and
 * report records (JSON log format, as infra configures it, or the plain-text START/REPORT
 * lines), joined to the case through the handler's own JSON lines, which carry
 * `awsRequestId` and `caseId` (see packages/lambda-log).
 */
export interface LogLine {
  /** When CloudWatch Logs received it (ms). */
  timestamp: number;
  message: string;
}

export interface Invocation {
  /** Lambda's request id. */
  requestId: string;
  caseId?: string;
  startMs?: number;
  durationMs?: number;
  billedDurationMs?: number;
  memoryMb?: number;
  /** Present on a cold start. */
  initDurationMs?: number;
}

const TEXT_START = /^START RequestId: (\S+)/;
const TEXT_REPORT = /^REPORT RequestId: (\S+)/;
const TEXT_FIELD = (name: string): RegExp => new RegExp(`${name}: ([\\d.]+)`);

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function textReport(line: string): Omit<Invocation, 'requestId' | 'startMs'> {
  const field = (name: string): number | undefined => {
    const match = TEXT_FIELD(name).exec(line);
    return match ? Number(match[1]) : undefined;
  };
  const report: Omit<Invocation, 'requestId' | 'startMs'> = {};
  const entries: [keyof typeof report, number | undefined][] = [
    ['durationMs', field('\\tDuration') ?? field('^REPORT RequestId: \\S+\\s+Duration')],
    ['billedDurationMs', field('Billed Duration')],
    ['memoryMb', field('Memory Size')],
    ['initDurationMs', field('Init Duration')],
  ];
  for (const [key, value] of entries) if (value !== undefined) (report as Record<string, number>)[key] = value;
  return report;
}

export function parseInvocations(lines: readonly LogLine[]): Invocation[] {
  const byId = new Map<string, Invocation>();
  const get = (requestId: string): Invocation => {
    let invocation = byId.get(requestId);
    if (!invocation) byId.set(requestId, (invocation = { requestId }));
    return invocation;
  };
  for (const line of lines) {
    const text = line.message.trim();
    const start = TEXT_START.exec(text);
    if (start?.[1]) {
      get(start[1]).startMs = line.timestamp;
      continue;
    }
    const report = TEXT_REPORT.exec(text);
    if (report?.[1]) {
      Object.assign(get(report[1]), textReport(text));
      continue;
    }
    if (!text.startsWith('{')) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(text) as Record<string, unknown>;
    } catch {
      continue;
    }
    const body = (record['record'] ?? {}) as Record<string, unknown>;
    const at = typeof record['time'] === 'string' ? Date.parse(record['time']) : Number.NaN;
    if (record['type'] === 'platform.start' && typeof body['requestId'] === 'string') {
      get(body['requestId']).startMs = Number.isNaN(at) ? line.timestamp : at;
    } else if (record['type'] === 'platform.report' && typeof body['requestId'] === 'string') {
      const metrics = (body['metrics'] ?? {}) as Record<string, unknown>;
      const invocation = get(body['requestId']);
      const fields: [keyof Invocation, number | undefined][] = [
        ['durationMs', numberOr(metrics['durationMs'])],
        ['billedDurationMs', numberOr(metrics['billedDurationMs'])],
        ['memoryMb', numberOr(metrics['memorySizeMB'])],
        ['initDurationMs', numberOr(metrics['initDurationMs'])],
      ];
      for (const [key, value] of fields) if (value !== undefined) (invocation as unknown as Record<string, number>)[key] = value;
    } else if (typeof record['awsRequestId'] === 'string' && typeof record['caseId'] === 'string') {
      get(record['awsRequestId']).caseId = record['caseId'];
    }
  }
  return [...byId.values()];
}

/** Invocations whose REPORT line arrived: the ones that can be billed and timed. */
export function reported(invocations: readonly Invocation[]): Invocation[] {
  return invocations.filter((i) => i.durationMs !== undefined);
}
