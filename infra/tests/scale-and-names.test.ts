import type { StateMachineDefinition } from '@fanout/asl-types';
import { ValidationError } from '@fanout/shared-types';
import { LAMBDA_THROTTLE_RETRY, LAMBDA_TRANSIENT_RETRY, PUT_EVENTS_RETRY, PUT_EVENTS_THROTTLE_RETRY } from '../src/constants';
import { NameTooLongError, partitionOf, roleName } from '../src/naming';
import { defaultCallbackTimeoutSeconds, defaultExecutionTimeoutSeconds, patternConcurrency, retryDelaySeconds } from '../src/timing';
import { type TerraformJson, fixtureBundleRoot, onlyResource, resourceByName, resourcesOf, synthPattern } from './support/synth';

const computeOf = (json: TerraformJson, pattern: string, bundle: string) => resourceByName(json, 'aws_lambda_function', 'function_name', `fanout-${pattern}-${bundle}`)[1];
const definitionOf = (json: TerraformJson) => JSON.parse(String(onlyResource(json, 'aws_sfn_state_machine')[1]['definition'])) as StateMachineDefinition;

describe('scale: reserved concurrency checked against what the pattern runs at once', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  beforeAll(() => {
    bundles = fixtureBundleRoot();
  });
  afterAll(() => bundles.cleanup());

  it.each([
    ['map-in-parallel', 'compute-direct', 3, 120],
    ['map-in-parallel', 'compute-direct', 5, 200],
    ['map-eventbridge-callback', 'compute-callback', 3, 40],
  ] as const)('%s reserves, by default, exactly slots × 40 (or the one Map\'s 40) for %s: %i slots → %i', (pattern, bundle, slotCount, reserved) => {
    // act
    const json = synthPattern(pattern, { bundleRoot: bundles.root, slotCount }).json;

    // assert
    expect(patternConcurrency(pattern, slotCount)).toBe(reserved);
    expect(computeOf(json, pattern, bundle)['reserved_concurrent_executions']).toBe(reserved);
    // The summary runs once per execution: it stays unreserved.
    expect(computeOf(json, pattern, 'summary')).not.toHaveProperty('reserved_concurrent_executions');
  });

  it('takes a configured reservation at or above what the pattern needs', () => {
    const json = synthPattern('map-in-parallel', { bundleRoot: bundles.root, computeReservedConcurrency: 300 }).json;
    expect(computeOf(json, 'map-in-parallel', 'compute-direct')['reserved_concurrent_executions']).toBe(300);
  });

  it('refuses at synth a reservation below what the pattern runs at once, naming the field and the need', () => {
    // act
    const synth = () => synthPattern('map-in-parallel', { bundleRoot: bundles.root, slotCount: 4, computeReservedConcurrency: 100 });

    // assert
    expect(synth).toThrow(ValidationError);
    expect(synth).toThrow(/computeReservedConcurrency: 100 is below what map-in-parallel runs at once \(160: 4 slots × 40\)/);
    expect(() => synthPattern('map-eventbridge-callback', { bundleRoot: bundles.root, computeReservedConcurrency: 40 })).not.toThrow();
  });

  it('bounds every execution with a TimeoutSeconds derived from the largest request and every retry wait, unless configured', () => {
    // act
    const parallel = definitionOf(synthPattern('map-in-parallel', { bundleRoot: bundles.root }).json);
    const callback = definitionOf(synthPattern('map-eventbridge-callback', { bundleRoot: bundles.root }).json);
    const configured = definitionOf(synthPattern('map-eventbridge-callback', { bundleRoot: bundles.root, executionTimeoutSeconds: 7200 }).json);

    // assert: ⌈3,567 / 120⌉ waves × (40 s + retry waits) + summary; ⌈3,123 / 40⌉ × (264 s + retry waits) + summary
    const lambdaWaits = retryDelaySeconds([LAMBDA_TRANSIENT_RETRY, LAMBDA_THROTTLE_RETRY]);
    expect(lambdaWaits).toBe(2 + 4 + 8 + 16 + 32 + 64 + (1 + 2 + 4 + 8 + 16 + 30 + 30 + 30));
    expect(parallel.TimeoutSeconds).toBe(30 * (40 + lambdaWaits) + 70 + lambdaWaits);
    expect(callback.TimeoutSeconds).toBe(79 * (264 + retryDelaySeconds([PUT_EVENTS_RETRY, PUT_EVENTS_THROTTLE_RETRY])) + 70 + lambdaWaits);
    expect(configured.TimeoutSeconds).toBe(7200);
  });
});

