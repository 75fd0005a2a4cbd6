import type { Construct } from 'constructs';
import { mapInParallelDefinition } from '../asl/definitions';
import { TASK_TIMEOUT_MARGIN_SECONDS } from '../constants';
import type { TracedStateMachine } from '../constructs/state-machine';
import { invokeFunctionsStatement } from '../iam';
import { PatternStack, type PatternStackProps } from './pattern-stack';

/** Parallel with N slots, each an inline Map invoking compute-direct; then the summary. */
export class MapInParallelStack extends PatternStack {
  readonly stateMachine: TracedStateMachine;

  constructor(scope: Construct, props: PatternStackProps) {
    super(scope, 'map-in-parallel', props, 'compute-direct');
    const { config } = this;
    this.stateMachine = this.defineStateMachine(
      mapInParallelDefinition({
        slotCount: config.slotCount,
        computeFunctionArn: this.compute.function.arn,
        summaryFunctionArn: this.summary.function.arn,
        computeTimeoutSeconds: config.lambdaTimeoutSeconds + TASK_TIMEOUT_MARGIN_SECONDS,
        summaryTimeoutSeconds: this.summaryTaskTimeoutSeconds,
      }),
      [invokeFunctionsStatement([this.compute.function.arn, this.summary.function.arn])],
    );
    this.output('slotCount', config.slotCount, 'Parallel branches: datasets must be split into this many requestSlots');
  }
}
