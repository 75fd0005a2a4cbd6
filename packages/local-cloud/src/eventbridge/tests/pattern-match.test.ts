// The pattern matcher operator by operator, from the EventBridge User Guide's own examples
// ("Event patterns", "Content filtering", "Comparison operators", arrays, null values).
import { compilePattern } from '../pattern/compile-pattern';
import { matchesPattern } from '../pattern/match-pattern';

const matches = (pattern: unknown, event: unknown): boolean => matchesPattern(compilePattern(JSON.stringify(pattern)), event);

/** The guide's EC2 sample event (content filtering page). */
const ec2 = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8, 'source-ip': '10.0.0.33', 'instance-id': 'i-000000aaaaaa00000', state: 'running' },
};
const withDetail = (detail: Record<string, unknown>) => ({ ...ec2, detail });

describe('exact values', () => {
  it('match all named fields, ignoring the others, case-sensitively', () => {
    expect(matches({ source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['running'] } }, ec2)).toBe(true);
    expect(matches({ source: ['AWS.EC2'] }, ec2)).toBe(false);
    expect(matches({ source: ['aws.ec2'], detail: { state: ['terminated'] } }, ec2)).toBe(false);
  });
  it('treat a value list as "any of"', () => {
    expect(matches({ detail: { state: ['initializing', 'running'] } }, ec2)).toBe(true);
    expect(matches({ source: ['aws.ec2', 'aws.fargate'] }, { ...ec2, source: 'aws.fargate' })).toBe(true);
  });
  it('need the field to be present with the same nesting', () => {
    expect(matches({ state: ['running'] }, ec2)).toBe(false);
    expect(matches({ detail: { missing: ['x'] } }, ec2)).toBe(false);
  });
  it('compare numbers numerically and never with strings', () => {
    expect(matches({ detail: { 'x-limit': [3.018e2] } }, ec2)).toBe(true);
    expect(matches({ detail: { 'c-count': ['5'] } }, ec2)).toBe(false);
    expect(matches({ detail: { id: [5] } }, withDetail({ id: '5' }))).toBe(false);
  });
  it('match booleans', () => {
    expect(matches({ detail: { ok: [true] } }, withDetail({ ok: true }))).toBe(true);
    expect(matches({ detail: { ok: [true] } }, withDetail({ ok: 'true' }))).toBe(false);
  });
});

describe('null values and empty strings', () => {
  const event = withDetail({ eventVersion: '', responseElements: null });
  it('match "" and null, which are not interchangeable', () => {
    expect(matches({ detail: { eventVersion: [''] } }, event)).toBe(true);
    expect(matches({ detail: { responseElements: [null] } }, event)).toBe(true);
    expect(matches({ detail: { eventVersion: [null] } }, event)).toBe(false);
    expect(matches({ detail: { responseElements: [''] } }, event)).toBe(false);
  });
});

describe('arrays in the event', () => {
  const event = {
    ...ec2,
    resources: [
      'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b-bbf0-401d-b893-d5978ed4a025:autoScalingGroupName/ASGTerminate',
      'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
    ],
  };
  it('match when the pattern and event arrays intersect', () => {
    const resources = ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f'];
    expect(matches({ resources }, event)).toBe(true);
    expect(matches({ resources: ['arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f'] }, event)).toBe(false);
  });
  it('look into arrays of objects, keeping fields of one element together', () => {
    const employees = { detail: { employees: [[{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }], [{ firstName: 'Peter', lastName: 'Jones' }]] } };
    expect(matches({ detail: { employees: { firstName: ['Anna'] } } }, employees)).toBe(true);
    expect(matches({ detail: { employees: { firstName: ['Anna'], lastName: ['Smith'] } } }, employees)).toBe(true);
    expect(matches({ detail: { employees: { firstName: ['Anna'], lastName: ['Jones'] } } }, employees)).toBe(false);
  });
});

