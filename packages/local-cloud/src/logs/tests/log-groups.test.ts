import {
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  CreateLogStreamCommand,
  PutRetentionPolicyCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { rejection, startLogs, T0, type LogsFixture } from './helpers';

let f: LogsFixture;
beforeEach(async () => {
  f = await startLogs();
});
afterEach(() => f.close());

const ARN = (name: string): string => `arn:aws:logs:us-east-1:123456789012:log-group:${name}`;

describe('CreateLogGroup / DeleteLogGroup', () => {
  it('creates a group that DescribeLogGroups then lists with both ARN forms', async () => {
    // act
    await f.client.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/compute' }));
    const { logGroups } = await f.client.send(new DescribeLogGroupsCommand({}));
    // assert
    expect(logGroups).toEqual([
      expect.objectContaining({
        logGroupName: '/aws/lambda/compute',
        creationTime: T0,
        arn: `${ARN('/aws/lambda/compute')}:*`,
        logGroupArn: ARN('/aws/lambda/compute'),
        storedBytes: 0,
        metricFilterCount: 0,
        logGroupClass: 'STANDARD',
      }),
    ]);
    expect(logGroups?.[0]?.retentionInDays).toBeUndefined();
  });

  it('refuses a second group of the same name with ResourceAlreadyExistsException', async () => {
    await f.client.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const err = await rejection(f.client.send(new CreateLogGroupCommand({ logGroupName: 'g' })));
    expect(err.name).toBe('ResourceAlreadyExistsException');
  });

  it('refuses invalid names with InvalidParameterException naming the field', async () => {
    const bad = await rejection(f.client.send(new CreateLogGroupCommand({ logGroupName: 'has space' })));
    expect(bad.name).toBe('InvalidParameterException');
    expect(bad.message).toMatch(/at 'logGroupName'.*regular expression pattern/);
    const reserved = await rejection(f.client.send(new CreateLogGroupCommand({ logGroupName: 'aws/mine' })));
    expect(reserved.name).toBe('InvalidParameterException');
    const long = await rejection(f.client.send(new CreateLogGroupCommand({ logGroupName: 'x'.repeat(513) })));
    expect(long.message).toMatch(/length less than or equal to 512/);
  });

  it('deletes a group, and answers ResourceNotFoundException for one that does not exist', async () => {
    await f.client.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    await f.client.send(new DeleteLogGroupCommand({ logGroupName: 'g' }));
    expect((await f.client.send(new DescribeLogGroupsCommand({}))).logGroups).toEqual([]);
    const err = await rejection(f.client.send(new DeleteLogGroupCommand({ logGroupName: 'g' })));
    expect(err.name).toBe('ResourceNotFoundException');
  });

  it('keeps a group with deletion protection until it is disabled', async () => {
    await f.client.send(new CreateLogGroupCommand({ logGroupName: 'kept', deletionProtectionEnabled: true }));
    const err = await rejection(f.client.send(new DeleteLogGroupCommand({ logGroupName: 'kept' })));
    expect(err.name).toBe('InvalidOperationException');
  });
});

describe('DescribeLogGroups', () => {
  beforeEach(async () => {
    for (const name of ['/aws/lambda/b', '/aws/lambda/a', '/custom/x', 'DataLogs', 'GroupDataLogs', 'datalogs']) {
      await f.client.send(new CreateLogGroupCommand({ logGroupName: name }));
    }
  });

  it('sorts by name and filters by prefix', async () => {
    const all = await f.client.send(new DescribeLogGroupsCommand({}));
    expect(all.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/lambda/a', '/aws/lambda/b', '/custom/x', 'DataLogs', 'GroupDataLogs', 'datalogs']);
    const lambda = await f.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    expect(lambda.logGroups?.map((g) => g.logGroupName)).toEqual(['/aws/lambda/a', '/aws/lambda/b']);
  });

  it('matches logGroupNamePattern as a case-sensitive substring and returns only name, time and arn', async () => {
    const { logGroups } = await f.client.send(new DescribeLogGroupsCommand({ logGroupNamePattern: 'DataLogs' }));
    expect(logGroups?.map((g) => g.logGroupName)).toEqual(['DataLogs', 'GroupDataLogs']);
    expect(Object.keys(logGroups?.[0] ?? {}).sort()).toEqual(['arn', 'creationTime', 'logGroupName']);
  });

  it('refuses prefix and pattern together', async () => {
    const err = await rejection(f.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' })));
    expect(err.name).toBe('InvalidParameterException');
  });

  it('finds groups by identifier, name or ARN', async () => {
    const { logGroups } = await f.client.send(new DescribeLogGroupsCommand({ logGroupIdentifiers: ['DataLogs', ARN('/custom/x')] }));
    expect(logGroups?.map((g) => g.logGroupName)).toEqual(['/custom/x', 'DataLogs']);
  });

  it('pages with limit and nextToken until every group is listed once', async () => {
    // act
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await f.client.send(new DescribeLogGroupsCommand({ limit: 4, nextToken }));
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName as string));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    // assert
    expect(pages).toBe(2);
    expect(names).toEqual(['/aws/lambda/a', '/aws/lambda/b', '/custom/x', 'DataLogs', 'GroupDataLogs', 'datalogs']);
  });

  it('refuses a limit above 50 and a made-up token', async () => {
    expect((await rejection(f.client.send(new DescribeLogGroupsCommand({ limit: 51 })))).message).toMatch(/at 'limit'/);
    expect((await rejection(f.client.send(new DescribeLogGroupsCommand({ nextToken: '!!' })))).name).toBe('InvalidParameterException');
  });

  it('reports storedBytes as the UTF-8 size of the stored messages', async () => {
    await f.client.send(new CreateLogStreamCommand({ logGroupName: 'DataLogs', logStreamName: 's' }));
    await f.client.send(new PutLogEventsCommand({ logGroupName: 'DataLogs', logStreamName: 's', logEvents: [{ timestamp: T0, message: 'héllo' }] }));
    const { logGroups } = await f.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'DataLogs' }));
    expect(logGroups?.[0]?.storedBytes).toBe(6);
  });
});

