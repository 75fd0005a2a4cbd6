import { ALLOW_ALL, type Authorizer } from '../core/authorizer';
import { AwsError } from '../core/aws-error';
import { EXTERNAL_CALLER, type Caller } from '../core/caller';
import { Clock } from '../core/clock';
import type { LogEvent, LogsPort } from '../core/ports';
import { logGroupOutput, logStreamOutput, lastEventKey, pageByKey, sequenceToken, type LogGroupOutput, type LogStreamOutput } from './describe';
import { invalidParameter, resourceAlreadyExists, tooManyTags } from './errors';
import { compileFilterPattern, FilterPatternError, type LogEventMatcher } from './filter-pattern';
import { LOGS_LIMITS, type LogsLimits } from './limits';
import { LogMirror } from './mirror';
import { LogStore, type LogsStats } from './log-store';
import { splitIntoBatches, type InputLogEvent, type RejectedLogEventsInfo } from './put-events';
import { filterLogEvents, getLogEvents, type FilterPage, type GetEventsPage } from './read-events';
import type { LogGroupRecord, LogGroupSettings, StoredEvent } from './records';
import type { CreateLogGroupRequest, DescribeLogGroupsRequest, DescribeLogStreamsRequest, FilterLogEventsRequest, GetLogEventsRequest } from './requests';
import { mergeTags } from './tags';

export interface CloudWatchLogsProps {
  /** The shared clock: ingestion times, the age rules of PutLogEvents and retention. Default: real time. */
  readonly clock?: Clock;
  readonly region?: string;
  readonly accountId?: string;
  readonly authorizer?: Authorizer;
  /** Mirror every stream to `<dir>/<group>/<stream>.log` (see LogMirror). */
  readonly mirrorDir?: string;
  readonly limits?: Partial<LogsLimits>;
}

function groupSettings(req: Omit<CreateLogGroupRequest, 'logGroupName'>): LogGroupSettings {
  return {
    logGroupClass: req.logGroupClass ?? 'STANDARD',
    kmsKeyId: req.kmsKeyId,
    // Delivery-class groups keep events one day, whatever is asked.
    retentionInDays: req.logGroupClass === 'DELIVERY' ? 1 : undefined,
    deletionProtectionEnabled: req.deletionProtectionEnabled ?? false,
  };
}

/**
 * CloudWatch Logs: log groups, streams and events, in memory on the shared clock. The API
 * operations and the in-process port (Lambda's log shipping) run the same rules.
 */
export class CloudWatchLogs implements LogsPort {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  readonly limits: LogsLimits;
  private readonly authorizer: Authorizer;
  private readonly store: LogStore;

  constructor(props: CloudWatchLogsProps = {}) {
    this.clock = props.clock ?? new Clock();
    this.region = props.region ?? 'us-east-1';
    this.accountId = props.accountId ?? '123456789012';
    this.authorizer = props.authorizer ?? ALLOW_ALL;
    this.limits = { ...LOGS_LIMITS, ...props.limits };
    this.store = new LogStore(this.clock, this.limits, props.mirrorDir === undefined ? undefined : new LogMirror(props.mirrorDir));
  }

  /** The group's ARN without the trailing `:*` (what the tagging APIs take). */
  groupArn(name: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`;
  }

  private authorize(caller: Caller, action: string, resource: string): void {
    this.authorizer.authorize({ caller, action: `logs:${action}`, resource });
  }

  createLogGroup(req: CreateLogGroupRequest, caller: Caller = EXTERNAL_CALLER): void {
    this.authorize(caller, 'CreateLogGroup', `${this.groupArn(req.logGroupName)}:*`);
    if (req.logGroupName.startsWith('aws/')) throw invalidParameter(`Log group names can't start with 'aws/': ${req.logGroupName}`);
    if (this.store.groups.has(req.logGroupName)) throw resourceAlreadyExists(`The specified log group already exists: ${req.logGroupName}`);
    const g = this.store.addGroup(req.logGroupName, this.groupArn(req.logGroupName), groupSettings(req));
    if (req.tags) mergeTags(g.tags, req.tags, (n) => invalidParameter(`A log group holds at most ${this.limits.tagsPerResource} tags, got ${n}`));
  }

