import { FUNCTION_NAME_RE, LAMBDA_LIMITS, LATEST, SUPPORTED_RUNTIMES } from './constants';
import { invalidParameter, notFound } from './errors';

/** What a function is configured with: the GetFunctionConfiguration shape, less what is derived. */
export interface FunctionSettings {
  runtime: string;
  role: string;
  handler: string;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
  tracingMode: 'Active' | 'PassThrough';
  architectures: string[];
  logFormat: 'Text' | 'JSON';
  logGroup: string;
  applicationLogLevel?: string;
  systemLogLevel?: string;
  deadLetterTargetArn?: string;
}

type Wire = Record<string, unknown>;

function optional<T>(input: Wire, field: string, type: 'string' | 'number' | 'object' | 'boolean'): T | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== type || (type === 'object' && Array.isArray(v))) throw invalidParameter(`${field} must be a ${type}, got ${JSON.stringify(v)}`);
  return v as T;
}

function bounded(value: number | undefined, field: string, range: { min: number; max: number; default: number }): number {
  const v = value ?? range.default;
  if (!Number.isInteger(v) || v < range.min || v > range.max) {
    throw invalidParameter(`1 validation error detected: Value '${v}' at '${field}' failed to satisfy constraint: Member must have value between ${range.min} and ${range.max}`);
  }
  return v;
}

export function checkFunctionName(name: unknown): string {
  if (typeof name !== 'string' || !FUNCTION_NAME_RE.test(name)) {
    throw invalidParameter(`1 validation error detected: Value '${String(name)}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+ (1-64 characters)`);
  }
  return name;
}

function environmentOf(input: Wire): Record<string, string> | undefined {
  const env = optional<Wire>(input, 'Environment', 'object');
  if (env === undefined) return undefined;
  const vars = optional<Wire>(env, 'Variables', 'object') ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    if (!/^[a-zA-Z]([a-zA-Z0-9_])*$/.test(k)) throw invalidParameter(`Environment variable name '${k}' is invalid: letters, digits and underscores, starting with a letter`);
    if (typeof v !== 'string') throw invalidParameter(`Environment variable '${k}' must be a string`);
    out[k] = v;
  }
  const size = Object.entries(out).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (size > LAMBDA_LIMITS.environmentBytes) {
    throw invalidParameter(`Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${size} bytes`);
  }
  return out;
}

/**
 * Reads the settings of CreateFunction / UpdateFunctionConfiguration. `base` holds the current
 * settings on update (members not given stay as they are); on create, Lambda's defaults.
 */
export function parseSettings(input: Wire, functionName: string, base?: FunctionSettings): FunctionSettings {
  const runtime = optional<string>(input, 'Runtime', 'string') ?? base?.runtime;
  if (runtime === undefined) throw invalidParameter('Runtime is required for a .zip deployment package');
  if (!(SUPPORTED_RUNTIMES as readonly string[]).includes(runtime)) {
    throw invalidParameter(`Value ${runtime} at 'runtime' is not run by the local Lambda (it runs ${SUPPORTED_RUNTIMES.join(', ')})`);
  }
  const role = optional<string>(input, 'Role', 'string') ?? base?.role;
  if (role === undefined || !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(role)) {
    throw invalidParameter(`1 validation error detected: Value '${String(role)}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+`);
  }
  const handler = optional<string>(input, 'Handler', 'string') ?? base?.handler;
  if (handler === undefined || !/^[^\s]+\.[^\s.]+$/.test(handler)) throw invalidParameter(`Handler must be <module>.<export>, got '${String(handler)}'`);
  const tracing = optional<Wire>(input, 'TracingConfig', 'object');
  const tracingMode = (optional<string>(tracing ?? {}, 'Mode', 'string') ?? base?.tracingMode ?? 'PassThrough') as FunctionSettings['tracingMode'];
  if (tracingMode !== 'Active' && tracingMode !== 'PassThrough') throw invalidParameter(`TracingConfig.Mode must be Active or PassThrough, got '${String(tracingMode)}'`);
  const logging = optional<Wire>(input, 'LoggingConfig', 'object') ?? {};
  const logFormat = (optional<string>(logging, 'LogFormat', 'string') ?? base?.logFormat ?? 'Text') as FunctionSettings['logFormat'];
  if (logFormat !== 'Text' && logFormat !== 'JSON') throw invalidParameter(`LoggingConfig.LogFormat must be Text or JSON, got '${String(logFormat)}'`);
  const architectures = (input['Architectures'] as string[] | undefined) ?? base?.architectures ?? ['x86_64'];
  if (!Array.isArray(architectures) || architectures.length !== 1 || !['x86_64', 'arm64'].includes(String(architectures[0]))) {
    throw invalidParameter(`Architectures must be ['x86_64'] or ['arm64'], got ${JSON.stringify(architectures)}`);
  }
  const dlq = optional<Wire>(input, 'DeadLetterConfig', 'object');
  const deadLetterTargetArn = dlq === undefined ? base?.deadLetterTargetArn : optional<string>(dlq, 'TargetArn', 'string');
  const settings: FunctionSettings = {
    runtime,
    role,
    handler,
    description: optional<string>(input, 'Description', 'string') ?? base?.description ?? '',
    timeoutSeconds: bounded(optional<number>(input, 'Timeout', 'number') ?? base?.timeoutSeconds, 'timeout', LAMBDA_LIMITS.timeoutSeconds),
    memoryMb: bounded(optional<number>(input, 'MemorySize', 'number') ?? base?.memoryMb, 'memorySize', LAMBDA_LIMITS.memoryMb),
    environment: environmentOf(input) ?? base?.environment ?? {},
    tracingMode,
    architectures: [String(architectures[0])],
    logFormat,
    logGroup: optional<string>(logging, 'LogGroup', 'string') ?? base?.logGroup ?? `/aws/lambda/${functionName}`,
  };
  const appLevel = optional<string>(logging, 'ApplicationLogLevel', 'string') ?? base?.applicationLogLevel;
  const sysLevel = optional<string>(logging, 'SystemLogLevel', 'string') ?? base?.systemLogLevel;
  if (appLevel !== undefined) settings.applicationLogLevel = appLevel;
  if (sysLevel !== undefined) settings.systemLogLevel = sysLevel;
  if (deadLetterTargetArn !== undefined && deadLetterTargetArn !== '') settings.deadLetterTargetArn = deadLetterTargetArn;
  return settings;
}

/** `name`, `name:qualifier`, a full or partial ARN → the name and qualifier. */
export function parseFunctionRef(ref: string): { name: string; qualifier: string | undefined } {
  const full = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?$/.exec(ref);
  if (full) return { name: full[1] as string, qualifier: full[2] };
  const partial = /^(?:\d{12}:)?(?:function:)?([a-zA-Z0-9_-]+)(?::([a-zA-Z0-9$_-]+))?$/.exec(ref);
  if (partial) return { name: partial[1] as string, qualifier: partial[2] };
  throw invalidParameter(`1 validation error detected: Value '${ref}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:($LATEST|[a-zA-Z0-9-_]+))?`);
}

export function checkQualifier(qualifier: string | undefined, arn: string): void {
  // Versions and aliases are out of scope: $LATEST is the only qualifier that exists.
  if (qualifier !== undefined && qualifier !== LATEST) throw notFound('Function', `${arn}:${qualifier} (the local Lambda publishes no versions or aliases; use $LATEST)`);
}