describe('prefix and suffix', () => {
  it('prefix matches the start of strings only', () => {
    expect(matches({ time: [{ prefix: '2017-10-02' }] }, ec2)).toBe(true);
    expect(matches({ time: [{ prefix: '2017-10-03' }] }, ec2)).toBe(false);
    expect(matches({ region: [{ prefix: 'eu-' }] }, ec2)).toBe(false);
    expect(matches({ detail: { 'c-count': [{ prefix: '5' }] } }, ec2)).toBe(false);
  });
  it('prefix with equals-ignore-case ignores the casing', () => {
    const p = { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } };
    expect(matches(p, withDetail({ service: 'eventbridge' }))).toBe(true);
    expect(matches(p, withDetail({ service: 'EVENTBRIDGE' }))).toBe(true);
    expect(matches(p, withDetail({ service: 'sns' }))).toBe(false);
  });
  it('suffix matches the end, with or without case', () => {
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'cat.png' })).toBe(true);
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'cat.PNG' })).toBe(false);
    expect(matches({ FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { FileName: 'cat.PNG' })).toBe(true);
    expect(matches({ FileName: [{ suffix: '.png' }] }, { FileName: 'cat.jpg' })).toBe(false);
  });
});

describe('equals-ignore-case and wildcard', () => {
  it('equals-ignore-case matches any casing of the whole value', () => {
    expect(matches({ Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'ALICE' })).toBe(true);
    expect(matches({ Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'Alicia' })).toBe(false);
  });
  it('wildcard matches any run of characters, including none', () => {
    const p = { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] };
    expect(matches(p, { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' })).toBe(true);
    expect(matches(p, { EventBusArn: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders' })).toBe(false);
    expect(matches({ FilePath: [{ wildcard: 'dir/*.png' }] }, { FilePath: 'dir/.png' })).toBe(true);
    expect(matches({ source: [{ wildcard: 'Simple*Service' }] }, { source: 'SimpleQueueService' })).toBe(true);
  });
  it('wildcard escapes: \\* is a literal asterisk, regex characters are literal', () => {
    expect(matches({ v: [{ wildcard: 'a\\*b' }] }, { v: 'a*b' })).toBe(true);
    expect(matches({ v: [{ wildcard: 'a\\*b' }] }, { v: 'axb' })).toBe(false);
    expect(matches({ v: [{ wildcard: 'a.c' }] }, { v: 'abc' })).toBe(false);
  });
});

describe('anything-but', () => {
  it('a string or a number: any other present value', () => {
    expect(matches({ detail: { state: [{ 'anything-but': 'initializing' }] } }, ec2)).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': 'running' }] } }, ec2)).toBe(false);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': 123 }] } }, ec2)).toBe(true);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': 301.8 }] } }, ec2)).toBe(false);
  });
  it('a list of strings or of numbers', () => {
    expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, ec2)).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': ['stopped', 'running'] }] } }, ec2)).toBe(false);
    expect(matches({ detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, ec2)).toBe(true);
    expect(matches({ detail: { 'c-count': [{ 'anything-but': [4, 5] }] } }, ec2)).toBe(false);
  });
  it('needs the field to exist', () => {
    expect(matches({ detail: { missing: [{ 'anything-but': 'x' }] } }, ec2)).toBe(false);
  });
  it('excludes by type: a number is anything but a string', () => {
    expect(matches({ detail: { 'c-count': [{ 'anything-but': '5' }] } }, ec2)).toBe(true);
  });
  it('a prefix, a suffix, a casing, a wildcard', () => {
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, ec2)).toBe(true);
    expect(matches({ detail: { state: [{ 'anything-but': { prefix: 'run' } }] } }, ec2)).toBe(false);
    expect(matches({ FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.jpg' })).toBe(true);
    expect(matches({ FileName: [{ 'anything-but': { suffix: '.png' } }] }, { FileName: 'a.png' })).toBe(false);
    expect(matches({ state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] }, { state: 'INITIALIZING' })).toBe(false);
    expect(matches({ state: [{ 'anything-but': { 'equals-ignore-case': ['a', 'b'] } }] }, { state: 'C' })).toBe(true);
    expect(matches({ FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/lib/x' })).toBe(false);
    expect(matches({ FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { FilePath: '/usr/bin/x' })).toBe(true);
  });
  it('on an event array, matches when some element is not excluded', () => {
    const p = { interests: [{ 'anything-but': { wildcard: '*ball' } }] };
    expect(matches(p, { interests: ['hockey', 'rugby', 'soccer'] })).toBe(true);
    expect(matches(p, { interests: ['baseball', 'basketball'] })).toBe(false);
  });
});

describe('numeric', () => {
  it('ranges and comparisons, all fields together', () => {
    const p = { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } };
    expect(matches(p, ec2)).toBe(true);
    expect(matches(p, withDetail({ ...ec2.detail, 'c-count': 6 }))).toBe(false);
    expect(matches(p, withDetail({ ...ec2.detail, 'c-count': 0 }))).toBe(false);
  });
  it('open and closed bounds', () => {
    expect(matches({ p: [{ numeric: ['>=', 10, '<', 20] }] }, { p: 10 })).toBe(true);
    expect(matches({ p: [{ numeric: ['>=', 10, '<', 20] }] }, { p: 20 })).toBe(false);
    expect(matches({ p: [{ numeric: ['>', 10] }] }, { p: 10 })).toBe(false);
    expect(matches({ p: [{ numeric: ['<=', 10] }] }, { p: 10 })).toBe(true);
  });
  it('works on JSON numbers only', () => {
    expect(matches({ p: [{ numeric: ['>', 0] }] }, { p: '5' })).toBe(false);
  });
});

describe('cidr', () => {
  it('IPv4 networks', () => {
    expect(matches({ detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, ec2)).toBe(true);
    expect(matches({ detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, ec2)).toBe(false);
    expect(matches({ ip: [{ cidr: '10.0.0.0/8' }] }, { ip: 'not an ip' })).toBe(false);
  });
  it('IPv6 networks', () => {
    expect(matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db8:0:1::7' })).toBe(true);
    expect(matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db9::1' })).toBe(false);
    expect(matches({ ip: [{ cidr: '2001:db8::/32' }] }, { ip: '10.0.0.1' })).toBe(false);
  });
});

describe('exists', () => {
  it('true: the leaf is present (null included)', () => {
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, ec2)).toBe(true);
    expect(matches({ detail: { v: [{ exists: true }] } }, withDetail({ v: null }))).toBe(true);
    expect(matches({ detail: { nope: [{ exists: true }] } }, ec2)).toBe(false);
  });
  it('false: the leaf is absent; an object is no leaf', () => {
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, withDetail({ state: ['initializing', 'running'] }))).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, withDetail({ 'c-count': { c1: 100 } }))).toBe(true);
    expect(matches({ detail: { 'c-count': [{ exists: false }] } }, ec2)).toBe(false);
    expect(matches({ detail: { 'c-count': [{ exists: true }] } }, withDetail({ 'c-count': { c1: 100 } }))).toBe(false);
  });
  it('false under a missing parent holds', () => {
    expect(matches({ nothing: { here: [{ exists: false }] } }, ec2)).toBe(true);
  });
});

describe('$or', () => {
  const cw = { source: 'aws.cloudwatch', metricName: 'NetworkIn', namespace: 'AWS/EC2', detail: { 'detail-type': 'CloudWatch Alarm State Change' } };
  it('source && (metricName || namespace)', () => {
    const p = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] };
    expect(matches(p, cw)).toBe(true);
    expect(matches(p, { ...cw, namespace: 'AWS/S3' })).toBe(false);
  });
  it('parallel $or at two levels', () => {
    const p = {
      $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
      detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] },
    };
    expect(matches(p, cw)).toBe(true);
    expect(matches(p, { ...cw, detail: { 'detail-type': 'other' } })).toBe(false);
  });
  it('nested $or and And', () => {
    const p = {
      source: ['aws.cloudwatch'],
      $or: [{ metricName: ['CPUUtilization'] }, { metricType: ['MetricType'], namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }, { scope: ['Service'] }],
    };
    expect(matches(p, { ...cw, metricType: 'MetricType', spaceId: 1000 })).toBe(true);
    expect(matches(p, { ...cw, metricType: 'MetricType', spaceId: 999 })).toBe(false);
    expect(matches(p, { source: 'aws.cloudwatch', scope: 'Service' })).toBe(true);
  });
});
