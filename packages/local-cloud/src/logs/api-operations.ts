import { AwsError } from '../core/aws-error';
import type { Caller } from '../core/caller';
import type { CloudWatchLogs } from './cloudwatch-logs';
import { invalidParameter, validationError } from './errors';
import {
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalString,
  optionalStringList,
  optionalStringMap,
  requiredString,
  requiredStringList,
  type StringRule,
} from './input';
import { LOG_GROUP_CLASSES, LOG_GROUP_NAME_PATTERN, LOG_STREAM_NAME_PATTERN, LOGS_LIMITS, RETENTION_DAYS } from './limits';
import type { InputLogEvent } from './put-events';
import { checkTagKeys, checkTags } from './tags';

type Input = Readonly<Record<string, unknown>>;

const GROUP_NAME: StringRule = { min: 1, max: LOGS_LIMITS.nameMaxLength, pattern: LOG_GROUP_NAME_PATTERN };
const STREAM_NAME: StringRule = { min: 1, max: LOGS_LIMITS.nameMaxLength, pattern: LOG_STREAM_NAME_PATTERN };
const TOKEN: StringRule = { min: 1 };
const DESCRIBE_LIMIT = { min: 1, max: LOGS_LIMITS.describePageSize };
const EVENTS_LIMIT = { min: 1, max: LOGS_LIMITS.eventsPageSize };
/** FilterLogEvents refuses newest-first reads that start before 2024-01-01. */
const DESCENDING_FILTER_EARLIEST = Date.UTC(2024, 0, 1);

/** `logGroupName` or `logGroupIdentifier` (a name or an ARN), exactly one. */
function groupOf(model: CloudWatchLogs, input: Input): string {
  const name = optionalString(input, 'logGroupName', GROUP_NAME);
  const identifier = optionalString(input, 'logGroupIdentifier', { min: 1, max: 2048 });
  if (name !== undefined && identifier !== undefined) throw invalidParameter('logGroupName and logGroupIdentifier are mutually exclusive; pass one of them');
  if (name === undefined && identifier === undefined) throw invalidParameter('Either logGroupName or logGroupIdentifier is required');
  return name ?? model.groupName(identifier as string);
}

function tagsOf(input: Input, field: string, required: boolean): Record<string, string> | undefined {
  const tags = optionalStringMap(input, field);
  if (tags === undefined) {
    if (required) throw validationError(field, undefined, 'Member must not be null');
    return undefined;
  }
  const count = Object.keys(tags).length;
  if (count < 1 || count > LOGS_LIMITS.tagsPerResource) throw validationError(field, tags, `Member must have length between 1 and ${LOGS_LIMITS.tagsPerResource}`);
  checkTags(field, tags);
  return tags;
}

function logEventsOf(input: Input): InputLogEvent[] {
  const raw = input['logEvents'];
  if (!Array.isArray(raw)) throw validationError('logEvents', raw, 'Member must not be null');
  if (raw.length < 1) throw validationError('logEvents', raw, 'Member must have length greater than or equal to 1');
  return raw.map((e: unknown, i) => {
    const at = `logEvents.${i + 1}.member`;
    if (e === null || typeof e !== 'object' || Array.isArray(e)) throw validationError(at, e, 'Member must be a structure');
    const { timestamp, message } = e as Input;
    if (timestamp === undefined || timestamp === null) throw validationError(`${at}.timestamp`, undefined, 'Member must not be null');
    if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0) throw validationError(`${at}.timestamp`, timestamp, 'Member must be an integer of at least 0');
    if (message === undefined || message === null) throw validationError(`${at}.message`, undefined, 'Member must not be null');
    if (typeof message !== 'string' || message.length < 1) throw validationError(`${at}.message`, message, 'Member must have length greater than or equal to 1');
    return { timestamp, message };
  });
}

type Operation = (model: CloudWatchLogs, input: Input, caller: Caller) => unknown;