  deleteLogGroup(name: string, caller: Caller = EXTERNAL_CALLER): void {
    this.authorize(caller, 'DeleteLogGroup', `${this.groupArn(name)}:*`);
    const g = this.store.group(name);
    if (g.settings.deletionProtectionEnabled) throw new AwsError('InvalidOperationException', `Log group ${name} has deletion protection enabled; disable it before deleting`);
    this.store.deleteGroup(name);
  }

  describeLogGroups(req: DescribeLogGroupsRequest, caller: Caller = EXTERNAL_CALLER): { logGroups: LogGroupOutput[]; nextToken?: string } {
    this.authorize(caller, 'DescribeLogGroups', `arn:aws:logs:${this.region}:${this.accountId}:log-group:*`);
    if (req.logGroupNamePrefix !== undefined && req.logGroupNamePattern !== undefined) throw invalidParameter('logGroupNamePrefix and logGroupNamePattern are mutually exclusive; pass one of them');
    if (req.logGroupIdentifiers !== undefined && (req.logGroupNamePrefix !== undefined || req.logGroupNamePattern !== undefined)) {
      throw invalidParameter('logGroupIdentifiers cannot be combined with logGroupNamePrefix or logGroupNamePattern');
    }
    const wanted = req.logGroupIdentifiers === undefined ? undefined : new Set(req.logGroupIdentifiers.map((id) => this.groupName(id)));
    const groups = [...this.store.groups.values()].filter(
      (g) =>
        (req.logGroupNamePrefix === undefined || g.name.startsWith(req.logGroupNamePrefix)) &&
        (req.logGroupNamePattern === undefined || g.name.includes(req.logGroupNamePattern)) &&
        (wanted === undefined || wanted.has(g.name)) &&
        (req.logGroupClass === undefined || g.settings.logGroupClass === req.logGroupClass),
    );
    const { page, nextToken } = pageByKey(groups, (g) => g.name, { descending: false, limit: req.limit ?? this.limits.describePageSize, nextToken: req.nextToken });
    for (const g of page) this.store.expireGroup(g);
    const brief = req.logGroupNamePattern !== undefined;
    return { logGroups: page.map((g) => logGroupOutput(g, brief)), ...(nextToken === undefined ? {} : { nextToken }) };
  }

  /** Whether a group of this name exists (Step Functions checks a logging machine's destination). */
  hasLogGroup(name: string): boolean {
    return this.store.groups.has(name);
  }

  /** A logGroupIdentifier's group name: the name itself or an ARN (with or without `:*`). */
  groupName(identifier: string): string {
    const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(:\*)?$/.exec(identifier);
    return m ? (m[1] as string) : identifier;
  }

  putRetentionPolicy(name: string, retentionInDays: number, caller: Caller = EXTERNAL_CALLER): void {
    this.authorize(caller, 'PutRetentionPolicy', `${this.groupArn(name)}:*`);
    const g = this.store.group(name);
    if (g.settings.logGroupClass === 'DELIVERY') throw invalidParameter(`Log group ${name} is of the DELIVERY class, whose retention is fixed at 1 day`);
    g.settings.retentionInDays = retentionInDays;
    this.store.expireGroup(g);
  }

  deleteRetentionPolicy(name: string, caller: Caller = EXTERNAL_CALLER): void {
    this.authorize(caller, 'DeleteRetentionPolicy', `${this.groupArn(name)}:*`);
    const g = this.store.group(name);
    if (g.settings.logGroupClass === 'DELIVERY') throw invalidParameter(`Log group ${name} is of the DELIVERY class, whose retention is fixed at 1 day`);
    g.settings.retentionInDays = undefined;
  }

  createLogStream(groupName: string, streamName: string, caller: Caller = EXTERNAL_CALLER): void {
    this.authorize(caller, 'CreateLogStream', `${this.groupArn(groupName)}:log-stream:${streamName}`);
    const g = this.store.group(groupName);
    if (g.streams.has(streamName)) throw resourceAlreadyExists(`The specified log stream already exists: ${streamName} (log group ${groupName})`);
    this.store.addStream(g, streamName);
  }

