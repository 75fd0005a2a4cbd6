/**
 * An execution's history delivered to CloudWatch Logs, as a state machine's loggingConfiguration
 * asks (Developer Guide, "Logging using CloudWatch Logs" and "Log levels"): the events of the
 * chosen level, one JSON log event each, in the state machine's log group. For an Express
 * execution it is the only record of its steps.
 */
import { createHash } from 'node:crypto';
import type { LogEvent, LogsPort } from '../../core/ports';
import { isTerminal, type StoredEvent } from './history';
import type { LoggingConfiguration, LogLevel } from './machine-config';

/** "If escaped input or escaped output sent to CloudWatch Logs exceeds 248KB, it will be truncated." */
export const LOGGED_PAYLOAD_LIMIT = 248 * 1024;

/** The event types ERROR logs (the guide's table, plus the Map Run's failures). */
const ERROR_TYPES: ReadonlySet<string> = new Set([
  'ExecutionAborted',
  'ExecutionFailed',
  'ExecutionTimedOut',
  'FailStateEntered',
  'LambdaFunctionFailed',
  'LambdaFunctionScheduleFailed',
  'LambdaFunctionStartFailed',
  'LambdaFunctionTimedOut',
  'MapIterationAborted',
  'MapIterationFailed',
  'MapRunAborted',
  'MapRunFailed',
  'MapStateAborted',
  'MapStateFailed',
  'ParallelStateAborted',
  'ParallelStateFailed',
  'TaskFailed',
  'TaskStartFailed',
  'TaskStateAborted',
  'TaskSubmitFailed',
  'TaskTimedOut',
  'WaitStateAborted',
]);
/** FATAL: only how the execution itself ended badly. */
const FATAL_TYPES: ReadonlySet<string> = new Set(['ExecutionAborted', 'ExecutionFailed', 'ExecutionTimedOut']);

/** The details members that carry execution data (left out unless includeExecutionData). */
const DATA_FIELDS = ['input', 'output', 'parameters'] as const;

/** CloudWatch Logs as Step Functions uses it: the log group must exist before a machine may log to it. */
export interface ExecutionLogsPort extends LogsPort {
  hasLogGroup(name: string): boolean;
}

export function levelLogs(level: LogLevel, type: string): boolean {
  if (level === 'ALL') return true;
  if (level === 'ERROR') return ERROR_TYPES.has(type);
  if (level === 'FATAL') return FATAL_TYPES.has(type);
  return false;
}

/** The log group a loggingConfiguration names (`arn:…:log-group:<name>:*`), if logging is on. */
export function loggedGroupName(config: LoggingConfiguration): string | undefined {
  if (config.level === 'OFF') return undefined;
  const arn = config.destinations?.[0]?.cloudWatchLogsLogGroup.logGroupArn;
  const match = arn === undefined ? null : /:log-group:(.+):\*$/.exec(arn);
  return match?.[1];
}

/**
 * One stream per execution, named `states/<state machine>/<YYYY-MM-DD-HH-MM of its start>/<id>`
 * (AWS documents no stream naming; this keeps an execution's events together, and stream names
 * may not hold ':', which ARNs do).
 */
export function executionLogStream(machineName: string, executionArn: string, startMs: number): string {
  const minute = new Date(startMs).toISOString().slice(0, 16).replace(/[T:]/g, '-');
  const id = createHash('sha256').update(executionArn).digest('hex').slice(0, 16);
  return `states/${machineName}/${minute}/${id}`;
}

/** The log event's message: the history event in the shape CloudWatch Logs shows it. */
export function executionLogMessage(event: StoredEvent, executionArn: string, includeExecutionData: boolean): string {
  const record: Record<string, unknown> = { id: String(event.id), type: event.type };
  if (event.details !== undefined) record['details'] = loggedDetails(event.details, includeExecutionData);
  record['previous_event_id'] = String(event.previousEventId);
  record['event_timestamp'] = String(Math.floor(event.ms));
  record['execution_arn'] = executionArn;
  return JSON.stringify(record);
}

function loggedDetails(details: Record<string, unknown>, includeExecutionData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...details };
  for (const field of DATA_FIELDS) {
    const value = out[field];
    if (value === undefined) continue;
    if (!includeExecutionData) {
      delete out[field];
      delete out[`${field}Details`];
    } else if (typeof value === 'string' && JSON.stringify(value).length > LOGGED_PAYLOAD_LIMIT) {
      out[field] = truncateEscaped(value, LOGGED_PAYLOAD_LIMIT);
      out[`${field}Details`] = { truncated: true };
    }
  }
  return out;
}

/** The longest prefix of `text` whose escaped form (JSON string, quotes included) fits in `limit`. */
function truncateEscaped(text: string, limit: number): string {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (JSON.stringify(text.slice(0, mid)).length <= limit) low = mid;
    else high = mid - 1;
  }
  return text.slice(0, low);
}

export interface ExecutionLogWriterProps {
  logs: LogsPort;
  group: string;
  stream: string;
  level: LogLevel;
  includeExecutionData: boolean;
  executionArn: string;
}

/**
 * Collects one execution's log events and hands them to CloudWatch Logs a batch at a time, off the
 * execution's path ("Publishing logs doesn't block or slow down executions"); the execution's
 * last event flushes at once, so a finished execution's log is complete.
 */
export class ExecutionLogWriter {
  private pending: LogEvent[] = [];
  private scheduled = false;

  constructor(private readonly props: ExecutionLogWriterProps) {}

  readonly observe = (event: StoredEvent): void => {
    const { level, executionArn, includeExecutionData } = this.props;
    if (!levelLogs(level, event.type)) {
      if (isTerminal(event.type)) this.flush();
      return;
    }
    this.pending.push({ timestamp: event.ms, message: executionLogMessage(event, executionArn, includeExecutionData) });
    if (isTerminal(event.type)) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  };

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.props.logs.putLogEvents(this.props.group, this.props.stream, batch);
  }
}
