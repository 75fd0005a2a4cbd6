import type { Construct } from 'constructs';
import { mapInParallelDefinition } from '../asl/definitions';
import { LAMBDA_THROTTLE_RETRY, LAMBDA_TRANSIENT_RETRY, TASK_TIMEOUT_MARGIN_SECONDS } from '../constants';
import type { TracedStateMachine } from '../constructs/state-machine';
import { invokeFunctionsStatement } from '../iam';
import { defaultExecutionTimeoutSeconds } from '../timing';
import { PatternStack, type PatternStackProps } from './pattern-stack';

/** Parallel with N slots, each an inline Map invoking compute-direct; then the summary and the failure threshold. */
export class MapInParallelStack extends PatternStack {
  readonly stateMachine: TracedStateMachine;

  constructor(scope: Construct, props: PatternStackProps) {
    super(scope, 'map-in-parallel', props, 'compute-direct');
    const { config } = this;
    const computeTimeoutSeconds = config.lambdaTimeoutSeconds + TASK_TIMEOUT_MARGIN_SECONDS;
    const retriers = [LAMBDA_TRANSIENT_RETRY, LAMBDA_THROTTLE_RETRY];
    this.stateMachine = this.defineStateMachine(
      mapInParallelDefinition({
        slotCount: config.slotCount,
        computeFunctionArn: this.compute.function.arn,
        summaryFunctionArn: this.summary.function.arn,
        computeTimeoutSeconds,
        summaryTimeoutSeconds: this.summaryTaskTimeoutSeconds,
        toleratedFailurePercentage: config.toleratedFailurePercentage,
        executionTimeoutSeconds:
          config.executionTimeoutSeconds ??
          defaultExecutionTimeoutSeconds({
            pattern: this.patternId,
            slots: config.slotCount,
            iterationTimeoutSeconds: computeTimeoutSeconds,
            iterationRetriers: retriers,
            summaryTimeoutSeconds: this.summaryTaskTimeoutSeconds,
            summaryRetriers: retriers,
          }),
      }),
      [invokeFunctionsStatement([this.compute.function.arn, this.summary.function.arn])],
    );
    this.monitor(this.stateMachine, { alarms: [], queues: [] });
    this.output('slotCount', config.slotCount, 'Parallel branches: datasets must be split into this many requestSlots');
  }
}
