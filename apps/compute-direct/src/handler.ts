import { type ComputeProps, ReportedError, computeCase, computeMsFromEnv } from '@fanout/compute-work';
import { type Logger, createLogger } from '@fanout/lambda-log';
import { type ComputeInput, ComputeInputSchema, type ComputeResult, parseWith } from '@fanout/shared-types';
import { type Tracer, createTracer } from '@fanout/tracing';

export interface ComputeDirectProps {
  logger?: Logger;
  tracer?: Tracer;
  /** Default compute time; read from COMPUTE_MS at each invocation when absent. */
  defaultDurationMs?: () => number;
  sleep?: ComputeProps['sleep'];
}

export interface LambdaContextLike {
  awsRequestId?: string;
}

/** Best-effort ids of a malformed event, so its log line can still be found by requestId/caseId. */
function idsOf(event: unknown): { requestId?: string; caseId?: string } {
  const e = event as { requestId?: unknown; request?: { caseId?: unknown } } | null | undefined;
  const ids: { requestId?: string; caseId?: string } = {};
  if (typeof e?.requestId === 'string') ids.requestId = e.requestId;
  if (typeof e?.request?.caseId === 'string') ids.caseId = e.request.caseId;
  return ids;
}

export type ComputeDirectHandler = (event: unknown, context?: LambdaContextLike) => Promise<ComputeResult>;

/**
 * Step Functions `lambda:invoke` with the payload only: the event is the ComputeInput.
 * - Success: the ComputeResult is the task's output.
 * - Failure: the error thrown carries the case's error name (default ComputationFailed), which
 *   the Lambda runtime reports as errorType and a Retry/Catch matches in ErrorEquals.
 * - A malformed event throws a `ValidationError`; retrying cannot fix it, so the state
 *   machine should not list ValidationError in a Retry (only in a Catch).
 * - What is thrown is a ReportedError: same name, bounded message, stack reduced to its first
 *   line, so the Cause Step Functions copies into every failed case's record stays ~140 bytes
 *   (see packages/compute-work). The original error, stack included, is logged first.
 */
export function createComputeDirectHandler(props: ComputeDirectProps = {}): ComputeDirectHandler {
  const logger = props.logger ?? createLogger({ fields: { function: 'compute-direct' } });
  const tracer = props.tracer ?? createTracer({ logger });
  const defaultDurationMs = props.defaultDurationMs ?? (() => computeMsFromEnv());

  return async (event, context) => {
    const lambda = context?.awsRequestId === undefined ? {} : { awsRequestId: context.awsRequestId };
    let input: ComputeInput;
    try {
      input = parseWith(ComputeInputSchema, event, 'compute-direct event', 'compute input');
    } catch (error) {
      logger.error('rejected a malformed event', { ...lambda, ...idsOf(event), error, issues: (error as { issues?: unknown }).issues });
      throw new ReportedError(error);
    }
    const log = logger.child({ requestId: input.requestId, caseId: input.request.caseId, ...lambda });
    log.info('computing');
    try {
      // Inside the try: a bad COMPUTE_MS is reported like any failure (bounded Cause, logged).
      const work: ComputeProps = { defaultDurationMs: defaultDurationMs(), ...(props.sleep ? { sleep: props.sleep } : {}) };
      const result = await tracer.traceComputing({ requestId: input.requestId, caseId: input.request.caseId }, () => computeCase(input, work));
      log.info('computed', { durationMs: result.durationMs });
      return result;
    } catch (error) {
      log.warn('computation failed', { error });
      throw new ReportedError(error);
    }
  };
}
