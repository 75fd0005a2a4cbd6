/**
 * Structured logs: one JSON object per line on stdout, which CloudWatch Logs (and Logs Insights)
 * parse field by field. Context such as requestId and caseId is bound once with `child`, so no
 * line of a case can be written without it.
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose every line also carries `fields`. */
  child(fields: LogFields): Logger;
}

export interface LoggerProps {
  /** Lowest level written; default from LOG_LEVEL, else `info`. */
  level?: LogLevel;
  /** Fields on every line. */
  fields?: LogFields;
  /** Where lines go; default process.stdout (Lambda forwards it to CloudWatch Logs as is). */
  write?: (line: string) => void;
  now?: () => Date;
}

/** Reads LOG_LEVEL; an unknown value is reported on stderr once and `info` is used, so a typo never silences logs. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = env['LOG_LEVEL'];
  if (raw === undefined || raw === '') return 'info';
  const level = raw.toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  process.stderr.write(`LOG_LEVEL="${raw}" is not one of ${LOG_LEVELS.join(', ')}; using info\n`);
  return 'info';
}

/** Errors do not survive JSON.stringify (their fields are not enumerable); keep what a reader needs. */
function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  return value;
}

export function createLogger(props: LoggerProps = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(props.level ?? logLevelFromEnv());
  const base = props.fields ?? {};
  const write = props.write ?? ((line: string) => process.stdout.write(line));
  const now = props.now ?? (() => new Date());

  const log = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const entry: LogFields = { level, time: now().toISOString(), message, ...base };
    for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value);
    write(`${JSON.stringify(entry)}\n`);
  };

  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (fields) => createLogger({ ...props, level: LOG_LEVELS[threshold] ?? 'info', fields: { ...base, ...fields } }),
  };
}
