/**
 * Typed configuration of the infrastructure: defaults, overridden by an optional JSON file,
 * overridden by FANOUT_* environment variables; validated with valibot, errors naming the field
 * (and the file or variable it came from).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as v from 'valibot';
import { ValidationError, type ValidationIssue, toIssues } from '@fanout/shared-types';
import { type DistributedMapConfig, DistributedMapInputSchema, distributedMapFromEnv, resolveDistributedMap } from './config-distributed';
import { DEFAULT_TOLERATED_FAILURE_PERCENTAGE, LOG_RETENTION_DAYS } from './constants';
import { MAX_EXECUTION_SECONDS, defaultCallbackTimeoutSeconds } from './timing';

/** infra/ — default config file location and the base for relative paths. */
export const INFRA_ROOT = path.resolve(__dirname, '..');
export const WORKSPACE_ROOT = path.resolve(INFRA_ROOT, '..');
export const DEFAULT_CONFIG_FILE = path.join(INFRA_ROOT, 'fanout.config.json');

const int = (min: number, max: number, what: string) =>
  v.pipe(v.number(`${what} must be a number`), v.integer(`${what} must be a whole number`), v.minValue(min, `${what} must be at least ${min}`), v.maxValue(max, `${what} must be at most ${max}`));

/** An AWS region name (us-east-1, eu-central-2, us-gov-west-1, …): the provider's and the state bucket's. */
const AWS_REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

const BackendSchema = v.strictObject({
  bucket: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'bucket must be an S3 bucket name')),
  keyPrefix: v.exactOptional(v.pipe(v.string(), v.regex(/^[\w.\-/]{1,200}$/, 'keyPrefix must be letters, digits, _ . - /'))),
  region: v.exactOptional(v.pipe(v.string(), v.regex(AWS_REGION_PATTERN, 'region must be an AWS region such as eu-west-1'))),
  dynamodbTable: v.exactOptional(v.pipe(v.string(), v.minLength(3))),
});

/** Everything optional: what a file or the environment may set. */
export const ConfigInputSchema = v.strictObject({
  region: v.exactOptional(v.pipe(v.string(), v.regex(AWS_REGION_PATTERN, 'region must be an AWS region such as eu-west-1'))),
  // Short enough that the longest derived name (an IAM role, 64 characters) still fits.
  namePrefix: v.exactOptional(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,15}$/, 'namePrefix must be 1–16 characters: a lowercase letter, then lowercase letters, digits or -'))),
  slotCount: v.exactOptional(int(1, 100, 'slotCount')),
  computeMs: v.exactOptional(int(0, 900_000, 'computeMs')),
  lambdaMemoryMb: v.exactOptional(int(128, 10_240, 'lambdaMemoryMb')),
  lambdaTimeoutSeconds: v.exactOptional(int(1, 900, 'lambdaTimeoutSeconds')),
  callbackTimeoutSeconds: v.exactOptional(int(10, 86_400, 'callbackTimeoutSeconds')),
  toleratedFailurePercentage: v.exactOptional(
    v.pipe(
      v.number('toleratedFailurePercentage must be a number'),
      v.minValue(0, 'toleratedFailurePercentage must be at least 0'),
      v.maxValue(100, 'toleratedFailurePercentage must be at most 100'),
      v.check((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(Math.round(n * 100) - n * 100) < 1e-9, 'toleratedFailurePercentage must have at most two decimals'),
    ),
  ),
  computeReservedConcurrency: v.exactOptional(int(1, 10_000, 'computeReservedConcurrency')),
  executionTimeoutSeconds: v.exactOptional(int(60, MAX_EXECUTION_SECONDS, 'executionTimeoutSeconds')),
  alarmEmail: v.exactOptional(v.pipe(v.string('alarmEmail must be a string'), v.email('alarmEmail must be an email address'))),
  logRetentionDays: v.exactOptional(v.picklist(LOG_RETENTION_DAYS, `logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(', ')}`)),
  tags: v.exactOptional(v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(128)), v.pipe(v.string('tag values must be strings'), v.maxLength(256)))),
  // Partial here: the bucket may come from the file and the key prefix from the environment.
  backend: v.exactOptional(v.partial(BackendSchema)),
  distributedMap: v.exactOptional(DistributedMapInputSchema),
  bundleRoot: v.exactOptional(v.pipe(v.string(), v.minLength(1))),
});
export type ConfigInput = v.InferOutput<typeof ConfigInputSchema>;
export interface BackendConfig {
  bucket: string;
  keyPrefix?: string;
  region?: string;
  dynamodbTable?: string;
}