describe('the callback timeout, from the compute time and the asynchronous retry budget', () => {
  it.each([
    [5_000, 30, 3 * (5 + 8 + 5) + 60 + 120 + 30],
    [1, 30, 3 * (1 + 8 + 5) + 210],
    [60_000, 90, 3 * (60 + 8 + 5) + 210],
    [5_000, 400, 400],
  ])('computeMs %i, Lambda timeout %i s → %i s', (computeMs, lambdaTimeoutSeconds, expected) => {
    expect(defaultCallbackTimeoutSeconds(computeMs, lambdaTimeoutSeconds)).toBe(expected);
  });

  it('never asks for an execution longer than a Standard execution may run', () => {
    const timeout = defaultExecutionTimeoutSeconds({ pattern: 'map-eventbridge-callback', slots: 1, iterationTimeoutSeconds: 86_400, iterationRetriers: [{ ErrorEquals: ['Slow'], IntervalSeconds: 100_000, MaxAttempts: 3, BackoffRate: 2 }], summaryTimeoutSeconds: 70, summaryRetriers: [] });
    expect(timeout).toBe(31_536_000);
  });
});

describe('names: two environments or regions never collide', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  beforeAll(() => {
    bundles = fixtureBundleRoot();
  });
  afterAll(() => bundles.cleanup());

  const roleNames = (json: TerraformJson) => resourcesOf(json, 'aws_iam_role').map(([, r]) => String(r['name'])).sort();

  it('gives every IAM role (global) the name prefix and the region', () => {
    // act
    const east = roleNames(synthPattern('map-eventbridge-callback', { bundleRoot: bundles.root }).json);
    const west = roleNames(synthPattern('map-eventbridge-callback', { bundleRoot: bundles.root, region: 'eu-west-1' }).json);
    const dev = roleNames(synthPattern('map-in-parallel', { bundleRoot: bundles.root, namePrefix: 'dev' }).json);

    // assert
    expect(east).toEqual(['fanout-us-east-1-callback-compute-callback-role', 'fanout-us-east-1-callback-sfn-role', 'fanout-us-east-1-callback-summary-role']);
    expect(west).toEqual(['fanout-eu-west-1-callback-compute-callback-role', 'fanout-eu-west-1-callback-sfn-role', 'fanout-eu-west-1-callback-summary-role']);
    expect(dev).toEqual(['dev-us-east-1-parallel-compute-direct-role', 'dev-us-east-1-parallel-sfn-role', 'dev-us-east-1-parallel-summary-role']);
    expect(new Set([...east, ...west]).size).toBe(6);
  });

  it('puts the region and the prefix in the S3 state key', () => {
    // act
    const backend = (region: string, namePrefix: string) => synthPattern('map-in-parallel', { bundleRoot: bundles.root, region, namePrefix, backend: { bucket: 'state-bucket' } }).json.terraform?.['backend'];

    // assert
    expect(backend('eu-west-1', 'prod')).toEqual({ s3: { bucket: 'state-bucket', key: 'sfn-fanout/eu-west-1/prod/map-in-parallel.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true } });
    expect(backend('eu-central-1', 'prod')).toMatchObject({ s3: { key: 'sfn-fanout/eu-central-1/prod/map-in-parallel.tfstate' } });
  });

  it('fits the longest prefix and the longest region in IAM\'s 64 characters, and says so when a name cannot fit', () => {
    expect(roleName('abcdefghijklmnop', 'ap-southeast-5', 'map-eventbridge-callback', 'compute-callback')).toHaveLength(62);
    expect(() => roleName('abcdefghijklmnop', 'ap-southeasterly-5', 'map-eventbridge-callback', 'compute-callback')).toThrow(NameTooLongError);
    expect(() => roleName('abcdefghijklmnop', 'ap-southeasterly-5', 'map-eventbridge-callback', 'compute-callback')).toThrow(/has 66 characters; IAM allows 64: shorten namePrefix/);
  });

  it('builds ARNs in the partition of the region', () => {
    expect([partitionOf('eu-west-1'), partitionOf('us-gov-west-1'), partitionOf('cn-north-1')]).toEqual(['aws', 'aws-us-gov', 'aws-cn']);
  });
});
