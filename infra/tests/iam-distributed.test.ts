/**
 * distributed-map's least privilege, proven with @cloud-copilot/iam-simulate over the synthesized
 * policies (references resolved to the ARNs AWS would give): the state machine role starts,
 * describes, stops and redrives only its own child executions, reads only the items prefix and
 * writes only the results prefix; the summary reads only those two; the bucket refuses plain HTTP.
 */
import { type Decision, simulate, simulateRequest } from './support/iam-sim';
import { resourcePolicy, rolePolicies } from './support/policies';
import { ACCOUNT, type TerraformJson, fixtureBundleRoot, resolveReferences, resourcesOf, synthPattern } from './support/synth';

const REGION = 'us-east-1';
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const D = 'fanout-distributed-map';
const DR = 'fanout-us-east-1-distributed';
const BUCKET = `${D}-${ACCOUNT}-${REGION}`;
const object = (key: string, bucket = BUCKET) => `arn:aws:s3:::${bucket}/${key}`;
const fn = (name: string) => arn('lambda', `function:${name}`);

describe('distributed-map IAM least privilege', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  let json: TerraformJson;

  beforeAll(() => {
    bundles = fixtureBundleRoot();
    json = synthPattern('distributed-map', { bundleRoot: bundles.root }).json;
  });
  afterAll(() => bundles.cleanup());

  async function decisions(policies: unknown[], cases: [string, string][]): Promise<Record<string, Decision>> {
    const out: Record<string, Decision> = {};
    for (const [action, resource] of cases) out[`${action} ${resource}`] = await simulate(policies, action, resource);
    return out;
  }
  const expectDecisions = async (policies: unknown[], cases: [string, string, Decision][]) => {
    const result = await decisions(policies, cases.map(([a, r]) => [a, r]));
    expect(result).toEqual(Object.fromEntries(cases.map(([a, r, d]) => [`${a} ${r}`, d])));
  };

  describe('state machine role', () => {
    const machine = arn('states', `stateMachine:${D}`);
    const child = (label: string) => arn('states', `execution:${D}/${label}:0f0f-1`);

    it('invokes exactly compute-direct and its summary', async () => {
      await expectDecisions(rolePolicies(json, `${DR}-sfn-role`), [
        ['lambda:InvokeFunction', fn(`${D}-compute-direct`), 'Allowed'],
        ['lambda:InvokeFunction', fn(`${D}-summary`), 'Allowed'],
        ['lambda:InvokeFunction', fn('fanout-map-in-parallel-compute-direct'), 'ImplicitlyDenied'],
        ['lambda:UpdateFunctionCode', fn(`${D}-compute-direct`), 'ImplicitlyDenied'],
      ]);
    });

    it('starts child executions of its own state machine only, and describes, stops and redrives only its own Map Runs', async () => {
      await expectDecisions(rolePolicies(json, `${DR}-sfn-role`), [
        ['states:StartExecution', machine, 'Allowed'],
        ['states:StartExecution', arn('states', 'stateMachine:fanout-map-in-parallel'), 'ImplicitlyDenied'],
        ['states:StartExecution', arn('states', `stateMachine:${D}-2`), 'ImplicitlyDenied'],
        ['states:DescribeExecution', child('ComputeRequestCases'), 'Allowed'],
        ['states:StopExecution', child('ComputeItemsCases'), 'Allowed'],
        ['states:DescribeExecution', arn('states', `execution:${D}:run-1`), 'Allowed'],
        ['states:DescribeExecution', arn('states', 'execution:fanout-map-in-parallel:run-1'), 'ImplicitlyDenied'],
        ['states:StopExecution', arn('states', `execution:${D}-2/ComputeRequestCases:0f0f-1`), 'ImplicitlyDenied'],
        ['states:RedriveExecution', child('ComputeRequestCases'), 'Allowed'],
        ['states:RedriveExecution', child('OtherMap'), 'ImplicitlyDenied'],
        ['states:RedriveExecution', arn('states', `execution:${D}:run-1`), 'ImplicitlyDenied'],
        ['states:DeleteStateMachine', machine, 'ImplicitlyDenied'],
        ['states:SendTaskSuccess', '*', 'ImplicitlyDenied'],
      ]);
    });

    it('reads only the items prefix, and writes (with multipart uploads) only the results prefix of its bucket', async () => {
      await expectDecisions(rolePolicies(json, `${DR}-sfn-role`), [
        ['s3:GetObject', object('inputs/r/dataset_1000.jsonl'), 'Allowed'],
        ['s3:PutObject', object('inputs/r/dataset_1000.jsonl'), 'ImplicitlyDenied'],
        ['s3:PutObject', object('results/0f0f/manifest.json'), 'Allowed'],
        ['s3:GetObject', object('results/0f0f/SUCCEEDED_0.json'), 'Allowed'],
        ['s3:ListMultipartUploadParts', object('results/0f0f/SUCCEEDED_0.json'), 'Allowed'],
        ['s3:AbortMultipartUpload', object('results/0f0f/SUCCEEDED_0.json'), 'Allowed'],
        ['s3:AbortMultipartUpload', object('inputs/a.jsonl'), 'ImplicitlyDenied'],
        ['s3:DeleteObject', object('results/0f0f/manifest.json'), 'ImplicitlyDenied'],
        ['s3:GetObject', object('other/a.jsonl'), 'ImplicitlyDenied'],
        ['s3:GetObject', object('inputs/a.jsonl', 'another-bucket'), 'ImplicitlyDenied'],
        ['s3:PutObject', object('results/a', 'another-bucket'), 'ImplicitlyDenied'],
        ['s3:ListBucket', `arn:aws:s3:::${BUCKET}`, 'ImplicitlyDenied'],
        ['s3:PutBucketPolicy', `arn:aws:s3:::${BUCKET}`, 'ImplicitlyDenied'],
      ]);
    });

    it('may be assumed by Step Functions for this state machine only, in this account', async () => {
      // prepare
      const [, role] = resourcesOf(json, 'aws_iam_role').find(([, r]) => r['name'] === `${DR}-sfn-role`) ?? [];
      const trust = JSON.parse(resolveReferences(String(role?.['assume_role_policy']), json)) as unknown;
      const assume = (sourceArn: string, sourceAccount = ACCOUNT) =>
        simulateRequest({ principal: 'states.amazonaws.com', action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/${DR}-sfn-role`, resourcePolicy: trust, context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount } });

      // act / assert
      expect(await assume(machine)).toBe('Allowed');
      expect(await assume(arn('states', 'stateMachine:fanout-map-in-parallel'))).toBe('ImplicitlyDenied');
      expect(await assume(machine, '210987654321')).toBe('ImplicitlyDenied');
    });
  });

  describe('summary role', () => {
    it('reads the results and the items, and writes nothing', async () => {
      await expectDecisions(rolePolicies(json, `${DR}-summary-role`), [
        ['s3:GetObject', object('results/0f0f/manifest.json'), 'Allowed'],
        ['s3:GetObject', object('inputs/r/dataset_1000.jsonl'), 'Allowed'],
        ['s3:GetObject', object('other/a'), 'ImplicitlyDenied'],
        ['s3:GetObject', object('results/0f0f/manifest.json', 'another-bucket'), 'ImplicitlyDenied'],
        ['s3:PutObject', object('results/0f0f/manifest.json'), 'ImplicitlyDenied'],
        ['s3:DeleteObject', object('inputs/a.jsonl'), 'ImplicitlyDenied'],
        ['s3:ListBucket', `arn:aws:s3:::${BUCKET}`, 'ImplicitlyDenied'],
        ['logs:PutLogEvents', arn('logs', `log-group:/aws/lambda/${D}-summary:log-stream:s`), 'Allowed'],
        ['states:StartExecution', arn('states', `stateMachine:${D}`), 'ImplicitlyDenied'],
      ]);
    });
  });

  describe('compute-direct role', () => {
    it('has no access to the bucket', async () => {
      await expectDecisions(rolePolicies(json, `${DR}-compute-direct-role`), [
        ['s3:GetObject', object('inputs/a.jsonl'), 'ImplicitlyDenied'],
        ['s3:PutObject', object('results/a'), 'ImplicitlyDenied'],
      ]);
    });
  });

  describe('bucket policy', () => {
    it('explicitly denies every request without TLS, whatever the caller may do; over TLS the identity policy decides', async () => {
      // prepare
      const policy = resourcePolicy(json, 'aws_s3_bucket_policy', 'data_');
      const summary = rolePolicies(json, `${DR}-summary-role`);
      const admin = [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }] }];
      const request = (identityPolicies: unknown[], action: string, resource: string, secure: boolean) =>
        simulateRequest({ principal: `arn:aws:iam::${ACCOUNT}:role/${DR}-summary-role`, action, resource, identityPolicies, resourcePolicy: policy, context: { 'aws:SecureTransport': String(secure) } });

      // act
      const result = {
        summaryOverTls: await request(summary, 's3:GetObject', object('results/0f0f/manifest.json'), true),
        summaryPlain: await request(summary, 's3:GetObject', object('results/0f0f/manifest.json'), false),
        adminPlainPut: await request(admin, 's3:PutObject', object('inputs/a.jsonl'), false),
        adminPlainList: await request(admin, 's3:ListBucket', `arn:aws:s3:::${BUCKET}`, false),
        summaryPutOverTls: await request(summary, 's3:PutObject', object('results/a'), true),
      };

      // assert
      expect(result).toEqual({ summaryOverTls: 'Allowed', summaryPlain: 'ExplicitlyDenied', adminPlainPut: 'ExplicitlyDenied', adminPlainList: 'ExplicitlyDenied', summaryPutOverTls: 'ImplicitlyDenied' });
    });
  });
});
