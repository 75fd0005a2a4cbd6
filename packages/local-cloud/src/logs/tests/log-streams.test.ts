import { CreateLogGroupCommand, CreateLogStreamCommand, DeleteLogStreamCommand, DescribeLogStreamsCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { rejection, startLogs, T0, type LogsFixture } from './helpers';

let f: LogsFixture;
beforeEach(async () => {
  f = await startLogs();
  await f.client.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
});
afterEach(() => f.close());

const put = (stream: string, ...timestamps: number[]) =>
  f.client.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: stream, logEvents: timestamps.map((t) => ({ timestamp: t, message: `at ${t}` })) }));

describe('CreateLogStream / DeleteLogStream', () => {
  it('creates a stream, refuses it twice, and refuses one in a missing group', async () => {
    await f.client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: '2026/01/15/[$LATEST]abc' }));
    expect((await rejection(f.client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: '2026/01/15/[$LATEST]abc' })))).name).toBe('ResourceAlreadyExistsException');
    expect((await rejection(f.client.send(new CreateLogStreamCommand({ logGroupName: 'nope', logStreamName: 's' })))).name).toBe('ResourceNotFoundException');
  });

  it("refuses ':' and '*' in stream names", async () => {
    const err = await rejection(f.client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 'a:b' })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toMatch(/at 'logStreamName'/);
  });

  it('deletes a stream and its stored bytes', async () => {
    await f.client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
    await put('s', T0);
    await f.client.send(new DeleteLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
    expect((await f.client.send(new DescribeLogStreamsCommand({ logGroupName: 'g' }))).logStreams).toEqual([]);
    expect(f.model.stats().storedBytes).toBe(0);
    expect((await rejection(f.client.send(new DeleteLogStreamCommand({ logGroupName: 'g', logStreamName: 's' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('DescribeLogStreams', () => {
  beforeEach(async () => {
    for (const [name, t] of [
      ['b', T0 - 3000],
      ['a', T0 - 1000],
      ['c', T0 - 2000],
    ] as const) {
      await f.client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: name }));
      await put(name, t - 500, t);
    }
  });

  it('orders by name by default, with event times and the stream ARN', async () => {
    const { logStreams } = await f.client.send(new DescribeLogStreamsCommand({ logGroupName: 'g' }));
    expect(logStreams?.map((s) => s.logStreamName)).toEqual(['a', 'b', 'c']);
    expect(logStreams?.[0]).toMatchObject({
      firstEventTimestamp: T0 - 1500,
      lastEventTimestamp: T0 - 1000,
      lastIngestionTime: T0,
      creationTime: T0,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:a',
      storedBytes: 0,
    });
  });

  it('orders by LastEventTime, descending on request', async () => {
    const asc = await f.client.send(new DescribeLogStreamsCommand({ logGroupName: 'g', orderBy: 'LastEventTime' }));
    expect(asc.logStreams?.map((s) => s.logStreamName)).toEqual(['b', 'c', 'a']);
    const desc = await f.client.send(new DescribeLogStreamsCommand({ logGroupIdentifier: 'g', orderBy: 'LastEventTime', descending: true }));
    expect(desc.logStreams?.map((s) => s.logStreamName)).toEqual(['a', 'c', 'b']);
  });

  it('filters by prefix, but not together with LastEventTime', async () => {
    expect((await f.client.send(new DescribeLogStreamsCommand({ logGroupName: 'g', logStreamNamePrefix: 'b' }))).logStreams?.map((s) => s.logStreamName)).toEqual(['b']);
    const err = await rejection(f.client.send(new DescribeLogStreamsCommand({ logGroupName: 'g', logStreamNamePrefix: 'b', orderBy: 'LastEventTime' })));
    expect(err.name).toBe('InvalidParameterException');
  });

  it('pages with limit in either direction', async () => {
    const first = await f.client.send(new DescribeLogStreamsCommand({ logGroupName: 'g', descending: true, limit: 2 }));
    const second = await f.client.send(new DescribeLogStreamsCommand({ logGroupName: 'g', descending: true, limit: 2, nextToken: first.nextToken }));
    expect([...(first.logStreams ?? []), ...(second.logStreams ?? [])].map((s) => s.logStreamName)).toEqual(['c', 'b', 'a']);
    expect(second.nextToken).toBeUndefined();
  });

  it('needs exactly one of logGroupName and logGroupIdentifier', async () => {
    expect((await rejection(f.client.send(new DescribeLogStreamsCommand({})))).name).toBe('InvalidParameterException');
    expect((await rejection(f.client.send(new DescribeLogStreamsCommand({ logGroupName: 'g', logGroupIdentifier: 'g' })))).name).toBe('InvalidParameterException');
    expect((await rejection(f.client.send(new DescribeLogStreamsCommand({ logGroupName: 'nope' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('GetLogEvents', () => {
  beforeEach(async () => {
    await f.client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
    await put('s', T0 - 5000, T0 - 4000, T0 - 3000, T0 - 2000, T0 - 1000);
  });
  const get = (input: Partial<ConstructorParameters<typeof GetLogEventsCommand>[0]> = {}) => f.client.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', ...input }));
  const times = (events: { timestamp?: number | undefined }[] | undefined): number[] => (events ?? []).map((e) => (e.timestamp as number) - T0);

  it('returns the latest events by default and the earliest with startFromHead, ascending either way', async () => {
    expect(times((await get({ limit: 2 })).events)).toEqual([-2000, -1000]);
    expect(times((await get({ limit: 2, startFromHead: true })).events)).toEqual([-5000, -4000]);
  });

  it('carries message and ingestion time', async () => {
    const { events } = await get({ limit: 1 });
    expect(events).toEqual([{ timestamp: T0 - 1000, message: `at ${T0 - 1000}`, ingestionTime: T0 }]);
  });

  it('pages forward with nextForwardToken and returns the same token at the end', async () => {
    // act
    const seen: number[] = [];
    let page = await get({ limit: 2, startFromHead: true });
    seen.push(...times(page.events));
    for (let i = 0; i < 5 && page.events?.length; i++) {
      const token = page.nextForwardToken as string;
      page = await get({ limit: 2, startFromHead: true, nextToken: token });
      seen.push(...times(page.events));
      if (page.events?.length === 0) expect(page.nextForwardToken).toBe(token);
    }
    // assert
    expect(seen).toEqual([-5000, -4000, -3000, -2000, -1000]);
    expect(page.nextForwardToken).toMatch(/^f\//);
  });

  it('pages backward with nextBackwardToken', async () => {
    const last = await get({ limit: 2 });
    const before = await get({ limit: 2, nextToken: last.nextBackwardToken });
    const first = await get({ limit: 2, nextToken: before.nextBackwardToken });
    expect([times(first.events), times(before.events), times(last.events)]).toEqual([[-5000], [-4000, -3000], [-2000, -1000]]);
    expect((await get({ limit: 2, nextToken: first.nextBackwardToken })).nextBackwardToken).toBe(first.nextBackwardToken);
  });

  it('sees events written after a token was handed out', async () => {
    const page = await get({ startFromHead: true });
    await put('s', T0);
    expect(times((await get({ startFromHead: true, nextToken: page.nextForwardToken })).events)).toEqual([0]);
  });

  it('keeps startTime inclusive and endTime exclusive', async () => {
    expect(times((await get({ startTime: T0 - 4000, endTime: T0 - 2000, startFromHead: true })).events)).toEqual([-4000, -3000]);
  });

  it('refuses a made-up token and a missing stream', async () => {
    expect((await rejection(get({ nextToken: 'f/123' }))).name).toBe('InvalidParameterException');
    expect((await rejection(f.client.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 'nope' })))).name).toBe('ResourceNotFoundException');
  });
});
