/**
 * Lambda's limits and timings, in one place. Figures from the Lambda developer guide (quotas,
 * scaling, asynchronous invocation); each can be overridden through LambdaServiceProps.limits.
 */
export const LAMBDA_LIMITS = {
  /** Concurrent executions per account and region. */
  accountConcurrency: 1000,
  /** Reservations must leave at least this much unreserved. */
  minimumUnreservedConcurrency: 100,
  /** Synchronous request and response payload (6 MB). */
  syncPayloadBytes: 6 * 1024 * 1024,
  /** Asynchronous (Event) request payload: 1 MB since late 2025 (256 KB before). */
  asyncPayloadBytes: 1024 * 1024,
  /** Function timeout bounds (seconds) and the default. */
  timeoutSeconds: { min: 1, max: 900, default: 3 },
  /** Memory bounds (MB) and the default. */
  memoryMb: { min: 128, max: 10_240, default: 128 },
  /** All environment variables together. */
  environmentBytes: 4096,
  /** Asynchronous invocation: retries after a function error, and the longest an event is kept. */
  asyncMaxRetryAttempts: { min: 0, max: 2, default: 2 },
  asyncMaxEventAgeSeconds: { min: 60, max: 21_600, default: 21_600 },
  /** An idle execution environment is reclaimed after this long (simulated). */
  idleEnvironmentSeconds: 600,
} as const;

/**
 * How fast a function may add execution environments: 1,000 every 10 seconds, refilled
 * continuously, never more than 1,000 in hand (the Lambda developer guide, "Lambda scaling
 * behavior"). An invocation that needs a new environment beyond it is throttled (429).
 */
export const SCALING_RATE = { burst: 1000, perSecond: 100 } as const;

/** Lambda waits about 1 minute, then 2, before retrying an asynchronous event after a function error. */
export const ASYNC_ERROR_RETRY_DELAYS_MS = [60_000, 120_000] as const;

/**
 * A throttled asynchronous event goes back to the queue: 1 s after the first attempt, doubling,
 * at most 5 minutes (each delay drawn between half and all of its step: AWS documents the
 * schedule, not its jitter).
 */
export const ASYNC_THROTTLE_RETRY = { firstDelayMs: 1000, maxDelayMs: 300_000 } as const;

/** Runtimes whose bundles this local Lambda runs (CommonJS or ESM-free Node.js code). */
export const SUPPORTED_RUNTIMES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;

export const LATEST = '$LATEST';

/** Function names: 1–64 of letters, digits, hyphens and underscores. */
export const FUNCTION_NAME_RE = /^[a-zA-Z0-9_-]{1,64}$/;
