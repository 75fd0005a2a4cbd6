import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessDeniedError } from '../../core/aws-error';
import type { AuthorizationRequest } from '../../core/authorizer';
import type { Caller } from '../../core/caller';
import type { LogsPort } from '../../core/ports';
import { CloudWatchLogs } from '../cloudwatch-logs';
import { ManualClock, T0 } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
const GROUP = '/aws/lambda/compute-direct';
const STREAM = '2026/01/15/[$LATEST]0123456789abcdef0123456789abcdef';

describe('the LogsPort (how Lambda ships its logs)', () => {
  it('creates the group and the stream on the first write', () => {
    // prepare
    const model = new CloudWatchLogs({ clock: new ManualClock() });
    const port: LogsPort = model;
    // act
    port.putLogEvents(GROUP, STREAM, [{ timestamp: T0, message: 'START RequestId: r1 Version: $LATEST' }]);
    // assert
    expect(model.describeLogGroups({}).logGroups.map((g) => g.logGroupName)).toEqual([GROUP]);
    expect(model.describeLogStreams({ logGroupName: GROUP }).logStreams.map((s) => s.logStreamName)).toEqual([STREAM]);
    expect(model.filterLogEvents({ logGroupName: GROUP, filterPattern: 'START' }).events.map((e) => e.message)).toEqual(['START RequestId: r1 Version: $LATEST']);
  });

  it('orders a batch by time and splits it into batches PutLogEvents accepts', () => {
    const model = new CloudWatchLogs({ clock: new ManualClock() });
    const events = Array.from({ length: 25_000 }, (_, i) => ({ timestamp: T0 - i, message: `line ${i}` }));
    model.putLogEvents(GROUP, STREAM, events);
    const stored = model.events(GROUP, STREAM);
    expect(stored).toHaveLength(25_000);
    expect(stored[0]?.message).toBe('line 24999');
    expect(model.stats()).toMatchObject({ acceptedEvents: 25_000, rejectedEvents: { tooOld: 0, expired: 0, tooNew: 0, tooLarge: 0 } });
  });

  it('keeps whole milliseconds, so FilterLogEvents pages through a writer whose clock has fractions', () => {
    // prepare: 2,500 events, each a fraction of a millisecond after the last
    const model = new CloudWatchLogs({ clock: new ManualClock() });
    model.putLogEvents(GROUP, STREAM, Array.from({ length: 2500 }, (_, i) => ({ timestamp: T0 - 5000 + i * 0.37, message: `line ${i}` })));
    // act: every page, by its token
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = model.filterLogEvents({ logGroupName: GROUP, limit: 1000, ...(nextToken === undefined ? {} : { nextToken }) });
      seen.push(...page.events.map((e) => e.message));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    // assert
    expect(seen).toHaveLength(2500);
    expect(model.events(GROUP, STREAM).every((e) => Number.isInteger(e.timestamp))).toBe(true);
  });

  it('counts, never throws, what PutLogEvents would refuse', () => {
    const model = new CloudWatchLogs({ clock: new ManualClock() });
    expect(() =>
      model.putLogEvents(GROUP, STREAM, [
        { timestamp: T0 - 15 * DAY, message: 'too old' },
        { timestamp: T0, message: 'x'.repeat(1_048_576) },
        { timestamp: T0 + 3 * 60 * 60 * 1000, message: 'too new' },
        { timestamp: T0, message: 'kept' },
      ]),
    ).not.toThrow();
    expect(model.events(GROUP).map((e) => e.message)).toEqual(['kept']);
    expect(model.stats().rejectedEvents).toEqual({ tooOld: 1, expired: 0, tooNew: 1, tooLarge: 1 });
  });
});

