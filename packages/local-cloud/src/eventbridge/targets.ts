import { isStandardQueueArn, targetKindOf } from './arns';
import { EventBridgeError } from './errors';
import { validateTargetInput, type TargetInputSpec } from './input-transform';
import { EVENTBRIDGE_LIMITS, MEMBER_MAX_LENGTH, NAME_PATTERNS } from './limits';
import type { TargetRecord } from './model-types';
import { boundedString, optInt, optStringMap, optStruct, type Body } from './wire';

export interface FailedTargetEntry {
  readonly TargetId: string;
  readonly ErrorCode: string;
  readonly ErrorMessage: string;
}

/**
 * PutTargets' targets: a member that breaks its modelled constraint refuses the whole call (as
 * AWS's request validation does); a target the local cloud cannot deliver to is reported in
 * FailedEntries and the others are still put.
 */
export function parseTargets(items: readonly unknown[]): { records: TargetRecord[]; failed: FailedTargetEntry[] } {
  const records: TargetRecord[] = [];
  const failed: FailedTargetEntry[] = [];
  items.forEach((item, i) => {
    const prefix = `targets.${i + 1}.member`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new EventBridgeError('SerializationException', `Value at '${prefix}' must be a structure`);
    }
    const result = parseTarget(item as Body, prefix);
    if ('failure' in result) failed.push(result.failure);
    else records.push(result.record);
  });
  return { records, failed };
}

function parseTarget(body: Body, prefix: string): { record: TargetRecord } | { failure: FailedTargetEntry } {
  const id = boundedString(body, 'Id', MEMBER_MAX_LENGTH.targetId, { prefix, pattern: NAME_PATTERNS.targetId, required: true });
  const arn = boundedString(body, 'Arn', MEMBER_MAX_LENGTH.arn, { prefix, required: true });
  const roleArn = boundedString(body, 'RoleArn', MEMBER_MAX_LENGTH.arn, { prefix });
  const input = parseInput(body, prefix);
  validateTargetInput(input, id);
  const retry = optStruct(body, 'RetryPolicy', prefix) ?? {};
  const { maximumRetryAttempts: attempts, maximumEventAgeSeconds: age } = EVENTBRIDGE_LIMITS;
  const maximumRetryAttempts = optInt(retry, 'MaximumRetryAttempts', attempts.min, attempts.max, `${prefix}.retryPolicy`) ?? attempts.default;
  const maximumEventAgeSeconds = optInt(retry, 'MaximumEventAgeInSeconds', age.min, age.max, `${prefix}.retryPolicy`) ?? age.default;
  const deadLetterArn = boundedString(optStruct(body, 'DeadLetterConfig', prefix) ?? {}, 'Arn', MEMBER_MAX_LENGTH.arn, { prefix: `${prefix}.deadLetterConfig` });

  const fail = (message: string) => ({ failure: { TargetId: id, ErrorCode: 'ValidationException', ErrorMessage: message } });
  const kind = targetKindOf(arn);
  if (!kind) return fail(`Target ${id}: the local cloud delivers to Lambda functions, SQS queues and Step Functions state machines; ${arn} is none of these.`);
  if (kind.kind === 'sqs' && kind.fifo) {
    return fail(`Target ${id}: FIFO queue targets need a MessageGroupId, which the local SQS does not run (standard queues only); use a standard queue.`);
  }
  if (kind.kind === 'states' && roleArn === undefined) return fail(`Target ${id}: RoleArn is required for a Step Functions state machine target.`);
  if (deadLetterArn !== undefined && !isStandardQueueArn(deadLetterArn)) {
    return fail(`Target ${id}: DeadLetterConfig.Arn ${deadLetterArn} must be the ARN of a standard (not FIFO) SQS queue.`);
  }
  return {
    record: {
      id,
      arn,
      kind,
      ...(roleArn === undefined ? {} : { roleArn }),
      input,
      retryPolicy: { maximumRetryAttempts, maximumEventAgeMs: maximumEventAgeSeconds * 1000 },
      ...(deadLetterArn === undefined ? {} : { deadLetterArn }),
      wire: body,
    },
  };
}

function parseInput(body: Body, prefix: string): TargetInputSpec {
  const Input = boundedString(body, 'Input', EVENTBRIDGE_LIMITS.inputMaxLength, { prefix });
  const InputPath = boundedString(body, 'InputPath', EVENTBRIDGE_LIMITS.inputPathMaxLength, { prefix });
  const transformer = optStruct(body, 'InputTransformer', prefix);
  const tPrefix = `${prefix}.inputTransformer`;
  const InputTransformer = transformer && {
    InputTemplate: boundedString(transformer, 'InputTemplate', EVENTBRIDGE_LIMITS.inputMaxLength, { prefix: tPrefix, required: true }),
    ...(transformer['InputPathsMap'] === undefined ? {} : { InputPathsMap: optStringMap(transformer, 'InputPathsMap', tPrefix) ?? {} }),
  };
  return { ...(Input === undefined ? {} : { Input }), ...(InputPath === undefined ? {} : { InputPath }), ...(InputTransformer ? { InputTransformer } : {}) };
}
