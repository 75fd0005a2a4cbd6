import type { Construct } from 'constructs';
import { mapInParallelDefinition } from '../asl/definitions';
import { SUMMARY_MEMORY_MB, SUMMARY_TIMEOUT_SECONDS, TASK_TIMEOUT_MARGIN_SECONDS } from '../constants';
import { TracedLambda } from '../constructs/traced-lambda';
import { TracedStateMachine } from '../constructs/state-machine';
import { invokeFunctionsStatement } from '../iam';
import { PatternStack, type PatternStackProps } from './pattern-stack';

/** Parallel with N slots, each an inline Map invoking compute-direct; then the summary. */
export class MapInParallelStack extends PatternStack {
  readonly computeDirect: TracedLambda;
  readonly summary: TracedLambda;
  readonly stateMachine: TracedStateMachine;

  constructor(scope: Construct, props: PatternStackProps) {
    super(scope, 'map-in-parallel', props);
    const { config } = this;
    this.computeDirect = new TracedLambda(this, 'compute-direct', {
      functionName: `${this.baseName}-compute-direct`,
      bundleDir: this.bundleDir('compute-direct'),
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
    this.stateMachine = new TracedStateMachine(this, 'state-machine', {
      name: this.baseName,
      logRetentionDays: config.logRetentionDays,
      definition: mapInParallelDefinition({
        slotCount: config.slotCount,
        computeFunctionArn: this.computeDirect.function.arn,
        summaryFunctionArn: this.summary.function.arn,
        computeTimeoutSeconds: config.lambdaTimeoutSeconds + TASK_TIMEOUT_MARGIN_SECONDS,
        summaryTimeoutSeconds: SUMMARY_TIMEOUT_SECONDS + TASK_TIMEOUT_MARGIN_SECONDS,
      }),
      taskStatements: [invokeFunctionsStatement([this.computeDirect.function.arn, this.summary.function.arn])],
    });
    this.output('stateMachineArn', this.stateMachine.stateMachine.arn, 'ARN of the map-in-parallel state machine');
    this.output('stateMachineName', this.stateMachine.stateMachine.name, 'Name of the map-in-parallel state machine');
    this.output('slotCount', config.slotCount, 'Parallel branches: datasets must be split into this many requestSlots');
    this.output('computeFunctionName', this.computeDirect.function.functionName, 'compute-direct function name');
    this.output('summaryFunctionName', this.summary.function.functionName, 'summary function name');
  }
}
