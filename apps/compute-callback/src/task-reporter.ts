import { truncate } from '@fanout/compute-work';
import { AWS_LIMITS } from '@fanout/shared-types';
import type { Tracer } from '@fanout/tracing';
import type { SFNClient } from '@aws-sdk/client-sfn';

/** How a callback task is closed; one implementation over SFN, fakes are easy. */
export interface TaskReporter {
  /** Starts loading what reporting needs, so the load overlaps the computation. */
  warmUp(): void;
  success(taskToken: string, output: unknown): Promise<void>;
  failure(taskToken: string, error: string, cause: string): Promise<void>;
}

/**
 * SendTaskSuccess / SendTaskFailure through the SFN client, traced. The client module is loaded
 * on first use and the client kept for the life of the execution environment. Because
 * `warmUp` is called after the computation's timer is armed, the SDK's load (tens of ms) runs
 * during the case's wait instead of in front of it.
 */
export function createSfnTaskReporter(props: { tracer: Tracer; createClient?: () => SFNClient }): TaskReporter {
  type SfnModule = typeof import('./sfn-client');
  let loading: Promise<{ client: SFNClient; sfn: SfnModule }> | undefined;

  const ready = () => {
    // A require inside a function: esbuild keeps the SDK in the one bundle but evaluates it only here.
    loading ??= Promise.resolve().then(() => {
      const sfn = require('./sfn-client') as SfnModule;
      return { sfn, client: props.createClient?.() ?? sfn.createSfnClient() };
    });
    return loading;
  };

  return {
    warmUp() {
      // Also resolve the credentials: the provider chain is a good part of a first send's cost.
      // Failures here are not reported: the real send below meets (and reports) them again.
      setImmediate(() => void ready().then(({ client }) => client.config.credentials()).catch(() => undefined));
    },
    async success(taskToken, output) {
      const { client, sfn } = await ready();
      await props.tracer.traceAwsClient(client).send(new sfn.SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    },
    async failure(taskToken, error, cause) {
      const { client, sfn } = await ready();
      await props.tracer.traceAwsClient(client).send(
        new sfn.SendTaskFailureCommand({
          taskToken,
          error: truncate(error, AWS_LIMITS.taskFailureErrorMaxLength),
          cause: truncate(cause, AWS_LIMITS.taskFailureCauseMaxLength),
        }),
      );
    },
  };
}