export interface InfraConfig {
  region: string;
  namePrefix: string;
  slotCount: number;
  computeMs: number;
  lambdaMemoryMb: number;
  lambdaTimeoutSeconds: number;
  /** Derived from computeMs and Lambda's asynchronous retries unless set (see timing.ts). */
  callbackTimeoutSeconds: number;
  /** The execution fails when failed + missing cases are more than this percentage of the request. */
  toleratedFailurePercentage: number;
  /** Reserved concurrency of each compute function; default what its pattern runs at once. */
  computeReservedConcurrency?: number;
  /** The state machines' TimeoutSeconds; default derived per pattern (see timing.ts). */
  executionTimeoutSeconds?: number;
  /** Subscribed (email, to be confirmed) to each stack's alarm topic when set. */
  alarmEmail?: string;
  logRetentionDays: number;
  tags: Record<string, string>;
  backend?: BackendConfig;
  /** distributed-map's own settings (see config-distributed.ts). */
  distributedMap: DistributedMapConfig;
  /** Folder holding one built bundle folder per Lambda (`<bundleRoot>/compute-direct/index.js`, …). */
  bundleRoot: string;
}

/** Defaults of the settings that have a fixed one (callbackTimeoutSeconds is derived, see resolveConfig). */
export const DEFAULT_CONFIG: Omit<InfraConfig, 'callbackTimeoutSeconds'> = {
  distributedMap: resolveDistributedMap(undefined),
  region: 'us-east-1',
  namePrefix: 'fanout',
  slotCount: 3,
  computeMs: 5000,
  lambdaMemoryMb: 256,
  lambdaTimeoutSeconds: 30,
  toleratedFailurePercentage: DEFAULT_TOLERATED_FAILURE_PERCENTAGE,
  logRetentionDays: 14,
  tags: { project: 'sfn-fanout' },
  bundleRoot: path.join(WORKSPACE_ROOT, 'dist', 'apps'),
};

/** Environment variable → config field (numbers parsed, tags as JSON). */
export const ENV_VARS = {
  FANOUT_REGION: 'region',
  FANOUT_NAME_PREFIX: 'namePrefix',
  FANOUT_SLOT_COUNT: 'slotCount',
  FANOUT_COMPUTE_MS: 'computeMs',
  FANOUT_LAMBDA_MEMORY_MB: 'lambdaMemoryMb',
  FANOUT_LAMBDA_TIMEOUT_SECONDS: 'lambdaTimeoutSeconds',
  FANOUT_CALLBACK_TIMEOUT_SECONDS: 'callbackTimeoutSeconds',
  FANOUT_TOLERATED_FAILURE_PERCENTAGE: 'toleratedFailurePercentage',
  FANOUT_COMPUTE_RESERVED_CONCURRENCY: 'computeReservedConcurrency',
  FANOUT_EXECUTION_TIMEOUT_SECONDS: 'executionTimeoutSeconds',
  FANOUT_ALARM_EMAIL: 'alarmEmail',
  FANOUT_LOG_RETENTION_DAYS: 'logRetentionDays',
  FANOUT_TAGS: 'tags',
  FANOUT_BUNDLE_ROOT: 'bundleRoot',
} as const satisfies Record<string, keyof ConfigInput>;
const NUMERIC_FIELDS = new Set<string>([
  'slotCount',
  'computeMs',
  'lambdaMemoryMb',
  'lambdaTimeoutSeconds',
  'callbackTimeoutSeconds',
  'toleratedFailurePercentage',
  'computeReservedConcurrency',
  'executionTimeoutSeconds',
  'logRetentionDays',
]);
/**
 * Settings that no longer exist, with the reason: a file key or variable naming one is rejected
 * with this explanation rather than a bare "unknown key" (or, for a variable, being ignored).
 */
const REMOVED_SETTINGS: Record<string, { env: string; reason: string }> = {
  callbackHeartbeatSeconds: {
    env: 'FANOUT_CALLBACK_HEARTBEAT_SECONDS',
    reason: 'is no longer supported: compute-callback sends no heartbeats, so HeartbeatSeconds could only fail every case; callbackTimeoutSeconds bounds the wait',
  },
};
/** S3 state backend from the environment: the bucket turns it on. */
const BACKEND_ENV_VARS = { FANOUT_STATE_BUCKET: 'bucket', FANOUT_STATE_KEY_PREFIX: 'keyPrefix', FANOUT_STATE_REGION: 'region', FANOUT_STATE_LOCK_TABLE: 'dynamodbTable' } as const;
/** Path to a JSON config file, relative to infra/ or absolute (default infra/fanout.config.json when it exists). */
export const CONFIG_FILE_ENV = 'FANOUT_CONFIG';

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Explicit file; it must exist. Otherwise FANOUT_CONFIG, otherwise the default file if present. */
  file?: string;
}

/**
 * Defaults ← file ← environment; throws a ValidationError naming every bad field. A relative
 * file path is resolved against infra/ (as bundleRoot is), not the current directory: cdktf runs
 * the app in infra/ while Nx computes synth's cache hash from the workspace root, and both must
 * read the same file.
 */
