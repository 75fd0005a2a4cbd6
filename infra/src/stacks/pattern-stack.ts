import * as path from 'node:path';
import { Construct } from 'constructs';
import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { StateMachineDefinition } from '@fanout/asl-types';
import { SUMMARY_METRICS, ValidationError } from '@fanout/shared-types';
import type { InfraConfig } from '../config';
import { AWS_PROVIDER_SOURCE, type LambdaBundle, type PatternId, SUMMARY_MEMORY_MB, SUMMARY_TIMEOUT_SECONDS, TASK_TIMEOUT_MARGIN_SECONDS, TERRAFORM_REQUIRED_VERSION } from '../constants';
import { AlarmTopic } from '../constructs/alarms';
import { TracedStateMachine } from '../constructs/state-machine';
import { TracedLambda } from '../constructs/traced-lambda';
import { type DashboardProps, dashboardBody } from '../dashboard';
import type { PolicyStatement } from '../iam';
import { type AlarmRule, lambdaAlarms, stateMachineAlarms } from '../monitoring';
import { partitionOf, roleName, stateKey } from '../naming';
import { patternConcurrency } from '../timing';

/** The most concurrency a compute function may reserve here (computeReservedConcurrency's bound too). */
const MAX_RESERVED_CONCURRENCY = 10_000;

export interface PatternStackProps {
  readonly config: InfraConfig;
  /** Overrides of `<config.bundleRoot>/<name>` per Lambda (tests pass fixture folders). */
  readonly bundleDirs?: Partial<Record<LambdaBundle, string>>;
}

/** The compute Lambda each pattern runs per case. */
export type ComputeBundle = 'compute-direct' | 'compute-callback';
/** The Summary: reading the fan-in from its event, or a Distributed Map's results from S3 (its own bundle, so the other stays lean). */
export type SummaryBundle = 'summary' | 'summary-distributed';

/**
 * Where Terraform keeps a stack's state with the default (local) backend, relative to the folder
 * cdktf runs terraform in, `<outdir>/stacks/<stack>`: three levels up is the folder holding the
 * outdir, i.e. `infra/terraform.<prefix>.<region>.<stack>.tfstate` for the default `cdktf.out`.
 * Relative, so the synthesized (and cached) Terraform does not depend on where the repository is
 * checked out; prefix and region in the name, so two environments never share a state file.
 */
export function localStatePath(namePrefix: string, region: string, stackId: string): string {
  return `../../../terraform.${namePrefix}.${region}.${stackId}.tfstate`;
}

/** What a pattern's stack adds to the alarms and the dashboard beyond its state machine and functions. */
export interface MonitoringExtras {
  readonly alarms: readonly AlarmRule[];
  readonly rule?: DashboardProps['rule'];
  readonly queues: DashboardProps['queues'];
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
  /** Every alarm of the stack notifies this topic. */
  readonly alarmTopic: AlarmTopic;
  protected readonly partition: string;
  private readonly bundleDirs: Partial<Record<LambdaBundle, string>>;
  private readonly computeBundle: ComputeBundle;

