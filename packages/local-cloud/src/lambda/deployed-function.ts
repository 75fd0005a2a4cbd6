import type { IssuedCredentials } from '../core/credentials';
import type { CodePackage } from './code-package';
import type { FunctionSettings } from './function-config';
import type { CompiledPackage } from './sandbox/module-loader';
import type { ExecutionEnvironment } from './sandbox/environment';

export interface EventInvokeConfig {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onSuccess?: string;
  onFailure?: string;
  lastModified: number;
}

/** One statement of a function's resource-based policy (AddPermission). */
export interface PermissionStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: { Service: string } | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

/** What CloudWatch would show for the function (the metric names AWS/Lambda uses). */
export interface FunctionMetrics {
  Invocations: number;
  Errors: number;
  Throttles: number;
  Timeouts: number;
  ColdStarts: number;
  AsyncEventsReceived: number;
  AsyncEventsDropped: number;
  AsyncRetries: number;
  DestinationDeliveryFailures: number;
  DeadLetterErrors: number;
  DuplicateDeliveries: number;
  /** Busy environments at the highest. */
  ConcurrentExecutionsPeak: number;
  /** Environments created (each a cold start) and the highest number alive at once. */
  EnvironmentsCreated: number;
  EnvironmentsPeak: number;
}

export function emptyMetrics(): FunctionMetrics {
  return {
    Invocations: 0,
    Errors: 0,
    Throttles: 0,
    Timeouts: 0,
    ColdStarts: 0,
    AsyncEventsReceived: 0,
    AsyncEventsDropped: 0,
    AsyncRetries: 0,
    DestinationDeliveryFailures: 0,
    DeadLetterErrors: 0,
    DuplicateDeliveries: 0,
    ConcurrentExecutionsPeak: 0,
    EnvironmentsCreated: 0,
    EnvironmentsPeak: 0,
  };
}

/** One execution environment and what its output is attributed to (the invocation it runs now). */
export interface EnvironmentSlot {
  env: ExecutionEnvironment;
  stream: string;
  /** The environment's process.env (the same object the bundle holds). */
  vars: Record<string, string>;
  /** The invocation running, whose id the runtime's console lines carry. */
  requestId: string | undefined;
  /** This invocation's log lines, for LogType Tail. */
  tail: string[] | undefined;
}

/** A warm environment waiting for its next invocation, and the timer that reclaims it. */
export interface IdleEnvironment {
  slot: EnvironmentSlot;
  cancelReclaim: () => void;
}

/** A deployed function: configuration, code, policy, and the environments running it. */
export interface DeployedFunction {
  readonly name: string;
  readonly arn: string;
  settings: FunctionSettings;
  code: CodePackage;
  compiled: CompiledPackage;
  /** Changes with every update; environments of an older revision are not reused. */
  revisionId: string;
  lastModified: number;
  eventInvokeConfig: EventInvokeConfig | undefined;
  policy: PermissionStatement[];
  tags: Record<string, string>;
  credentials: IssuedCredentials;
  /** Warm environments, most recently used last (Lambda reuses the warmest). */
  idle: IdleEnvironment[];
  /** Every environment alive, idle or busy. */
  environments: Set<ExecutionEnvironment>;
  busy: number;
  metrics: FunctionMetrics;
  /** Why the latest destination / dead-letter sends failed (the newest 100; every one is counted). */
  deliveryFailures: { atMs: number; kind: 'destination' | 'dead-letter queue'; target: string; reason: string }[];
  /** Environments the function may still add now (its concurrency scaling rate), and when that was reckoned. */
  scaling: { tokens: number; atMs: number };
  deleted: boolean;
}