  deleteLogStream(groupName: string, streamName: string, caller: Caller = EXTERNAL_CALLER): void {
    this.authorize(caller, 'DeleteLogStream', `${this.groupArn(groupName)}:log-stream:${streamName}`);
    const g = this.store.group(groupName);
    const s = this.store.stream(g, streamName);
    this.store.deleteStream(g, s);
  }

  describeLogStreams(req: DescribeLogStreamsRequest, caller: Caller = EXTERNAL_CALLER): { logStreams: LogStreamOutput[]; nextToken?: string } {
    this.authorize(caller, 'DescribeLogStreams', `${this.groupArn(req.logGroupName)}:*`);
    const g = this.store.group(req.logGroupName);
    const byTime = req.orderBy === 'LastEventTime';
    if (byTime && req.logStreamNamePrefix !== undefined) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix');
    this.store.expireGroup(g);
    const streams = [...g.streams.values()].filter((s) => req.logStreamNamePrefix === undefined || s.name.startsWith(req.logStreamNamePrefix));
    const { page, nextToken } = pageByKey(streams, byTime ? lastEventKey : (s) => s.name, { descending: req.descending ?? false, limit: req.limit ?? this.limits.describePageSize, nextToken: req.nextToken });
    return { logStreams: page.map(logStreamOutput), ...(nextToken === undefined ? {} : { nextToken }) };
  }

  /** PutLogEvents as the API takes it: the group and stream must exist; events are checked as one batch. */
  uploadLogEvents(groupName: string, streamName: string, events: readonly InputLogEvent[], caller: Caller = EXTERNAL_CALLER): { nextSequenceToken: string; rejectedLogEventsInfo?: RejectedLogEventsInfo } {
    this.authorize(caller, 'PutLogEvents', `${this.groupArn(groupName)}:log-stream:${streamName}`);
    const g = this.store.group(groupName);
    const s = this.store.stream(g, streamName);
    const rejected = this.store.store(g, s, events);
    return { nextSequenceToken: sequenceToken(s.sequence), ...(rejected === undefined ? {} : { rejectedLogEventsInfo: rejected }) };
  }

  /**
   * The port: appends to a stream, creating the group and the stream when they do not exist yet
   * (as Lambda's log shipper does). Events are ordered and batched as PutLogEvents requires;
   * anything it would refuse is counted in `stats().rejectedEvents`, never thrown at the writer.
   */
  putLogEvents(groupName: string, streamName: string, events: readonly LogEvent[]): void {
    const g = this.store.groups.get(groupName) ?? this.store.addGroup(groupName, this.groupArn(groupName), groupSettings({}));
    const s = g.streams.get(streamName) ?? this.store.addStream(g, streamName);
    this.store.expireStream(g, s);
    // CloudWatch keeps whole milliseconds (a writer's clock may have fractions).
    const whole = events.map((e) => (Number.isInteger(e.timestamp) ? e : { ...e, timestamp: Math.floor(e.timestamp) }));
    const ordered = whole.length === 1 ? whole : [...whole].sort((a, b) => a.timestamp - b.timestamp);
    const { batches, oversized } = splitIntoBatches(ordered, this.limits);
    this.store.countOversized(oversized.length);
    for (const batch of batches) this.store.store(g, s, batch);
  }

  getLogEvents(req: GetLogEventsRequest, caller: Caller = EXTERNAL_CALLER): GetEventsPage {
    this.authorize(caller, 'GetLogEvents', `${this.groupArn(req.logGroupName)}:log-stream:${req.logStreamName}`);
    const s = this.store.stream(this.store.group(req.logGroupName), req.logStreamName);
    return getLogEvents(s, { startTime: req.startTime, endTime: req.endTime, limit: req.limit ?? this.limits.eventsPageSize, startFromHead: req.startFromHead ?? false, nextToken: req.nextToken }, this.limits);
  }

