import { LAMBDA_LIMITS } from './constants';
import type { EventInvokeConfig } from './deployed-function';
import { invalidParameter } from './errors';

function bounded(value: unknown, field: string, range: { min: number; max: number }): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw invalidParameter(`1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must have value between ${range.min} and ${range.max}`);
  }
  return value;
}

function destination(config: unknown, which: 'OnSuccess' | 'OnFailure'): string | undefined {
  const d = (config as Record<string, { Destination?: unknown } | undefined> | undefined)?.[which]?.Destination;
  if (d === undefined || d === null) return undefined;
  if (typeof d !== 'string' || !/^arn:aws[a-z-]*:(sqs|sns|lambda|events|s3):/.test(d)) throw invalidParameter(`DestinationConfig.${which}.Destination must be an SQS, SNS, Lambda, EventBridge or S3 ARN, got ${JSON.stringify(d)}`);
  return d;
}

/**
 * Put (replaces every member) or Update (changes only the members given) of a function's
 * asynchronous invocation settings.
 */
export function eventInvokeConfigFrom(input: Record<string, unknown>, base: EventInvokeConfig | undefined, nowMs: number): EventInvokeConfig {
  const retries = bounded(input['MaximumRetryAttempts'], 'maximumRetryAttempts', LAMBDA_LIMITS.asyncMaxRetryAttempts);
  const age = bounded(input['MaximumEventAgeInSeconds'], 'maximumEventAgeInSeconds', LAMBDA_LIMITS.asyncMaxEventAgeSeconds);
  const destinations = input['DestinationConfig'];
  const config: EventInvokeConfig = {
    maximumRetryAttempts: retries ?? base?.maximumRetryAttempts ?? LAMBDA_LIMITS.asyncMaxRetryAttempts.default,
    maximumEventAgeSeconds: age ?? base?.maximumEventAgeSeconds ?? LAMBDA_LIMITS.asyncMaxEventAgeSeconds.default,
    lastModified: nowMs,
  };
  const onSuccess = destinations === undefined ? base?.onSuccess : destination(destinations, 'OnSuccess');
  const onFailure = destinations === undefined ? base?.onFailure : destination(destinations, 'OnFailure');
  if (onSuccess !== undefined) config.onSuccess = onSuccess;
  if (onFailure !== undefined) config.onFailure = onFailure;
  return config;
}
