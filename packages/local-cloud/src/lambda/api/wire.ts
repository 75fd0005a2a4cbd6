import { LATEST } from '../constants';
import type { DeployedFunction, EventInvokeConfig } from '../deployed-function';

/** Lambda writes LastModified as `2024-01-31T12:00:00.000+0000`. */
export function lambdaTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** The FunctionConfiguration shape (GetFunctionConfiguration, CreateFunction, ListFunctions, …). */
export function configurationOf(fn: DeployedFunction): Record<string, unknown> {
  const s = fn.settings;
  const logging: Record<string, string> = { LogFormat: s.logFormat, LogGroup: s.logGroup };
  if (s.applicationLogLevel !== undefined) logging['ApplicationLogLevel'] = s.applicationLogLevel;
  if (s.systemLogLevel !== undefined) logging['SystemLogLevel'] = s.systemLogLevel;
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: s.runtime,
    Role: s.role,
    Handler: s.handler,
    CodeSize: fn.code.size,
    CodeSha256: fn.code.sha256,
    Description: s.description,
    Timeout: s.timeoutSeconds,
    MemorySize: s.memoryMb,
    LastModified: lambdaTimestamp(fn.lastModified),
    Version: LATEST,
    ...(Object.keys(s.environment).length > 0 ? { Environment: { Variables: s.environment } } : {}),
    TracingConfig: { Mode: s.tracingMode },
    ...(s.deadLetterTargetArn !== undefined ? { DeadLetterConfig: { TargetArn: s.deadLetterTargetArn } } : {}),
    RevisionId: fn.revisionId,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: s.architectures,
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: logging,
  };
}

export function eventInvokeConfigOf(fn: DeployedFunction, c: EventInvokeConfig): Record<string, unknown> {
  const destinations: Record<string, unknown> = {};
  if (c.onSuccess !== undefined) destinations['OnSuccess'] = { Destination: c.onSuccess };
  if (c.onFailure !== undefined) destinations['OnFailure'] = { Destination: c.onFailure };
  return {
    FunctionArn: `${fn.arn}:${LATEST}`,
    LastModified: c.lastModified / 1000,
    MaximumRetryAttempts: c.maximumRetryAttempts,
    MaximumEventAgeInSeconds: c.maximumEventAgeSeconds,
    DestinationConfig: destinations,
  };
}