  filterLogEvents(req: FilterLogEventsRequest, caller: Caller = EXTERNAL_CALLER): FilterPage {
    this.authorize(caller, 'FilterLogEvents', `${this.groupArn(req.logGroupName)}:*`);
    const g = this.store.group(req.logGroupName);
    if (req.logStreamNames !== undefined && req.logStreamNamePrefix !== undefined) throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive; pass one of them');
    let matcher: LogEventMatcher;
    try {
      matcher = compileFilterPattern(req.filterPattern);
    } catch (err) {
      if (err instanceof FilterPatternError) throw invalidParameter(`Invalid filter pattern: ${err.message}`);
      throw err;
    }
    this.store.expireGroup(g);
    const names = req.logStreamNames === undefined ? undefined : new Set(req.logStreamNames);
    const streams = [...g.streams.values()].filter((s) => (names === undefined || names.has(s.name)) && (req.logStreamNamePrefix === undefined || s.name.startsWith(req.logStreamNamePrefix)));
    return filterLogEvents({ streams, startTime: req.startTime, endTime: req.endTime, matcher, limit: req.limit ?? this.limits.eventsPageSize, startFromHead: req.startFromHead ?? true, nextToken: req.nextToken }, this.limits);
  }

  /** TagResource / UntagResource / ListTagsForResource: the group's ARN without `:*`. */
  tagResource(resourceArn: string, tags: Readonly<Record<string, string>>, caller: Caller = EXTERNAL_CALLER): void {
    const g = this.groupByArn(resourceArn, 'TagResource', caller);
    mergeTags(g.tags, tags, (n) => tooManyTags(`${g.arn} would have ${n} tags; a resource holds at most ${this.limits.tagsPerResource}`));
  }

  untagResource(resourceArn: string, keys: readonly string[], caller: Caller = EXTERNAL_CALLER): void {
    const g = this.groupByArn(resourceArn, 'UntagResource', caller);
    for (const k of keys) g.tags.delete(k);
  }

  listTagsForResource(resourceArn: string, caller: Caller = EXTERNAL_CALLER): Record<string, string> {
    return Object.fromEntries(this.groupByArn(resourceArn, 'ListTagsForResource', caller).tags);
  }

  /** The older TagLogGroup / UntagLogGroup / ListTagsLogGroup, by name (Terraform's provider still calls them). */
  tagLogGroup(name: string, tags: Readonly<Record<string, string>>, caller: Caller = EXTERNAL_CALLER): void {
    this.authorize(caller, 'TagLogGroup', `${this.groupArn(name)}:*`);
    const g = this.store.group(name);
    mergeTags(g.tags, tags, (n) => invalidParameter(`Log group ${name} would have ${n} tags; at most ${this.limits.tagsPerResource} are allowed`));
  }

  untagLogGroup(name: string, keys: readonly string[], caller: Caller = EXTERNAL_CALLER): void {
    this.authorize(caller, 'UntagLogGroup', `${this.groupArn(name)}:*`);
    const g = this.store.group(name);
    for (const k of keys) g.tags.delete(k);
  }

  listTagsLogGroup(name: string, caller: Caller = EXTERNAL_CALLER): Record<string, string> {
    this.authorize(caller, 'ListTagsLogGroup', `${this.groupArn(name)}:*`);
    return Object.fromEntries(this.store.group(name).tags);
  }

  private groupByArn(resourceArn: string, action: string, caller: Caller): LogGroupRecord {
    const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:*]+)$/.exec(resourceArn);
    if (!m) throw invalidParameter(`Not a log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>, without ':*'): ${resourceArn}`);
    this.authorize(caller, action, resourceArn);
    return this.store.group(m[1] as string);
  }

  /** Stored events in time order, for tests and tools: one stream, or the whole group interleaved. */
  events(groupName: string, streamName?: string): (StoredEvent & { logStreamName: string })[] {
    return this.store.events(groupName, streamName);
  }

  /** Counts of what is stored, accepted, rejected and expired (expiring what is due first). */
  stats(): LogsStats {
    return this.store.stats();
  }
}