const OPERATIONS: Record<string, Operation> = {
  CreateLogGroup: (m, i, c) => {
    m.createLogGroup(
      {
        logGroupName: requiredString(i, 'logGroupName', GROUP_NAME),
        kmsKeyId: optionalString(i, 'kmsKeyId', { max: 256 }),
        tags: tagsOf(i, 'tags', false),
        logGroupClass: optionalEnum(i, 'logGroupClass', LOG_GROUP_CLASSES),
        deletionProtectionEnabled: optionalBoolean(i, 'deletionProtectionEnabled'),
      },
      c,
    );
    return {};
  },
  DeleteLogGroup: (m, i, c) => (m.deleteLogGroup(requiredString(i, 'logGroupName', GROUP_NAME), c), {}),
  DescribeLogGroups: (m, i, c) =>
    m.describeLogGroups(
      {
        logGroupNamePrefix: optionalString(i, 'logGroupNamePrefix', GROUP_NAME),
        logGroupNamePattern: optionalString(i, 'logGroupNamePattern', { max: LOGS_LIMITS.nameMaxLength, pattern: /^[.\-_/#A-Za-z0-9]*$/ }),
        logGroupIdentifiers: optionalStringList(i, 'logGroupIdentifiers', { min: 1, max: 50 }, { min: 1, max: 2048 }),
        logGroupClass: optionalEnum(i, 'logGroupClass', LOG_GROUP_CLASSES),
        limit: optionalInteger(i, 'limit', DESCRIBE_LIMIT),
        nextToken: optionalString(i, 'nextToken', TOKEN),
      },
      c,
    ),
  PutRetentionPolicy: (m, i, c) => {
    const days = optionalInteger(i, 'retentionInDays');
    if (days === undefined) throw validationError('retentionInDays', undefined, 'Member must not be null');
    if (!(RETENTION_DAYS as readonly number[]).includes(days)) throw validationError('retentionInDays', days, `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
    m.putRetentionPolicy(requiredString(i, 'logGroupName', GROUP_NAME), days, c);
    return {};
  },
  DeleteRetentionPolicy: (m, i, c) => (m.deleteRetentionPolicy(requiredString(i, 'logGroupName', GROUP_NAME), c), {}),
  CreateLogStream: (m, i, c) => (m.createLogStream(requiredString(i, 'logGroupName', GROUP_NAME), requiredString(i, 'logStreamName', STREAM_NAME), c), {}),
  DeleteLogStream: (m, i, c) => (m.deleteLogStream(requiredString(i, 'logGroupName', GROUP_NAME), requiredString(i, 'logStreamName', STREAM_NAME), c), {}),
  DescribeLogStreams: (m, i, c) =>
    m.describeLogStreams(
      {
        logGroupName: groupOf(m, i),
        logStreamNamePrefix: optionalString(i, 'logStreamNamePrefix', STREAM_NAME),
        orderBy: optionalEnum(i, 'orderBy', ['LogStreamName', 'LastEventTime'] as const),
        descending: optionalBoolean(i, 'descending'),
        limit: optionalInteger(i, 'limit', DESCRIBE_LIMIT),
        nextToken: optionalString(i, 'nextToken', TOKEN),
      },
      c,
    ),
  // The sequence token is accepted and ignored, as AWS has done since 2023.
  PutLogEvents: (m, i, c) => m.uploadLogEvents(requiredString(i, 'logGroupName', GROUP_NAME), requiredString(i, 'logStreamName', STREAM_NAME), logEventsOf(i), c),
  GetLogEvents: (m, i, c) =>
    m.getLogEvents(
      {
        logGroupName: groupOf(m, i),
        logStreamName: requiredString(i, 'logStreamName', STREAM_NAME),
        startTime: optionalInteger(i, 'startTime', { min: 0 }),
        endTime: optionalInteger(i, 'endTime', { min: 0 }),
        limit: optionalInteger(i, 'limit', EVENTS_LIMIT),
        startFromHead: optionalBoolean(i, 'startFromHead'),
        nextToken: optionalString(i, 'nextToken', TOKEN),
      },
      c,
    ),
  FilterLogEvents: (m, i, c) => {
    const startTime = optionalInteger(i, 'startTime', { min: 0 });
    const startFromHead = optionalBoolean(i, 'startFromHead');
    if (startFromHead === false && startTime !== undefined && startTime < DESCENDING_FILTER_EARLIEST) {
      throw invalidParameter('startFromHead=false is supported only when startTime is on or after 2024-01-01T00:00:00Z');
    }
    return m.filterLogEvents(
      {
        logGroupName: groupOf(m, i),
        logStreamNames: optionalStringList(i, 'logStreamNames', { min: 1, max: LOGS_LIMITS.filterStreamNames }, STREAM_NAME),
        logStreamNamePrefix: optionalString(i, 'logStreamNamePrefix', STREAM_NAME),
        startTime,
        endTime: optionalInteger(i, 'endTime', { min: 0 }),
        filterPattern: optionalString(i, 'filterPattern', { max: LOGS_LIMITS.filterPatternMaxLength }),
        limit: optionalInteger(i, 'limit', EVENTS_LIMIT),
        startFromHead,
        nextToken: optionalString(i, 'nextToken', TOKEN),
      },
      c,
    );
  },
  TagResource: (m, i, c) => (m.tagResource(requiredString(i, 'resourceArn', { min: 1, max: 1011 }), tagsOf(i, 'tags', true) as Record<string, string>, c), {}),
  UntagResource: (m, i, c) => {
    const keys = requiredStringList(i, 'tagKeys', { min: 0, max: LOGS_LIMITS.tagsPerResource });
    checkTagKeys('tagKeys', keys);
    m.untagResource(requiredString(i, 'resourceArn', { min: 1, max: 1011 }), keys, c);
    return {};
  },
  ListTagsForResource: (m, i, c) => ({ tags: m.listTagsForResource(requiredString(i, 'resourceArn', { min: 1, max: 1011 }), c) }),
  TagLogGroup: (m, i, c) => (m.tagLogGroup(requiredString(i, 'logGroupName', GROUP_NAME), tagsOf(i, 'tags', true) as Record<string, string>, c), {}),
  UntagLogGroup: (m, i, c) => {
    const keys = requiredStringList(i, 'tags', { min: 1, max: LOGS_LIMITS.tagsPerResource });
    checkTagKeys('tags', keys);
    m.untagLogGroup(requiredString(i, 'logGroupName', GROUP_NAME), keys, c);
    return {};
  },
  ListTagsLogGroup: (m, i, c) => ({ tags: m.listTagsLogGroup(requiredString(i, 'logGroupName', GROUP_NAME), c) }),
};

export const LOGS_OPERATIONS = Object.keys(OPERATIONS);

export function handleLogsOperation(model: CloudWatchLogs, operation: string, input: Input, caller: Caller): unknown {
  const op = OPERATIONS[operation];
  if (!op) throw new AwsError('UnknownOperationException', `The local CloudWatch Logs does not implement ${operation} (it serves ${LOGS_OPERATIONS.join(', ')})`);
  return op(model, input, caller);
}
