import { CreateLogGroupCommand, CreateLogStreamCommand, FilterLogEventsCommand, PutLogEventsCommand, PutRetentionPolicyCommand, type InputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { rejection, startLogs, T0, type LogsFixture } from './helpers';

let f: LogsFixture;
beforeEach(async () => {
  f = await startLogs();
  await f.client.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
  await f.client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
});
afterEach(() => f.close());

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const put = (logEvents: InputLogEvent[], stream = 's') => f.client.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: stream, logEvents }));

describe('PutLogEvents', () => {
  it('stores a batch and answers a sequence token, without rejectedLogEventsInfo when all were kept', async () => {
    const out = await put([
      { timestamp: T0 - 10, message: 'one' },
      { timestamp: T0, message: 'two' },
    ]);
    expect(out.nextSequenceToken).toMatch(/^\d+$/);
    expect(out.rejectedLogEventsInfo).toBeUndefined();
    expect(f.model.events('g', 's').map((e) => e.message)).toEqual(['one', 'two']);
  });

  it('fails the whole batch when the events are out of chronological order', async () => {
    const err = await rejection(
      put([
        { timestamp: T0, message: 'later' },
        { timestamp: T0 - 1, message: 'earlier' },
      ]),
    );
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toMatch(/chronological order/);
    expect(f.model.events('g', 's')).toEqual([]);
  });

  it('fails a batch whose kept events span more than 24 hours', async () => {
    const err = await rejection(
      put([
        { timestamp: T0 - DAY - 1, message: 'a' },
        { timestamp: T0, message: 'b' },
      ]),
    );
    expect(err.message).toMatch(/cannot span more than 24 hours/);
  });

  it('reports events older than 14 days and more than 2 hours ahead by index, and keeps the rest', async () => {
    // act
    const out = await put([
      { timestamp: T0 - 15 * DAY, message: 'too old' },
      { timestamp: T0 - 14 * DAY - 1, message: 'too old too' },
      { timestamp: T0, message: 'kept' },
      { timestamp: T0 + 2 * HOUR + 1, message: 'too new' },
    ]);
    // assert
    expect(out.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 2, tooNewLogEventStartIndex: 3 });
    expect(f.model.events('g', 's').map((e) => e.message)).toEqual(['kept']);
    expect(f.model.stats().rejectedEvents).toEqual({ tooOld: 2, expired: 0, tooNew: 1, tooLarge: 0 });
  });

  it("reports events older than the group's retention as expired", async () => {
    await f.client.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 1 }));
    const out = await put([
      { timestamp: T0 - DAY - 1, message: 'expired' },
      { timestamp: T0 - 1, message: 'kept' },
    ]);
    expect(out.rejectedLogEventsInfo).toEqual({ expiredLogEventEndIndex: 1 });
    expect(f.model.stats().rejectedEvents.expired).toBe(1);
  });

  it('enforces 1,048,576 bytes (messages plus 26 bytes each) and 10,000 events per batch', async () => {
    const big = 'x'.repeat(1_048_576 - 26);
    await put([{ timestamp: T0, message: big }]);
    const over = await rejection(put([{ timestamp: T0, message: `${big}y` }]));
    expect(over.message).toMatch(/Upload too large: 1048577 bytes exceeds limit of 1048576/);
    const many = await rejection(put(Array.from({ length: 10_001 }, () => ({ timestamp: T0, message: 'm' }))));
    expect(many.name).toBe('InvalidParameterException');
  });

  it('refuses empty batches, empty messages and missing timestamps, naming the member', async () => {
    expect((await rejection(put([]))).message).toMatch(/at 'logEvents'/);
    expect((await rejection(put([{ timestamp: T0, message: '' }]))).message).toMatch(/at 'logEvents.1.member.message'/);
    expect((await rejection(put([{ message: 'm' } as InputLogEvent]))).message).toMatch(/at 'logEvents.1.member.timestamp'/);
  });

  it('answers ResourceNotFoundException for a missing stream or group', async () => {
    expect((await rejection(put([{ timestamp: T0, message: 'm' }], 'nope'))).name).toBe('ResourceNotFoundException');
    expect((await rejection(f.client.send(new PutLogEventsCommand({ logGroupName: 'nope', logStreamName: 's', logEvents: [{ timestamp: T0, message: 'm' }] })))).name).toBe(
      'ResourceNotFoundException',
    );
  });
});

