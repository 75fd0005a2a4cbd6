import { SfnApiError } from './api-errors';

export type LogLevel = 'ALL' | 'ERROR' | 'FATAL' | 'OFF';

export interface LoggingConfiguration {
  level: LogLevel;
  includeExecutionData: boolean;
  destinations?: { cloudWatchLogsLogGroup: { logGroupArn: string } }[];
}

export interface TracingConfiguration {
  enabled: boolean;
}

export interface Tag {
  key: string;
  value: string;
}

export const LOGGING_OFF: LoggingConfiguration = Object.freeze({ level: 'OFF', includeExecutionData: false }) as LoggingConfiguration;
export const TRACING_OFF: TracingConfiguration = Object.freeze({ enabled: false });

/** Tag bounds from the API reference ("Tag"): keys 1–128 characters, values 0–256, 50 tags per resource. */
export const TAG_LIMITS = { keyMaxLength: 128, valueMaxLength: 256, perResource: 50 } as const;
/** "Tags may only contain Unicode letters, digits, white space, or these symbols: _ . : / = + - @". */
const TAG_TEXT = /^[\p{L}\p{N}\s_.:/=+\-@]*$/u;
const LEVELS: readonly LogLevel[] = ['ALL', 'ERROR', 'FATAL', 'OFF'];
const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:[^:]+:\d{12}:log-group:[^:]+:\*$/;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A loggingConfiguration as CreateStateMachine / UpdateStateMachine take it; InvalidLoggingConfiguration naming what is wrong. */
export function parseLogging(value: unknown): LoggingConfiguration {
  const invalid = (why: string): never => {
    throw new SfnApiError('InvalidLoggingConfiguration', `Invalid Logging Configuration: ${why}`);
  };
  if (!isObject(value)) return invalid('loggingConfiguration must be an object');
  const level = value['level'] ?? 'OFF';
  if (!LEVELS.includes(level as LogLevel)) invalid(`level must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  const include = value['includeExecutionData'] ?? false;
  if (typeof include !== 'boolean') invalid('includeExecutionData must be a boolean');
  const destinations = value['destinations'] ?? [];
  if (!Array.isArray(destinations) || destinations.length > 1) invalid('destinations must be a list of at most one log group');
  const arns = (destinations as unknown[]).map((d) => (isObject(d) && isObject(d['cloudWatchLogsLogGroup']) ? d['cloudWatchLogsLogGroup']['logGroupArn'] : undefined));
  for (const arn of arns) {
    if (typeof arn !== 'string' || !LOG_GROUP_ARN.test(arn)) invalid(`logGroupArn must be a CloudWatch Logs log group ARN ending in ':*', got ${JSON.stringify(arn)}`);
  }
  if (level !== 'OFF' && arns.length === 0) invalid(`level ${String(level)} needs a log group in destinations`);
  const config: LoggingConfiguration = { level: level as LogLevel, includeExecutionData: include as boolean };
  if (arns.length > 0) config.destinations = arns.map((logGroupArn) => ({ cloudWatchLogsLogGroup: { logGroupArn: logGroupArn as string } }));
  return config;
}

export function parseTracing(value: unknown): TracingConfiguration {
  const enabled = isObject(value) ? (value['enabled'] ?? false) : undefined;
  if (typeof enabled !== 'boolean') throw new SfnApiError('InvalidTracingConfiguration', 'Invalid Tracing Configuration: tracingConfiguration must be {"enabled": true|false}');
  return { enabled };
}

/** Tags as CreateStateMachine / TagResource take them: ValidationException for a bad key or value. */
export function parseTags(value: unknown, field = 'tags'): Tag[] {
  if (!Array.isArray(value)) throw new SfnApiError('ValidationException', `1 validation error detected: Value at '${field}' must be a list of {key, value}`);
  return value.map((t: unknown, i) => {
    const key = isObject(t) ? t['key'] : undefined;
    const val = isObject(t) ? (t['value'] ?? '') : undefined;
    const where = `${field}.${i + 1}.member`;
    if (typeof key !== 'string' || key.length < 1 || key.length > TAG_LIMITS.keyMaxLength || !TAG_TEXT.test(key)) {
      throw new SfnApiError('ValidationException', `1 validation error detected: Value at '${where}.key' failed to satisfy constraint: Member must have length between 1 and ${TAG_LIMITS.keyMaxLength} and only letters, digits, white space and _ . : / = + - @`);
    }
    if (typeof val !== 'string' || val.length > TAG_LIMITS.valueMaxLength || !TAG_TEXT.test(val)) {
      throw new SfnApiError('ValidationException', `1 validation error detected: Value at '${where}.value' failed to satisfy constraint: Member must have length at most ${TAG_LIMITS.valueMaxLength} and only letters, digits, white space and _ . : / = + - @`);
    }
    return { key, value: val };
  });
}

/** Applies tags to a resource's tag map (later keys win), refusing more than 50 in all. */
export function mergeTags(current: ReadonlyMap<string, string>, tags: readonly Tag[], resourceArn: string): Map<string, string> {
  const next = new Map(current);
  for (const t of tags) next.set(t.key, t.value);
  if (next.size > TAG_LIMITS.perResource) {
    throw new SfnApiError('TooManyTags', `Too many tags: '${resourceArn}' would have ${next.size} tags, over the limit of ${TAG_LIMITS.perResource}`, { resourceName: resourceArn });
  }
  return next;
}

/** Idempotency of CreateStateMachine compares these (not roleArn, not tags). */
export function sameConfig(a: LoggingConfiguration | TracingConfiguration, b: LoggingConfiguration | TracingConfiguration): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