export function loadConfig(options: LoadConfigOptions = {}): InfraConfig {
  const env = options.env ?? process.env;
  const named = options.file ?? env[CONFIG_FILE_ENV];
  const file = named !== undefined && named !== '' ? path.resolve(INFRA_ROOT, named) : existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined;
  const fromFile = file === undefined ? {} : readConfigFile(file);
  const fromEnv = configFromEnv(env);
  const merged = { ...fromFile, ...fromEnv, ...mergeBlock('backend', fromFile.backend, fromEnv.backend), ...mergeBlock('distributedMap', fromFile.distributedMap, fromEnv.distributedMap) };
  return resolveConfig(merged, file === undefined ? 'defaults' : file);
}

export function readConfigFile(file: string): ConfigInput {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ValidationError(file, 'infra configuration file', [{ path: '', message: `cannot read JSON: ${(error as Error).message}` }]);
  }
  return parseInput(raw, file, (p) => p);
}

/** The FANOUT_* variables as a config input; errors name the variable. */
export function configFromEnv(env: NodeJS.ProcessEnv): ConfigInput {
  const raw: Record<string, unknown> = {};
  const varOf = new Map<string, string>();
  for (const [name, field] of Object.entries(ENV_VARS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    varOf.set(field, name);
    raw[field] = field === 'tags' ? parseJsonOr(value) : NUMERIC_FIELDS.has(field) && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  }
  for (const [field, { env: name }] of Object.entries(REMOVED_SETTINGS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    varOf.set(field, name);
    raw[field] = value;
  }
  const backend: Record<string, string> = {};
  for (const [name, field] of Object.entries(BACKEND_ENV_VARS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    backend[field] = value;
    varOf.set(`backend.${field}`, name);
  }
  if (Object.keys(backend).length > 0) raw['backend'] = backend;
  const distributed = distributedMapFromEnv(env);
  if (distributed.raw !== undefined) raw['distributedMap'] = distributed.raw;
  return parseInput(raw, 'environment', (p) => {
    const top = p.split(/[.[]/)[0] ?? p;
    const name = varOf.get(p) ?? distributed.varOf.get(p) ?? varOf.get(top);
    return name === undefined ? p : `${name} (${p})`;
  });
}

/** Applies defaults and the checks that involve several fields. */
export function resolveConfig(input: ConfigInput, source: string): InfraConfig {
  const { backend, distributedMap, ...rest } = input;
  const lambdaTimeoutSeconds = rest.lambdaTimeoutSeconds ?? DEFAULT_CONFIG.lambdaTimeoutSeconds;
  const callbackTimeoutSeconds = rest.callbackTimeoutSeconds ?? defaultCallbackTimeoutSeconds(rest.computeMs ?? DEFAULT_CONFIG.computeMs, lambdaTimeoutSeconds);
  const config: InfraConfig = { ...DEFAULT_CONFIG, ...rest, callbackTimeoutSeconds, tags: { ...DEFAULT_CONFIG.tags, ...rest.tags }, distributedMap: resolveDistributedMap(distributedMap) };
  config.bundleRoot = path.resolve(INFRA_ROOT, config.bundleRoot);
  const issues: ValidationIssue[] = [];
  if (backend !== undefined) {
    const { bucket, keyPrefix, region, dynamodbTable } = backend;
    if (bucket === undefined) issues.push({ path: 'backend.bucket', message: 'is required when a state backend is configured (set backend.bucket or FANOUT_STATE_BUCKET)' });
    else {
      config.backend = { bucket };
      if (keyPrefix !== undefined) config.backend.keyPrefix = keyPrefix;
      if (region !== undefined) config.backend.region = region;
      if (dynamodbTable !== undefined) config.backend.dynamodbTable = dynamodbTable;
    }
  }
  if (config.lambdaTimeoutSeconds * 1000 <= config.computeMs) {
    issues.push({ path: 'lambdaTimeoutSeconds', message: `${config.lambdaTimeoutSeconds} s does not leave room for computeMs ${config.computeMs} ms; raise it above the compute time` });
  }
  if (config.callbackTimeoutSeconds < config.lambdaTimeoutSeconds) {
    issues.push({ path: 'callbackTimeoutSeconds', message: `${config.callbackTimeoutSeconds} s is shorter than one compute-callback run (lambdaTimeoutSeconds ${config.lambdaTimeoutSeconds} s)` });
  }
  if (issues.length > 0) throw new ValidationError(source, 'infra configuration', issues);
  return config;
}

function parseInput(raw: unknown, source: string, name: (path: string) => string): ConfigInput {
  const result = v.safeParse(ConfigInputSchema, raw);
  if (result.success) return result.output;
  const issues = toIssues(result.issues).map((issue) => ({ path: name(issue.path), message: REMOVED_SETTINGS[issue.path]?.reason ?? issue.message }));
  throw new ValidationError(source, 'infra configuration', issues);
}

/** A block set partly in the file and partly in the environment: the environment's fields win. */
function mergeBlock<K extends 'backend' | 'distributedMap'>(key: K, a: ConfigInput[K], b: ConfigInput[K]): Partial<Pick<ConfigInput, K>> {
  if (a === undefined && b === undefined) return {};
  return { [key]: { ...a, ...b } } as Partial<Pick<ConfigInput, K>>;
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
