/**
 * The computing Lambda's log lines of one run (CloudWatch Logs FilterLogEvents on its log group,
 * within the run's time window). CloudWatch may still be ingesting them when the execution ends,
 * so the fetch is repeated until every expected invocation has its REPORT line or the wait is over.
 */
import { type CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LogLine } from '../measure/lambda-logs';
import { parseInvocations, reported } from '../measure/lambda-logs';
import type { LogsObservation } from '../measure/lambda-usage';

export interface LogsWindow {
  logGroup: string;
  startMs: number;
  endMs: number;
  /** Invocations the history says happened (at least). */
  expected: number;
  /** Real ms to keep trying. */
  waitMs: number;
}

/** How far around the execution the window reaches: a start logged just before, a duplicate delivery just after. */
export const WINDOW_MARGIN_MS = { before: 1_000, after: 5_000 } as const;

async function fetchAll(logs: CloudWatchLogsClient, window: LogsWindow): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  let nextToken: string | undefined;
  do {
    const page = await logs.send(
      new FilterLogEventsCommand({
        logGroupName: window.logGroup,
        startTime: Math.floor(window.startMs - WINDOW_MARGIN_MS.before),
        endTime: Math.ceil(window.endMs + WINDOW_MARGIN_MS.after),
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    for (const event of page.events ?? []) if (event.message !== undefined) lines.push({ timestamp: event.timestamp ?? 0, message: event.message });
    nextToken = page.nextToken;
  } while (nextToken);
  return lines;
}

export async function collectLogs(logs: CloudWatchLogsClient, window: LogsWindow): Promise<LogsObservation> {
  const deadline = Date.now() + window.waitMs;
  let lines: LogLine[] = [];
  for (;;) {
    try {
      lines = await fetchAll(logs, window);
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const why = name === 'ResourceNotFoundException' ? `log group ${window.logGroup} not found` : `FilterLogEvents on ${window.logGroup} failed (${name}: ${(error as Error).message})`;
      return { state: 'unavailable', lines: [], note: why };
    }
    // Only this execution's invocations count: the window's margin may hold an earlier run's last REPORT lines.
    const got = reported(parseInvocations(lines)).filter((i) => i.startMs !== undefined && i.startMs >= window.startMs).length;
    if (got >= window.expected) return { state: 'complete', lines };
    if (Date.now() >= deadline) {
      const note = `${got} of ${window.expected} invocations have a REPORT line in ${window.logGroup}`;
      return got > 0 ? { state: 'partial', lines, note } : { state: 'unavailable', lines, note };
    }
    await sleep(Math.min(2_000, Math.max(100, window.waitMs / 10)));
  }
}