describe('FilterLogEvents', () => {
  beforeEach(async () => {
    await f.client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: '2026/01/15/[$LATEST]bbb' }));
    await f.client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: '2026/01/15/[$LATEST]aaa' }));
    await put([{ timestamp: T0 - 300, message: 'START RequestId: r1 Version: $LATEST' }, { timestamp: T0 - 100, message: JSON.stringify({ level: 'info', requestId: 'r1', caseId: 'c1' }) }], '2026/01/15/[$LATEST]aaa');
    await put([{ timestamp: T0 - 200, message: JSON.stringify({ level: 'error', requestId: 'r2', caseId: 'c2' }) }, { timestamp: T0, message: 'REPORT RequestId: r2' }], '2026/01/15/[$LATEST]bbb');
    await put([{ timestamp: T0 - 250, message: 'other stream' }]);
  });
  const filter = (input: Partial<ConstructorParameters<typeof FilterLogEventsCommand>[0]> = {}) => f.client.send(new FilterLogEventsCommand({ logGroupName: 'g', ...input }));
  const times = (out: { events?: { timestamp?: number | undefined }[] | undefined }): number[] => (out.events ?? []).map((e) => (e.timestamp as number) - T0);

  it('interleaves every stream of the group by timestamp, with stream name and event id', async () => {
    const out = await filter();
    expect(times(out)).toEqual([-300, -250, -200, -100, 0]);
    expect(out.events?.[0]).toMatchObject({ logStreamName: '2026/01/15/[$LATEST]aaa', ingestionTime: T0, eventId: expect.stringMatching(/^\d{56}$/) });
    expect(out.nextToken).toBeUndefined();
  });

  it('reads newest first when startFromHead is false', async () => {
    expect(times(await filter({ startFromHead: false }))).toEqual([0, -100, -200, -250, -300]);
  });

  it('narrows by logStreamNames or by logStreamNamePrefix, not both', async () => {
    expect(times(await filter({ logStreamNames: ['s'] }))).toEqual([-250]);
    expect(times(await filter({ logStreamNamePrefix: '2026/01/15/' }))).toEqual([-300, -200, -100, 0]);
    expect((await rejection(filter({ logStreamNames: ['s'], logStreamNamePrefix: '2026' }))).name).toBe('InvalidParameterException');
  });

  it('keeps startTime and endTime inclusive', async () => {
    expect(times(await filter({ startTime: T0 - 250, endTime: T0 - 100 }))).toEqual([-250, -200, -100]);
  });

  it('applies the filter pattern, text or JSON', async () => {
    expect(times(await filter({ filterPattern: 'RequestId' }))).toEqual([-300, 0]);
    expect(times(await filter({ filterPattern: '{ $.requestId = "r2" }' }))).toEqual([-200]);
    expect(times(await filter({ filterPattern: '{ $.level = info || $.level = error }' }))).toEqual([-200, -100]);
  });

  it('answers InvalidParameterException for an invalid pattern', async () => {
    const err = await rejection(filter({ filterPattern: '{ $.level = }' }));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toMatch(/Invalid filter pattern/);
  });

  it('pages with limit and nextToken in both directions, each event once', async () => {
    const read = async (startFromHead: boolean): Promise<number[]> => {
      const seen: number[] = [];
      let nextToken: string | undefined;
      do {
        const out = await filter({ limit: 2, startFromHead, nextToken });
        expect(out.events?.length).toBeLessThanOrEqual(2);
        seen.push(...times(out));
        nextToken = out.nextToken;
      } while (nextToken);
      return seen;
    };
    expect(await read(true)).toEqual([-300, -250, -200, -100, 0]);
    expect(await read(false)).toEqual([0, -100, -200, -250, -300]);
  });

  it('gives no nextToken when the remaining events do not match', async () => {
    const out = await filter({ limit: 1, filterPattern: 'START' });
    expect(times(out)).toEqual([-300]);
    expect(out.nextToken).toBeUndefined();
  });

  it('refuses newest-first reads from before 2024 and answers ResourceNotFoundException for a missing group', async () => {
    expect((await rejection(filter({ startFromHead: false, startTime: Date.UTC(2023, 11, 31) }))).name).toBe('InvalidParameterException');
    expect((await rejection(f.client.send(new FilterLogEventsCommand({ logGroupName: 'nope' })))).name).toBe('ResourceNotFoundException');
  });
});
