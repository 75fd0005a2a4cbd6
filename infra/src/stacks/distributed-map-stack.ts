import type { Construct } from 'constructs';
import { AWS_LIMITS, ITEMS_PREFIX, RESULTS_PREFIX, ValidationError, historyModel } from '@fanout/shared-types';
import { DISTRIBUTED_STATE_NAMES, distributedMapDefinition } from '../asl/distributed-map';
import { LAMBDA_THROTTLE_RETRY, LAMBDA_TRANSIENT_RETRY, TASK_TIMEOUT_MARGIN_SECONDS } from '../constants';
import { DataBucket } from '../constructs/data-bucket';
import type { TracedStateMachine } from '../constructs/state-machine';
import { distributedMapStatements, readObjectsStatement } from '../iam-distributed';
import { bucketName } from '../naming';
import { childExecutionSeconds, defaultDistributedExecutionTimeoutSeconds } from '../timing';
import { PatternStack, type PatternStackProps } from './pattern-stack';

/**
 * A Standard parent whose Distributed Map runs one child execution per case (or batch) invoking
 * compute-direct, items from the request or an items object in the stack's bucket, results
 * through ResultWriter to the bucket; then the Summary (reading them back) and the threshold.
 */
export class DistributedMapStack extends PatternStack {
  readonly stateMachine: TracedStateMachine;
  readonly data: DataBucket;

  constructor(scope: Construct, props: PatternStackProps) {
    super(scope, 'distributed-map', props, 'compute-direct', 'summary-distributed');
    const { config } = this;
    const distributed = config.distributedMap;
    const computeTimeoutSeconds = config.lambdaTimeoutSeconds + TASK_TIMEOUT_MARGIN_SECONDS;
    const retriers = [LAMBDA_TRANSIENT_RETRY, LAMBDA_THROTTLE_RETRY];
    this.checkChildLimits(childExecutionSeconds(distributed, computeTimeoutSeconds, retriers));
    this.data = new DataBucket(this, 'data', {
      bucketName: bucketName(this.baseName, this.alarmTopic.accountId, config.region),
      expirations: [
        { id: 'expire-inputs', prefix: ITEMS_PREFIX, days: distributed.inputsExpirationDays },
        { id: 'expire-results', prefix: `${RESULTS_PREFIX}/`, days: distributed.resultsExpirationDays },
      ],
    });
    const bucket = this.data.bucket;
    const labels = [DISTRIBUTED_STATE_NAMES.requestCases, DISTRIBUTED_STATE_NAMES.itemsCases];
    this.stateMachine = this.defineStateMachine(
      distributedMapDefinition({
        computeFunctionArn: this.compute.function.arn,
        summaryFunctionArn: this.summary.function.arn,
        computeTimeoutSeconds,
        summaryTimeoutSeconds: this.summaryTaskTimeoutSeconds,
        toleratedFailurePercentage: config.toleratedFailurePercentage,
        bucketName: bucket.bucket,
        childExecutionType: distributed.childExecutionType,
        maxConcurrency: distributed.maxConcurrency,
        ...(distributed.maxItemsPerBatch === undefined ? {} : { maxItemsPerBatch: distributed.maxItemsPerBatch }),
        mapToleratedFailurePercentage: distributed.toleratedFailurePercentage,
        ...(distributed.toleratedFailureCount === undefined ? {} : { mapToleratedFailureCount: distributed.toleratedFailureCount }),
        itemsInputType: distributed.itemsInputType,
        executionTimeoutSeconds:
          config.executionTimeoutSeconds ??
          defaultDistributedExecutionTimeoutSeconds({ distributed, iterationTimeoutSeconds: computeTimeoutSeconds, iterationRetriers: retriers, summaryTimeoutSeconds: this.summaryTaskTimeoutSeconds, summaryRetriers: retriers }),
      }),
      (ownArn) =>
        distributedMapStatements({
          ownArn,
          mapRunLabels: labels,
          functionArns: [this.compute.function.arn, this.summary.function.arn],
          itemsObjects: this.data.objectsUnder(ITEMS_PREFIX),
          resultObjects: this.data.objectsUnder(`${RESULTS_PREFIX}/`),
        }),
    );
    // The Summary reads the Map Run's results and, for an items request, the items object.
    this.summary.addPolicy('read-map-run', [readObjectsStatement('ReadMapRunResultsAndItems', [this.data.objectsUnder(`${RESULTS_PREFIX}/`), this.data.objectsUnder(ITEMS_PREFIX)])]);
    this.monitor(this.stateMachine, { alarms: [], queues: [] });
    this.output('bucketName', bucket.bucket, 'Bucket of the items objects (under itemsPrefix) and the Map Runs results (under resultsPrefix)');
    this.output('itemsPrefix', ITEMS_PREFIX, 'Where an items request must put its items object (itemsKey)');
    this.output('resultsPrefix', `${RESULTS_PREFIX}/`, 'Where the ResultWriter writes each Map Run (<map run id>/manifest.json)');
    this.output('itemsInputType', distributed.itemsInputType, 'Format of an items object (the ItemReader InputType)');
    this.output('maxConcurrency', distributed.maxConcurrency, 'Child executions of the Distributed Map running at once');
  }

  /**
   * A child must fit in its execution type: an Express child runs at most 5 minutes, a Standard
   * child records at most 25,000 events (its batch's inline Map: 11 per failed case at most).
   */
  private checkChildLimits(childSeconds: number): void {
    const { childExecutionType, maxItemsPerBatch } = this.config.distributedMap;
    const fail = (message: string): never => {
      throw new ValidationError('infra configuration', 'infra configuration', [{ path: 'distributedMap.maxItemsPerBatch', message }]);
    };
    if (childExecutionType === 'EXPRESS' && childSeconds > AWS_LIMITS.expressMaxDurationSeconds) {
      fail(`${maxItemsPerBatch ?? 1} cases per Express child could take ${childSeconds} s (their waves of 40, each a compute timeout and its retries), above Express's ${AWS_LIMITS.expressMaxDurationSeconds} s: lower it, or use childExecutionType STANDARD`);
    }
    const child = historyModel('map-in-parallel');
    const maxStandardBatch = Math.floor((AWS_LIMITS.historyEvents - 6) / child.perFailedCase);
    if (childExecutionType === 'STANDARD' && (maxItemsPerBatch ?? 1) > maxStandardBatch) {
      fail(`${maxItemsPerBatch} cases per Standard child could record more than ${AWS_LIMITS.historyEvents} events; at most ${maxStandardBatch}`);
    }
  }
}