describe('PutRetentionPolicy / DeleteRetentionPolicy', () => {
  beforeEach(() => f.client.send(new CreateLogGroupCommand({ logGroupName: 'g' })));

  it('sets and removes the retention DescribeLogGroups reports', async () => {
    await f.client.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 14 }));
    expect((await f.client.send(new DescribeLogGroupsCommand({}))).logGroups?.[0]?.retentionInDays).toBe(14);
    await f.client.send(new DeleteRetentionPolicyCommand({ logGroupName: 'g' }));
    expect((await f.client.send(new DescribeLogGroupsCommand({}))).logGroups?.[0]?.retentionInDays).toBeUndefined();
  });

  it.each([0, 2, 4, 366, 10000])('refuses %d days, which is not one of the allowed values', async (days) => {
    const err = await rejection(f.client.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: days })));
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toMatch(/enum value set: \[1, 3, 5, 7, 14/);
  });

  it('answers ResourceNotFoundException for a missing group', async () => {
    expect((await rejection(f.client.send(new PutRetentionPolicyCommand({ logGroupName: 'nope', retentionInDays: 1 })))).name).toBe('ResourceNotFoundException');
    expect((await rejection(f.client.send(new DeleteRetentionPolicyCommand({ logGroupName: 'nope' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('tags', () => {
  beforeEach(() => f.client.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/fn', tags: { project: 'fanout' } })));

  it('TagResource / UntagResource / ListTagsForResource work on the ARN without :*', async () => {
    await f.client.send(new TagResourceCommand({ resourceArn: ARN('/aws/lambda/fn'), tags: { env: 'local', project: 'fan-out' } }));
    expect((await f.client.send(new ListTagsForResourceCommand({ resourceArn: ARN('/aws/lambda/fn') }))).tags).toEqual({ env: 'local', project: 'fan-out' });
    await f.client.send(new UntagResourceCommand({ resourceArn: ARN('/aws/lambda/fn'), tagKeys: ['env'] }));
    expect((await f.client.send(new ListTagsForResourceCommand({ resourceArn: ARN('/aws/lambda/fn') }))).tags).toEqual({ project: 'fan-out' });
  });

  it('refuses the :* ARN and answers ResourceNotFoundException for another group', async () => {
    expect((await rejection(f.client.send(new ListTagsForResourceCommand({ resourceArn: `${ARN('/aws/lambda/fn')}:*` })))).name).toBe('InvalidParameterException');
    expect((await rejection(f.client.send(new ListTagsForResourceCommand({ resourceArn: ARN('other') })))).name).toBe('ResourceNotFoundException');
  });

  it('answers TooManyTagsException past 50 tags and keeps the old ones', async () => {
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    const err = await rejection(f.client.send(new TagResourceCommand({ resourceArn: ARN('/aws/lambda/fn'), tags })));
    expect(err.name).toBe('TooManyTagsException');
    expect((await f.client.send(new ListTagsForResourceCommand({ resourceArn: ARN('/aws/lambda/fn') }))).tags).toEqual({ project: 'fanout' });
  });

  it('refuses aws: keys and invalid characters', async () => {
    expect((await rejection(f.client.send(new TagResourceCommand({ resourceArn: ARN('/aws/lambda/fn'), tags: { 'aws:x': 'y' } })))).name).toBe('InvalidParameterException');
    expect((await rejection(f.client.send(new TagResourceCommand({ resourceArn: ARN('/aws/lambda/fn'), tags: { 'a*b': 'y' } })))).message).toMatch(/regular expression/);
  });

  it('TagLogGroup / UntagLogGroup / ListTagsLogGroup work by name', async () => {
    await f.client.send(new TagLogGroupCommand({ logGroupName: '/aws/lambda/fn', tags: { owner: 'bench' } }));
    expect((await f.client.send(new ListTagsLogGroupCommand({ logGroupName: '/aws/lambda/fn' }))).tags).toEqual({ project: 'fanout', owner: 'bench' });
    await f.client.send(new UntagLogGroupCommand({ logGroupName: '/aws/lambda/fn', tags: ['project'] }));
    expect((await f.client.send(new ListTagsLogGroupCommand({ logGroupName: '/aws/lambda/fn' }))).tags).toEqual({ owner: 'bench' });
    expect((await rejection(f.client.send(new ListTagsLogGroupCommand({ logGroupName: 'nope' })))).name).toBe('ResourceNotFoundException');
  });
});

describe("Terraform's aws_cloudwatch_log_group", () => {
  it('creates with tags and retention, reads back by prefix and tags, and deletes', async () => {
    // create: CreateLogGroup with tags, then PutRetentionPolicy
    await f.client.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/compute-direct', tags: { Project: 'fanout' } }));
    await f.client.send(new PutRetentionPolicyCommand({ logGroupName: '/aws/lambda/compute-direct', retentionInDays: 7 }));
    // read (every plan): DescribeLogGroups by prefix, exact match on the name; tags by ARN and by name
    const { logGroups } = await f.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/compute-direct' }));
    const group = logGroups?.find((g) => g.logGroupName === '/aws/lambda/compute-direct');
    expect(group).toMatchObject({ retentionInDays: 7, logGroupClass: 'STANDARD', arn: `${ARN('/aws/lambda/compute-direct')}:*` });
    const arn = (group?.arn as string).replace(/:\*$/, '');
    expect((await f.client.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual({ Project: 'fanout' });
    expect((await f.client.send(new ListTagsLogGroupCommand({ logGroupName: '/aws/lambda/compute-direct' }))).tags).toEqual({ Project: 'fanout' });
    // delete
    await f.client.send(new DeleteLogGroupCommand({ logGroupName: '/aws/lambda/compute-direct' }));
    expect((await f.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/compute-direct' }))).logGroups).toEqual([]);
  });
});
