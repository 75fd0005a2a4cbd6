import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketPolicyCommand, GetBucketTaggingCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { LAMBDA_BUNDLES, buildApp, resolveConfig } from '@fanout/infra';
import { LocalCloud } from '../../local-cloud';
import { deployStacks } from '../deploy-stacks';
import { planStack } from '../plan';
import { readStack, readSynthesizedStacks, type SynthesizedStack } from '../stack';

let dir: string;
let cloud: LocalCloud;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 's3-deployer-'));
  cloud = await LocalCloud.start({ iam: 'off' });
});
afterAll(async () => {
  await cloud.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The distributed-map stack as infra synthesizes it (tiny fixture bundles). */
function distributedMapStack(): SynthesizedStack {
  const bundles = join(dir, 'bundles');
  for (const name of LAMBDA_BUNDLES) {
    mkdirSync(join(bundles, name), { recursive: true });
    writeFileSync(join(bundles, name, 'index.js'), 'exports.handler = async () => ({});\n');
  }
  const outdir = join(dir, 'cdktf.out');
  buildApp({ config: resolveConfig({ bundleRoot: bundles }, 'the S3 deployer test'), outdir, patterns: ['distributed-map'] }).app.synth();
  const [stack] = readSynthesizedStacks(outdir, 'distributed-map');
  if (!stack) throw new Error('no distributed-map stack');
  return stack;
}

/** The stack's bucket and what it references (the alarm topic, for the account in its name). */
function s3Part(stack: SynthesizedStack): SynthesizedStack {
  return { ...stack, resources: stack.resources.filter((r) => r.type.startsWith('aws_s3_') || r.type === 'aws_sns_topic'), outputs: {} };
}

function client(): S3Client {
  return new S3Client({ endpoint: cloud.url, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

describe('the S3 resources of a synthesized stack, deployed by the S3 operations', () => {
  it('creates the distributed-map bucket with its public access block, encryption, lifecycle, policy and tags', async () => {
    // prepare: every resource and attribute of the whole stack is one the loader accepts
    const stack = distributedMapStack();
    expect(() => planStack(stack)).not.toThrow();
    const plan = planStack(s3Part(stack));
    const bucket = 'fanout-distributed-map-123456789012-us-east-1';
    const s3 = client();

    // act
    const [deployed] = await deployStacks(cloud, [plan]);

    // assert: read back through the real SDK, as Terraform's provider would
    expect(deployed?.resources.filter((r) => r.type.startsWith('aws_s3_')).map((r) => r.type).sort()).toEqual([
      'aws_s3_bucket',
      'aws_s3_bucket_lifecycle_configuration',
      'aws_s3_bucket_policy',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_server_side_encryption_configuration',
    ]);
    const lifecycle = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    expect(lifecycle.Rules?.map((r) => ({ id: r.ID, status: r.Status, prefix: r.Filter?.Prefix, days: r.Expiration?.Days, abort: r.AbortIncompleteMultipartUpload?.DaysAfterInitiation }))).toEqual([
      { id: 'expire-inputs', status: 'Enabled', prefix: 'inputs/', days: 7, abort: undefined },
      { id: 'expire-results', status: 'Enabled', prefix: 'results/', days: 7, abort: undefined },
      { id: 'abort-incomplete-uploads', status: 'Enabled', prefix: '', days: undefined, abort: 1 },
    ]);
    expect((await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect((await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}') as { Statement: { Resource: string[]; Condition: unknown }[] };
    expect(policy.Statement[0]).toMatchObject({ Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect((await s3.send(new GetBucketTaggingCommand({ Bucket: bucket }))).TagSet).toEqual(expect.arrayContaining([{ Key: 'pattern', Value: 'distributed-map' }]));
    s3.destroy();
  });

  it('computes the attributes other resources reference, and deploys versioning', async () => {
    // prepare
    const file = join(dir, 'versioned.json');
    writeFileSync(
      file,
      JSON.stringify({
        provider: { aws: [{ region: 'us-east-1' }] },
        resource: {
          aws_s3_bucket: { b: { bucket: 'versioned-bucket' } },
          aws_s3_bucket_versioning: { v: { bucket: '${aws_s3_bucket.b.id}', versioning_configuration: { status: 'Enabled' } } },
        },
        output: { arn: { value: '${aws_s3_bucket.b.arn}' }, domain: { value: '${aws_s3_bucket.b.bucket_regional_domain_name}' } },
      }),
    );
    const s3 = client();

    // act
    const [deployed] = await deployStacks(cloud, [planStack(readStack('versioned', file))]);

    // assert
    expect(deployed?.outputs).toEqual({ arn: 'arn:aws:s3:::versioned-bucket', domain: 'versioned-bucket.s3.us-east-1.amazonaws.com' });
    expect((await s3.send(new GetBucketVersioningCommand({ Bucket: 'versioned-bucket' }))).Status).toBe('Enabled');
    s3.destroy();
  });

  it.each([
    ['an attribute the local S3 does not run', { aws_s3_bucket: { b: { bucket: 'x-bucket', acceleration_status: 'Enabled' } } }, /resource aws_s3_bucket\.b, attribute 'acceleration_status': not supported/],
  ])('refuses %s before deploying anything', (_what, resource, message) => {
    // prepare
    const file = join(dir, 'refused.json');
    writeFileSync(file, JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] }, resource }));

    // act / assert
    expect(() => planStack(readStack('refused', file))).toThrow(message);
  });

  it('refuses an unknown key inside a lifecycle rule, naming it, when it deploys', async () => {
    // prepare
    const file = join(dir, 'bad-rule.json');
    writeFileSync(
      file,
      JSON.stringify({
        provider: { aws: [{ region: 'us-east-1' }] },
        resource: {
          aws_s3_bucket: { b: { bucket: 'rule-bucket' } },
          aws_s3_bucket_lifecycle_configuration: { l: { bucket: '${aws_s3_bucket.b.id}', rule: [{ id: 'r', status: 'Enabled', filter: [{ prefix: 'a/' }], expiration: [{ days: 1 }], bogus: 1 }] } },
        },
      }),
    );

    // act / assert
    await expect(deployStacks(cloud, [planStack(readStack('bad-rule', file))])).rejects.toThrow(/resource aws_s3_bucket_lifecycle_configuration\.l, attribute 'rule\[0\]\.bogus': not supported/);
  });
});