  protected constructor(scope: Construct, readonly patternId: PatternId, props: PatternStackProps, computeBundle: ComputeBundle, summaryBundle: SummaryBundle = 'summary') {
    super(scope, patternId);
    const { config } = props;
    this.config = config;
    this.bundleDirs = props.bundleDirs ?? {};
    this.baseName = `${config.namePrefix}-${patternId}`;
    this.partition = partitionOf(config.region);
    this.computeBundle = computeBundle;
    new AwsProvider(this, 'aws', {
      region: config.region,
      defaultTags: [{ tags: { ...config.tags, pattern: patternId } }],
    });
    this.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);
    this.addOverride('terraform.required_providers.aws.source', AWS_PROVIDER_SOURCE);
    const backend = config.backend;
    if (backend !== undefined) {
      new S3Backend(this, {
        bucket: backend.bucket,
        key: stateKey(backend.keyPrefix ?? 'sfn-fanout', config.region, config.namePrefix, patternId),
        region: backend.region ?? config.region,
        encrypt: true,
        ...(backend.dynamodbTable === undefined ? { useLockfile: true } : { dynamodbTable: backend.dynamodbTable }),
      });
    } else {
      new LocalBackend(this, { path: localStatePath(config.namePrefix, config.region, patternId) });
    }
    this.alarmTopic = new AlarmTopic(this, 'alarms', {
      baseName: this.baseName,
      partition: this.partition,
      region: config.region,
      ...(config.alarmEmail === undefined ? {} : { email: config.alarmEmail }),
    });
    this.compute = new TracedLambda(this, computeBundle, {
      functionName: `${this.baseName}-${computeBundle}`,
      roleName: roleName(config.namePrefix, config.region, patternId, computeBundle),
      reservedConcurrency: this.computeReservedConcurrency(),
      bundleDir: this.bundleDir(computeBundle),
      memoryMb: config.lambdaMemoryMb,
      timeoutSeconds: config.lambdaTimeoutSeconds,
      logRetentionDays: config.logRetentionDays,
      environment: { COMPUTE_MS: String(config.computeMs) },
    });
    this.summary = new TracedLambda(this, 'summary', {
      functionName: `${this.baseName}-summary`,
      roleName: roleName(config.namePrefix, config.region, patternId, 'summary'),
      bundleDir: this.bundleDir(summaryBundle),
      memoryMb: SUMMARY_MEMORY_MB,
      timeoutSeconds: SUMMARY_TIMEOUT_SECONDS,
      logRetentionDays: config.logRetentionDays,
      // The dimension of the summary's embedded metrics.
      environment: { [SUMMARY_METRICS.stateMachineEnv]: this.baseName },
    });
    this.output('computeFunctionName', this.compute.function.functionName, `${computeBundle} function name`);
    this.output('summaryFunctionName', this.summary.function.functionName, 'summary function name');
  }

  /** How many cases the pattern computes at once (slots × 40, 40, or MaxConcurrency children × their batch's 40 at most). */
  get concurrency(): number {
    return patternConcurrency(this.patternId, this.config.slotCount, this.config.distributedMap);
  }

  /** Why the pattern computes `concurrency` cases at once, for messages. */
  private concurrencyReason(): string {
    const { maxConcurrency, maxItemsPerBatch } = this.config.distributedMap;
    switch (this.patternId) {
      case 'map-in-parallel':
        return `${this.config.slotCount} slots × 40`;
      case 'map-eventbridge-callback':
        return 'one inline Map, 40';
      case 'distributed-map':
        return maxItemsPerBatch === undefined ? `MaxConcurrency ${maxConcurrency} child executions` : `MaxConcurrency ${maxConcurrency} child executions × ${Math.min(maxItemsPerBatch, 40)} cases of their batch at once`;
    }
  }

  /**
   * The compute function's reserved concurrency: configured, or exactly what the pattern runs at
   * once. Less would throttle the fan-out by design (every throttled case waits out the
   * throttling retries), so synth refuses it.
   */
  private computeReservedConcurrency(): number {
    const reserved = this.config.computeReservedConcurrency ?? this.concurrency;
    if (reserved < this.concurrency) {
      throw new ValidationError('infra configuration', 'infra configuration', [
        {
          path: 'computeReservedConcurrency',
          message: `${reserved} is below what ${this.patternId} runs at once (${this.concurrency}: ${this.concurrencyReason()}); raise it or leave it unset`,
        },
      ]);
    }
    if (reserved > MAX_RESERVED_CONCURRENCY) {
      throw new ValidationError('infra configuration', 'infra configuration', [
        { path: 'distributedMap.maxConcurrency', message: `${this.patternId} would run ${reserved} compute functions at once (${this.concurrencyReason()}), above the ${MAX_RESERVED_CONCURRENCY} the stacks reserve at most; lower maxConcurrency or maxItemsPerBatch` },
      ]);
    }
    return reserved;
  }

  /** The pattern's state machine (named `baseName`) and its ARN/name outputs. */
  protected defineStateMachine(definition: StateMachineDefinition, taskStatements: PolicyStatement[] | ((arn: string) => PolicyStatement[])): TracedStateMachine {
    const machine = new TracedStateMachine(this, 'state-machine', {
      name: this.baseName,
      roleName: roleName(this.config.namePrefix, this.config.region, this.patternId, 'sfn'),
      arnContext: { partition: this.partition, region: this.config.region, accountId: this.alarmTopic.accountId },
      logRetentionDays: this.config.logRetentionDays,
      definition,
      taskStatements,
    });
    this.output('stateMachineArn', machine.stateMachine.arn, `ARN of the ${this.patternId} state machine`);
    this.output('stateMachineName', machine.stateMachine.name, `Name of the ${this.patternId} state machine`);
    return machine;
  }

  /**
   * The alarms of the state machine, both functions and what the pattern adds, and the
   * pattern's dashboard. Called by each pattern's stack once everything exists.
   */
  protected monitor(machine: TracedStateMachine, extras: MonitoringExtras): void {
    const invokedAsynchronously = this.patternId === 'map-eventbridge-callback';
    this.alarmTopic.add([
      ...stateMachineAlarms(machine.stateMachine.arn),
      ...lambdaAlarms(this.computeBundle, this.compute.function.functionName, invokedAsynchronously),
      ...lambdaAlarms('summary', this.summary.function.functionName, false),
      ...extras.alarms,
    ]);
    new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: this.baseName,
      dashboardBody: dashboardBody({
        region: this.config.region,
        title: `${this.patternId} (${this.config.namePrefix}, ${this.config.region})`,
        stateMachineArn: machine.stateMachine.arn,
        stateMachineName: this.baseName,
        functions: [
          { label: this.computeBundle, name: this.compute.function.functionName },
          { label: 'summary', name: this.summary.function.functionName },
        ],
        ...(extras.rule === undefined ? {} : { rule: extras.rule }),
        queues: extras.queues,
        alarmArns: this.alarmTopic.alarms.map((alarm) => alarm.arn),
      }),
    });
    this.output('alarmTopicArn', this.alarmTopic.topic.arn, 'SNS topic every alarm of the stack notifies');
  }

  private bundleDir(name: LambdaBundle): string {
    return this.bundleDirs[name] ?? path.join(this.config.bundleRoot, name);
  }

  /** Outputs keep their ids (no hash suffix) so the deploy outputs file has stable keys. */
  protected output(id: string, value: string | number, description: string): void {
    new TerraformOutput(this, id, { value, description, staticId: true });
  }
}
