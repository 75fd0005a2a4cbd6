import aslValidator from 'asl-validator';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { MapState, ParallelState, StateMachineDefinition, TaskState } from '@fanout/asl-types';
import { LAMBDA_ARCHITECTURE, LAMBDA_HANDLER, LAMBDA_RUNTIME } from '../src/constants';
import { type TerraformJson, fixtureBundleRoot, onlyResource, referencesIn, resolveReferences, resourceByName, resourcesOf, synthPattern } from './support/synth';

describe('map-in-parallel stack', () => {
  let bundles: ReturnType<typeof fixtureBundleRoot>;
  let text: string;
  let json: TerraformJson;
  let definitionText: string;

  beforeAll(() => {
    bundles = fixtureBundleRoot();
    ({ text, json } = synthPattern('map-in-parallel', { bundleRoot: bundles.root, region: 'eu-west-1', tags: { project: 'sfn-fanout', owner: 'bench' } }));
    definitionText = String(onlyResource(json, 'aws_sfn_state_machine')[1]['definition']);
  });
  afterAll(() => bundles.cleanup());

  it('configures the AWS provider with the region and default tags', () => {
    expect(text).toHaveProviderWithProperties(AwsProvider, { region: 'eu-west-1', default_tags: [{ tags: { project: 'sfn-fanout', owner: 'bench', pattern: 'map-in-parallel' } }] });
  });

  it('defines compute-direct and summary as traced arm64 nodejs22.x Lambdas from their bundles', () => {
    expect(text).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'fanout-map-in-parallel-compute-direct',
      handler: LAMBDA_HANDLER,
      runtime: LAMBDA_RUNTIME,
      architectures: [LAMBDA_ARCHITECTURE],
      timeout: 30,
      memory_size: 256,
      environment: { variables: { COMPUTE_MS: '5000' } },
      tracing_config: { mode: 'Active' },
    });
    expect(text).toHaveResourceWithProperties(LambdaFunction, { function_name: 'fanout-map-in-parallel-summary', tracing_config: { mode: 'Active' } });
    expect(resourcesOf(json, 'aws_lambda_function')).toHaveLength(2);
    const [, compute] = resourceByName(json, 'aws_lambda_function', 'function_name', 'fanout-map-in-parallel-compute-direct');
    expect(String(compute['filename'])).toMatch(/^assets\/compute-direct_bundle_[^/]+\/[0-9A-F]+\/archive\.zip$/);
  });

  it('defines a Standard state machine with X-Ray and ALL logging (execution data included) to its own log group', () => {
    // Act
    const [, machine] = onlyResource(json, 'aws_sfn_state_machine');
    const [logGroupId] = resourceByName(json, 'aws_cloudwatch_log_group', 'name', '/aws/vendedlogs/states/fanout-map-in-parallel');

    // Assert
    expect(machine).toMatchObject({
      name: 'fanout-map-in-parallel',
      type: 'STANDARD',
      tracing_configuration: { enabled: true },
      logging_configuration: { level: 'ALL', include_execution_data: true, log_destination: `\${aws_cloudwatch_log_group.${logGroupId}.arn}:*` },
    });
    expect(text).toHaveResourceWithProperties(CloudwatchLogGroup, { name: '/aws/vendedlogs/states/fanout-map-in-parallel', retention_in_days: 14 });
  });

  it('has a definition whose Terraform references all point at resources in this stack', () => {
    // Act
    const refs = referencesIn(definitionText);
    const [computeId] = resourceByName(json, 'aws_lambda_function', 'function_name', 'fanout-map-in-parallel-compute-direct');
    const [summaryId] = resourceByName(json, 'aws_lambda_function', 'function_name', 'fanout-map-in-parallel-summary');

    // Assert
    expect(new Set(refs.map((r) => `${r.type}.${r.name}.${r.attr}`))).toEqual(new Set([`aws_lambda_function.${computeId}.arn`, `aws_lambda_function.${summaryId}.arn`]));
    expect(() => resolveReferences(definitionText, json, 'eu-west-1')).not.toThrow();
  });

  it('has a definition that passes asl-validator once its references are resolved', () => {
    // Act
    const definition = JSON.parse(resolveReferences(definitionText, json, 'eu-west-1')) as StateMachineDefinition;

    // Assert
    expect(aslValidator(definition)).toMatchObject({ isValid: true, errors: [] });
    const branches = (definition.States['ComputeSlots'] as ParallelState).Branches;
    expect(branches).toHaveLength(3);
    const compute = (branches[2]?.States['ComputeSlot2'] as MapState).ItemProcessor.States['Compute2'] as TaskState;
    expect(compute.Parameters?.['FunctionName']).toBe('arn:aws:lambda:eu-west-1:123456789012:function:fanout-map-in-parallel-compute-direct');
    // Task timeout covers the function's own 30 s timeout.
    expect(compute.TimeoutSeconds).toBeGreaterThan(30);
  });

  it('outputs the state machine ARN for the bench tool', () => {
    expect(json.output?.['stateMachineArn']?.value).toMatch(/^\$\{aws_sfn_state_machine\.[^.]+\.arn\}$/);
    expect(json.output?.['slotCount']?.value).toBe(3);
  });

  it('keeps its state locally, at a path relative to where cdktf runs terraform, unless S3 is configured', () => {
    expect(json.terraform?.['backend']).toEqual({ local: { path: '../../../terraform.fanout.eu-west-1.map-in-parallel.tfstate' } });
  });

  it('with another slot count and an S3 backend, synthesizes that many branches and the backend', () => {
    // Act
    const other = synthPattern('map-in-parallel', { bundleRoot: bundles.root, slotCount: 5, backend: { bucket: 'state-bucket', keyPrefix: 'dev' } }).json;
    const definition = JSON.parse(String(onlyResource(other, 'aws_sfn_state_machine')[1]['definition'])) as StateMachineDefinition;

    // Assert
    const branches = (definition.States['ComputeSlots'] as ParallelState).Branches;
    expect(branches).toHaveLength(5);
    expect(branches.map((b) => (b.States[b.StartAt] as MapState).ItemsPath)).toEqual([0, 1, 2, 3, 4].map((i) => `$.requestSlots[${i}].requests`));
    expect(other.terraform?.['backend']).toEqual({ s3: { bucket: 'state-bucket', key: 'dev/us-east-1/fanout/map-in-parallel.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } });
  });
});
