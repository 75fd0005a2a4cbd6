// Lifecycle expiration on the shared Clock: objects older than Days disappear, and are counted.
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutBucketLifecycleConfigurationCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Clock } from '../../core/clock';
import { Scope } from '../../core/scope';
import { DAY_MS } from '../limits';
import { nextMidnightUtc, objectExpiry } from '../model/lifecycle';
import { rejection, startS3, type S3Fixture } from './helpers';

// One simulated day lasts 40 real milliseconds; the clock starts at noon UTC.
const START = Date.UTC(2030, 0, 1, 12);
let f: S3Fixture;
const Bucket = 'lifecycle-bucket';
const scope = new Scope();

beforeEach(async () => {
  f = await startS3({ clock: new Clock({ timeScale: DAY_MS / 40, startMs: START }) });
  await f.s3.send(new CreateBucketCommand({ Bucket }));
});
afterEach(() => f.close());
afterAll(() => scope.abort());

const expireTmpAfterOneDay = () =>
  f.s3.send(new PutBucketLifecycleConfigurationCommand({ Bucket, LifecycleConfiguration: { Rules: [{ ID: 'tmp-1d', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } }] } }));

test('an object under the rule expires at the midnight after its age reaches Days, with no request needed, and is counted', async () => {
  // prepare
  await expireTmpAfterOneDay();
  await f.s3.send(new PutObjectCommand({ Bucket, Key: 'tmp/a', Body: 'a' }));
  await f.s3.send(new PutObjectCommand({ Bucket, Key: 'keep/b', Body: 'b' }));
  const head = await f.s3.send(new HeadObjectCommand({ Bucket, Key: 'tmp/a' }));
  // assert: announced for midnight two days on (noon + 1 day, rounded up)
  expect(head.Expiration).toBe(`expiry-date="${new Date(Date.UTC(2030, 0, 3)).toUTCString()}", rule-id="tmp-1d"`);
  // act: let the simulated time pass the due time, without touching the bucket
  await f.clock.sleep(Date.UTC(2030, 0, 3) - f.clock.now() + DAY_MS / 4, scope);
  // assert
  expect(f.model.stats()).toMatchObject({ expiredObjects: 1, objects: 1 });
  const listed = await f.s3.send(new ListObjectsV2Command({ Bucket }));
  expect(listed.Contents?.map((c) => c.Key)).toEqual(['keep/b']);
  expect((await rejection(f.s3.send(new GetObjectCommand({ Bucket, Key: 'tmp/a' })))).name).toBe('NoSuchKey');
});

test('an object is still there before its due time', async () => {
  await expireTmpAfterOneDay();
  await f.s3.send(new PutObjectCommand({ Bucket, Key: 'tmp/early', Body: 'x' }));
  await f.clock.sleep(DAY_MS / 2, scope);
  expect(await (await f.s3.send(new GetObjectCommand({ Bucket, Key: 'tmp/early' }))).Body!.transformToString()).toBe('x');
  expect(f.model.stats().expiredObjects).toBe(0);
});

test('a rule put after the objects applies to them, and objects already past due go at once', async () => {
  await f.s3.send(new PutObjectCommand({ Bucket, Key: 'tmp/old', Body: 'x' }));
  await f.clock.sleep(3 * DAY_MS, scope);
  await expireTmpAfterOneDay();
  expect(f.model.stats().expiredObjects).toBe(1);
  expect((await f.s3.send(new ListObjectsV2Command({ Bucket }))).KeyCount).toBe(0);
});

test('expiry rules: rounding to midnight UTC, filters by prefix, tag and size, the earliest rule wins', () => {
  expect(nextMidnightUtc(Date.UTC(2030, 0, 1, 0, 0, 0, 1))).toBe(Date.UTC(2030, 0, 2));
  expect(nextMidnightUtc(Date.UTC(2030, 0, 1))).toBe(Date.UTC(2030, 0, 1));
  const rules = [
    { ID: 'big', Status: 'Enabled' as const, Filter: { ObjectSizeGreaterThan: 100 }, Expiration: { Days: 10 }, Transitions: [], NoncurrentVersionTransitions: [] },
    { ID: 'tagged', Status: 'Enabled' as const, Filter: { Tags: [{ Key: 't', Value: '1' }], and: true }, Expiration: { Days: 2 }, Transitions: [], NoncurrentVersionTransitions: [] },
    { ID: 'off', Status: 'Disabled' as const, Filter: {}, Expiration: { Days: 1 }, Transitions: [], NoncurrentVersionTransitions: [] },
  ];
  expect(objectExpiry(rules, { key: 'k', size: 50, tags: [] }, START)).toBeUndefined();
  expect(objectExpiry(rules, { key: 'k', size: 500, tags: [] }, START)?.ruleId).toBe('big');
  expect(objectExpiry(rules, { key: 'k', size: 500, tags: [{ Key: 't', Value: '1' }] }, START)).toEqual({ at: Date.UTC(2030, 0, 4), ruleId: 'tagged' });
});
