import type { DistributedMapState, StateMachineDefinition } from '@fanout/asl-types';
import { caughtValidationError } from '@fanout/shared-types/testing/caught-validation-error';
import { DISTRIBUTED_STATE_NAMES as N } from '../src/asl/distributed-map';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { configFromEnv, loadConfig, resolveConfig } from '../src/config';
import { type TerraformJson, fixtureBundleRoot, onlyResource, referencesIn, resolveReferences, resourceByName, resourcesOf, synthPattern } from './support/synth';

const D = 'fanout-distributed-map';

describe('distributed-map stack', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  let json: TerraformJson;
  let definition: StateMachineDefinition;
  const bucketRef = () => `\${aws_s3_bucket.${onlyResource(json, 'aws_s3_bucket')[0]}`;

  beforeAll(() => {
    bundles = fixtureBundleRoot();
    ({ json } = synthPattern('distributed-map', { bundleRoot: bundles.root }));
    definition = JSON.parse(String(onlyResource(json, 'aws_sfn_state_machine')[1]['definition'])) as StateMachineDefinition;
  });
  afterAll(() => bundles.cleanup());

  it('names its bucket after the stack, the account and the region, and empties it on destroy', () => {
    // act
    const [, bucket] = onlyResource(json, 'aws_s3_bucket');

    // assert
    expect(bucket['force_destroy']).toBe(true);
    expect(resolveReferences(String(bucket['bucket']), json)).toBe(`${D}-123456789012-us-east-1`);
  });

  it('blocks every kind of public access, encrypts with SSE-S3, and refuses every request without TLS', () => {
    // act
    const [, block] = onlyResource(json, 'aws_s3_bucket_public_access_block');
    const [, encryption] = onlyResource(json, 'aws_s3_bucket_server_side_encryption_configuration');
    const [policyId, policy] = onlyResource(json, 'aws_s3_bucket_policy');
    const [blockId] = onlyResource(json, 'aws_s3_bucket_public_access_block');

    // assert
    expect(block).toMatchObject({ bucket: `${bucketRef()}.id}`, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(encryption).toMatchObject({ bucket: `${bucketRef()}.id}`, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
    expect(JSON.parse(String(policy['policy']))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: ['s3:*'], Resource: [`${bucketRef()}.arn}`, `${bucketRef()}.arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
    expect([policyId, policy['depends_on']]).toEqual([policyId, [`aws_s3_bucket_public_access_block.${blockId}`]]);
  });

  it('expires the items and the results on their own schedules, and aborts incomplete uploads after a day', () => {
    // act
    const [, lifecycle] = onlyResource(json, 'aws_s3_bucket_lifecycle_configuration');
    const configured = synthPattern('distributed-map', { bundleRoot: bundles.root, distributedMap: { ...resolveConfig({}, 't').distributedMap, inputsExpirationDays: 2, resultsExpirationDays: 30 } }).json;

    // assert
    expect(lifecycle['rule']).toEqual([
      { id: 'expire-inputs', status: 'Enabled', filter: [{ prefix: 'inputs/' }], expiration: [{ days: 7 }] },
      { id: 'expire-results', status: 'Enabled', filter: [{ prefix: 'results/' }], expiration: [{ days: 7 }] },
      { id: 'abort-incomplete-uploads', status: 'Enabled', filter: [{ prefix: '' }], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] },
    ]);
    expect((onlyResource(configured, 'aws_s3_bucket_lifecycle_configuration')[1]['rule'] as { expiration?: { days: number }[] }[]).map((r) => r.expiration?.[0]?.days)).toEqual([2, 30, undefined]);
  });

  it('runs compute-direct reserved at MaxConcurrency (1,000 by default) and the summary from its own S3-reading bundle', () => {
    // act
    const [, compute] = resourceByName(json, 'aws_lambda_function', 'function_name', `${D}-compute-direct`);
    const [, summary] = resourceByName(json, 'aws_lambda_function', 'function_name', `${D}-summary`);

    // assert
    expect(compute['reserved_concurrent_executions']).toBe(1000);
    expect(summary['reserved_concurrent_executions']).toBeUndefined();
    // The asset's hash is its folder's: the fixture summary-distributed bundle, not the inline summary's.
    const inline = synthPattern('map-in-parallel', { bundleRoot: bundles.root }).json;
    const hashOf = (j: TerraformJson, name: string) => /\/([0-9A-F]+)\/archive\.zip$/.exec(String(resourceByName(j, 'aws_lambda_function', 'function_name', name)[1]['filename']))?.[1];
    expect(hashOf(json, `${D}-summary`)).toBeDefined();
    expect(hashOf(json, `${D}-summary`)).not.toBe(hashOf(inline, 'fanout-map-in-parallel-summary'));
    expect(hashOf(json, `${D}-compute-direct`)).toBe(hashOf(inline, 'fanout-map-in-parallel-compute-direct'));
  });

  it('defines a Standard, traced state machine whose Maps read and write this bucket, its references all in the stack', () => {
    // act
    const [, machine] = onlyResource(json, 'aws_sfn_state_machine');
    const fromItems = definition.States[N.itemsCases] as DistributedMapState;

    // assert
    expect(machine).toMatchObject({ name: D, type: 'STANDARD', tracing_configuration: { enabled: true }, logging_configuration: { level: 'ALL', include_execution_data: true } });
    expect(fromItems.ResultWriter?.Parameters).toEqual({ Bucket: `${bucketRef()}.bucket}`, Prefix: 'results' });
    expect(fromItems.ItemReader?.Parameters).toEqual({ Bucket: `${bucketRef()}.bucket}`, 'Key.$': '$.itemsKey' });
    expect(definition.TimeoutSeconds).toBe(8381);
    const refs = referencesIn(String(machine['definition'])).map((r) => `${r.type}.${r.attr}`);
    expect(new Set(refs)).toEqual(new Set(['aws_s3_bucket.bucket', 'aws_lambda_function.arn']));
    expect(() => resolveReferences(String(machine['definition']), json)).not.toThrow();
  });

  it('writes the outputs the bench and users need', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual(
      ['alarmTopicArn', 'bucketName', 'computeFunctionName', 'itemsInputType', 'itemsPrefix', 'maxConcurrency', 'resultsPrefix', 'stateMachineArn', 'stateMachineName', 'summaryFunctionName'].sort(),
    );
    expect(json.output?.['itemsPrefix']?.value).toBe('inputs/');
    expect(json.output?.['resultsPrefix']?.value).toBe('results/');
  });

  it('alarms on the executions and both functions, like the other stacks', () => {
    const names = resourcesOf(json, 'aws_cloudwatch_metric_alarm').map(([, a]) => String(a['alarm_name']));
    expect(names.sort()).toEqual(
      ['executions-failed', 'executions-timed-out', 'executions-aborted', 'compute-direct-errors', 'compute-direct-throttles', 'summary-errors', 'summary-throttles'].map((n) => `${D}-${n}`).sort(),
    );
  });
});

describe('distributed-map configuration', () => {
  const synthWith = (distributedMap: Partial<ReturnType<typeof resolveConfig>['distributedMap']>, extra: Record<string, unknown> = {}) => {
    const bundles = fixtureBundleRoot();
    try {
      return synthPattern('distributed-map', { bundleRoot: bundles.root, distributedMap: { ...resolveConfig({}, 't').distributedMap, ...distributedMap }, ...extra }).json;
    } finally {
      bundles.cleanup();
    }
  };
  it('has documented defaults, and reads a file block and FANOUT_DISTRIBUTED_* variables field by field', () => {
    // act
    const defaults = resolveConfig({}, 'defaults').distributedMap;
    const fromEnv = configFromEnv({ FANOUT_DISTRIBUTED_MAX_CONCURRENCY: '500', FANOUT_DISTRIBUTED_CHILD_EXECUTION_TYPE: 'STANDARD', FANOUT_DISTRIBUTED_ITEMS_INPUT_TYPE: 'JSON' });
    const merged = loadConfig({ env: { FANOUT_DISTRIBUTED_MAX_CONCURRENCY: '500', FANOUT_CONFIG: '' } }).distributedMap;

    // assert
    expect(defaults).toEqual({ childExecutionType: 'EXPRESS', maxConcurrency: 1000, toleratedFailurePercentage: 100, itemsInputType: 'JSONL', resultsExpirationDays: 7, inputsExpirationDays: 7 });
    expect(fromEnv.distributedMap).toEqual({ maxConcurrency: 500, childExecutionType: 'STANDARD', itemsInputType: 'JSON' });
    expect(merged).toMatchObject({ maxConcurrency: 500, childExecutionType: 'EXPRESS' });
  });

  it.each<[string, Record<string, string>, string]>([
    ['a concurrency above 10,000', { FANOUT_DISTRIBUTED_MAX_CONCURRENCY: '10001' }, 'FANOUT_DISTRIBUTED_MAX_CONCURRENCY (distributedMap.maxConcurrency): maxConcurrency must be at most 10000'],
    ['an unknown child type', { FANOUT_DISTRIBUTED_CHILD_EXECUTION_TYPE: 'SYNC' }, 'childExecutionType must be one of EXPRESS, STANDARD'],
    ['a fractional tolerance', { FANOUT_DISTRIBUTED_TOLERATED_FAILURE_PERCENTAGE: '2.5' }, 'toleratedFailurePercentage must be a number'],
  ])('refuses %s, naming the variable', (_what, env, message) => {
    expect(() => configFromEnv(env)).toThrow(message);
  });

  it('refuses an unknown key in the file block, naming the file', () => {
    // prepare
    const dir = mkdtempSync(path.join(tmpdir(), 'dm-config-'));
    const file = path.join(dir, 'fanout.config.json');
    writeFileSync(file, JSON.stringify({ distributedMap: { maxConcurency: 5 } }));

    // act / assert
    try {
      expect(() => loadConfig({ file, env: {} })).toThrow(new RegExp(`^${file}: not a valid infra configuration:\\n  - distributedMap.maxConcurency`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reserves what MaxConcurrency children compute at once (× their batch, 40 at most), and refuses a reservation below it', () => {
    // act
    const batched = synthWith({ maxConcurrency: 200, maxItemsPerBatch: 10 });
    const tooLow = caughtValidationError(() => synthWith({ maxConcurrency: 200 }, { computeReservedConcurrency: 150 }));

    // assert
    expect(resourceByName(batched, 'aws_lambda_function', 'function_name', `${D}-compute-direct`)[1]['reserved_concurrent_executions']).toBe(2000);
    expect(tooLow.issues).toEqual([{ path: 'computeReservedConcurrency', message: '150 is below what distributed-map runs at once (200: MaxConcurrency 200 child executions); raise it or leave it unset' }]);
  });

  it('refuses a batch an Express child could not finish in 5 minutes, or a Standard child could not record', () => {
    // act
    const express = caughtValidationError(() => synthWith({ maxConcurrency: 10, maxItemsPerBatch: 41 }));
    const standard = caughtValidationError(() => synthWith({ maxConcurrency: 1, childExecutionType: 'STANDARD', maxItemsPerBatch: 5000 }));
    const fine = synthWith({ maxConcurrency: 10, maxItemsPerBatch: 40 });

    // assert
    expect(express.issues[0]).toEqual({ path: 'distributedMap.maxItemsPerBatch', message: expect.stringContaining('41 cases per Express child could take 574 s') });
    expect(standard.issues[0]).toEqual({ path: 'distributedMap.maxItemsPerBatch', message: expect.stringContaining('at most 2272') });
    expect(resourcesOf(fine, 'aws_sfn_state_machine')).toHaveLength(1);
  });

  it('refuses a concurrency no reservation can hold', () => {
    expect(caughtValidationError(() => synthWith({ maxConcurrency: 1000, maxItemsPerBatch: 40 })).issues[0]).toEqual({ path: 'distributedMap.maxConcurrency', message: expect.stringContaining('would run 40000 compute functions at once') });
  });
});
