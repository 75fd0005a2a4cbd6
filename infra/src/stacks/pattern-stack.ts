import * as path from 'node:path';
import { Construct } from 'constructs';
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { StateMachineDefinition } from '@fanout/asl-types';
import type { InfraConfig } from '../config';
import { type LambdaBundle, type PatternId, SUMMARY_MEMORY_MB, SUMMARY_TIMEOUT_SECONDS, TASK_TIMEOUT_MARGIN_SECONDS, TERRAFORM_REQUIRED_VERSION } from '../constants';
import { TracedStateMachine } from '../constructs/state-machine';
import { TracedLambda } from '../constructs/traced-lambda';
import type { PolicyStatement } from '../iam';

export interface PatternStackProps {
  readonly config: InfraConfig;
  /** Overrides of `<config.bundleRoot>/<name>` per Lambda (tests pass fixture folders). */
  readonly bundleDirs?: Partial<Record<LambdaBundle, string>>;
}

/** The compute Lambda each pattern runs per case. */
export type ComputeBundle = Exclude<LambdaBundle, 'summary'>;

/**
 * Where Terraform keeps a stack's state with the default (local) backend, relative to the folder
 * cdktf runs terraform in, `<outdir>/stacks/<stack>`: three levels up is the folder holding the
 * outdir, i.e. `infra/terraform.<stack>.tfstate` for the default `cdktf.out`. Relative, so the
 * synthesized (and cached) Terraform does not depend on where the repository is checked out.
 */
export function localStatePath(stackId: string): string {
  return `../../../terraform.${stackId}.tfstate`;
}

/**
 * What every pattern stack shares: the AWS provider with default tags, the state backend, naming,
 * the compute and summary Lambdas (the same in both patterns but for the compute bundle) and the
 * state machine with its outputs. A pattern's stack adds only what differs.
 */
export abstract class PatternStack extends TerraformStack {
  protected readonly config: InfraConfig;
  /** `<namePrefix>-<pattern>`: the state machine's name and the stem of every other name. */
  readonly baseName: string;
  /** The Lambda computing one case (compute-direct or compute-callback), with `COMPUTE_MS`. */
  readonly compute: TracedLambda;
  readonly summary: TracedLambda;
  /** The summary task's TimeoutSeconds: the function's timeout plus the invoke margin. */
  protected readonly summaryTaskTimeoutSeconds = SUMMARY_TIMEOUT_SECONDS + TASK_TIMEOUT_MARGIN_SECONDS;
  private readonly bundleDirs: Partial<Record<LambdaBundle, string>>;

  protected constructor(scope: Construct, readonly patternId: PatternId, props: PatternStackProps, computeBundle: ComputeBundle) {
    super(scope, patternId);
    const { config } = props;
    this.config = config;
    this.bundleDirs = props.bundleDirs ?? {};
    this.baseName = `${config.namePrefix}-${patternId}`;
    new AwsProvider(this, 'aws', {
      region: config.region,
      defaultTags: [{ tags: { ...config.tags, pattern: patternId } }],
    });
    this.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
    const backend = config.backend;
    if (backend !== undefined) {
      new S3Backend(this, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix ?? 'sfn-fanout'}/${patternId}.tfstate`,
        region: backend.region ?? config.region,
        encrypt: true,
        ...(backend.dynamodbTable === undefined ? { useLockfile: true } : { dynamodbTable: backend.dynamodbTable }),
      });
    } else {
      new LocalBackend(this, { path: localStatePath(patternId) });
    }
    this.compute = new TracedLambda(this, computeBundle, {
      functionName: `${this.baseName}-${computeBundle}`,
      bundleDir: this.bundleDir(computeBundle),
      memoryMb: config.lambdaMemoryMb,
      timeoutSeconds: config.lambdaTimeoutSeconds,
      logRetentionDays: config.logRetentionDays,
      environment: { COMPUTE_MS: String(config.computeMs) },
    });
    this.summary = new TracedLambda(this, 'summary', {
      functionName: `${this.baseName}-summary`,
      bundleDir: this.bundleDir('summary'),
      memoryMb: SUMMARY_MEMORY_MB,
      timeoutSeconds: SUMMARY_TIMEOUT_SECONDS,
      logRetentionDays: config.logRetentionDays,
    });
    this.output('computeFunctionName', this.compute.function.functionName, `${computeBundle} function name`);
    this.output('summaryFunctionName', this.summary.function.functionName, 'summary function name');
  }

  /** The pattern's state machine (named `baseName`) and its ARN/name outputs. */
  protected defineStateMachine(definition: StateMachineDefinition, taskStatements: PolicyStatement[]): TracedStateMachine {
    const machine = new TracedStateMachine(this, 'state-machine', { name: this.baseName, logRetentionDays: this.config.logRetentionDays, definition, taskStatements });
    this.output('stateMachineArn', machine.stateMachine.arn, `ARN of the ${this.patternId} state machine`);
    this.output('stateMachineName', machine.stateMachine.name, `Name of the ${this.patternId} state machine`);
    return machine;
  }

  private bundleDir(name: LambdaBundle): string {
    return this.bundleDirs[name] ?? path.join(this.config.bundleRoot, name);
  }

  /** Outputs keep their ids (no hash suffix) so the deploy outputs file has stable keys. */
  protected output(id: string, value: string | number, description: string): void {
    new TerraformOutput(this, id, { value, description, staticId: true });
  }
}