describe('retention on the shared clock', () => {
  it('drops events older than retentionInDays as the clock passes them, and counts them', () => {
    // prepare
    const clock = new ManualClock();
    const model = new CloudWatchLogs({ clock });
    model.createLogGroup({ logGroupName: 'g' });
    model.putRetentionPolicy('g', 1);
    model.putLogEvents('g', 's', [
      { timestamp: T0 - 2000, message: 'old' },
      { timestamp: T0, message: 'new' },
    ]);
    // act
    clock.advance(DAY - 1000);
    // assert
    expect(model.events('g').map((e) => e.message)).toEqual(['new']);
    expect(model.stats()).toMatchObject({ storedEvents: 1, storedBytes: 3, expiredEvents: 1 });
    expect(model.describeLogStreams({ logGroupName: 'g' }).logStreams[0]?.firstEventTimestamp).toBe(T0);
    clock.advance(1001);
    expect(model.getLogEvents({ logGroupName: 'g', logStreamName: 's' }).events).toEqual([]);
    expect(model.stats().expiredEvents).toBe(2);
  });

  it('expires what is already stored when a shorter retention is set', () => {
    const clock = new ManualClock();
    const model = new CloudWatchLogs({ clock });
    model.putLogEvents('g', 's', [{ timestamp: T0 - 2 * DAY, message: 'two days old' }]);
    model.putRetentionPolicy('g', 1);
    expect(model.describeLogGroups({}).logGroups[0]?.storedBytes).toBe(0);
    expect(model.stats().expiredEvents).toBe(1);
  });
});

describe('the mirror folder', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logs-mirror-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one file per stream under one folder per group, and removes them on delete', () => {
    // prepare
    const model = new CloudWatchLogs({ clock: new ManualClock(), mirrorDir: dir });
    // act
    model.putLogEvents(GROUP, STREAM, [{ timestamp: T0, message: '{"level":"info"}' }]);
    model.putLogEvents(GROUP, STREAM, [{ timestamp: T0 + 1, message: 'END RequestId: r1' }]);
    // assert
    const file = join(dir, '%2Faws%2Flambda%2Fcompute-direct', '2026%2F01%2F15%2F%5B%24LATEST%5D0123456789abcdef0123456789abcdef.log');
    expect(readFileSync(file, 'utf8')).toBe('2026-01-15T00:00:00.000Z {"level":"info"}\n2026-01-15T00:00:00.001Z END RequestId: r1\n');
    model.deleteLogStream(GROUP, STREAM);
    expect(existsSync(file)).toBe(false);
    model.deleteLogGroup(GROUP);
    expect(existsSync(join(dir, '%2Faws%2Flambda%2Fcompute-direct'))).toBe(false);
  });
});

describe('authorization', () => {
  const role: Caller = { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/fn-role', sessionName: 'fn' };

  it('asks the authorizer for each operation with the IAM action and resource ARN', () => {
    // prepare
    const asked: AuthorizationRequest[] = [];
    const model = new CloudWatchLogs({ clock: new ManualClock(), authorizer: { authorize: (r) => void asked.push(r) } });
    // act
    model.createLogGroup({ logGroupName: 'g' }, role);
    model.createLogStream('g', 's', role);
    model.uploadLogEvents('g', 's', [{ timestamp: T0, message: 'm' }], role);
    model.listTagsForResource('arn:aws:logs:us-east-1:123456789012:log-group:g', role);
    // assert
    expect(asked.map((r) => [r.action, r.resource])).toEqual([
      ['logs:CreateLogGroup', 'arn:aws:logs:us-east-1:123456789012:log-group:g:*'],
      ['logs:CreateLogStream', 'arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:s'],
      ['logs:PutLogEvents', 'arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:s'],
      ['logs:ListTagsForResource', 'arn:aws:logs:us-east-1:123456789012:log-group:g'],
    ]);
    expect(asked.every((r) => r.caller === role)).toBe(true);
  });

  it('lets a denial through as AccessDeniedException and changes nothing', () => {
    const model = new CloudWatchLogs({
      clock: new ManualClock(),
      authorizer: {
        authorize: (r) => {
          throw new AccessDeniedError(`not allowed: ${r.action}`);
        },
      },
    });
    expect(() => model.createLogGroup({ logGroupName: 'g' }, role)).toThrow(expect.objectContaining({ code: 'AccessDeniedException' }));
    expect(model.stats().logGroups).toBe(0);
  });
});
