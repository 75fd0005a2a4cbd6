import { type ComputeProps, computeCase, computeMsFromEnv, reportedParts } from '@fanout/compute-work';
import { type Logger, createLogger } from '@fanout/lambda-log';
import { AWS_LIMITS, CallbackEventSchema, type ComputeResult, ValidationError, parseWith, payloadBytes } from '@fanout/shared-types';
import { type Tracer, createTracer } from '@fanout/tracing';
import { type TaskReporter, createSfnTaskReporter } from './task-reporter';

/** An event with no task token: nothing can be reported to Step Functions, so the invocation fails. */
export class MissingTaskTokenError extends Error {
  override readonly name = 'MissingTaskTokenError';
}

/** Error name sent with SendTaskFailure when a result would exceed the 256 KiB state limit. */
export const RESULT_TOO_LARGE = 'ResultTooLarge';

/** SFN answers for a token whose task is already closed (a duplicate delivery) or gone. */
const CLOSED_TOKEN_ERRORS = new Set(['TaskTimedOut', 'TaskDoesNotExist']);

/**
 * SFN answer for a token it cannot read at all (corrupted, or from another account/region).
 * Permanent: a retry sends the same token and, because Lambda's asynchronous retry re-runs the
 * whole handler, redoes the whole computation each time for nothing. Logged as an error instead.
 */
const INVALID_TOKEN_ERRORS = new Set(['InvalidToken']);

export type CallbackOutcome = 'SUCCEEDED' | 'FAILED' | 'REJECTED' | 'TOKEN_CLOSED' | 'TOKEN_INVALID';

/** What the handler returns (ignored by an asynchronous invoke; useful to tests and the local cloud). */
export interface CallbackReport {
  outcome: CallbackOutcome;
  requestId?: string;
  caseId?: string;
  error?: string;
}

export interface ComputeCallbackProps {
  logger?: Logger;
  tracer?: Tracer;
  reporter?: TaskReporter;
  defaultDurationMs?: () => number;
  sleep?: ComputeProps['sleep'];
}

export type ComputeCallbackHandler = (event: unknown, context?: { awsRequestId?: string }) => Promise<CallbackReport>;

function taskTokenOf(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const detail = (event as { detail?: unknown }).detail;
  if (typeof detail !== 'object' || detail === null) return undefined;
  const token = (detail as { taskToken?: unknown }).taskToken;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/** Best-effort ids of a malformed event, for its log lines. */
function idsOf(event: unknown): { requestId?: string; caseId?: string } {
  const payload = (event as { detail?: { payload?: { requestId?: unknown; request?: { caseId?: unknown } } } } | null)?.detail?.payload;
  const ids: { requestId?: string; caseId?: string } = {};
  if (typeof payload?.requestId === 'string') ids.requestId = payload.requestId;
  if (typeof payload?.request?.caseId === 'string') ids.caseId = payload.request.caseId;
  return ids;
}

/**
 * Target of the EventBridge rule in map-eventbridge-callback. The event's `detail` is
 * `{payload: ComputeInput, taskToken}`.
 * - Success: SendTaskSuccess with the ComputeResult as output.
 * - Failed computation or malformed payload: SendTaskFailure with the error name and a cause,
 *   so the execution fails (or is caught) now rather than at its timeout.
 * - TaskTimedOut / TaskDoesNotExist from SFN: the token is already closed (EventBridge
 *   delivers at least once) — logged and swallowed; throwing would only feed Lambda's retries.
 * - InvalidToken from SFN: permanent — logged at error level and swallowed, for the same reason.
 * - The SendTaskFailure cause is the error's message, bounded (REPORTED_MESSAGE_MAX_CHARS), never
 *   its stack: the Catch copies it into the case's record, and the records travel together in
 *   the Map's 256 KiB output. The full error is in the log line.
 * - No task token: throws MissingTaskTokenError. Nothing can be reported to Step Functions,
 *   so the event must land in the function's own DLQ / on-failure destination.
 * - Any other SFN error is thrown, so Lambda's asynchronous retries report the case again.
 */
export function createComputeCallbackHandler(props: ComputeCallbackProps = {}): ComputeCallbackHandler {
  const logger = props.logger ?? createLogger({ fields: { function: 'compute-callback' } });
  const tracer = props.tracer ?? createTracer({ logger });
  const reporter = props.reporter ?? createSfnTaskReporter({ tracer });
  const defaultDurationMs = props.defaultDurationMs ?? (() => computeMsFromEnv());

  return async (event, context) => {
    const lambda = context?.awsRequestId === undefined ? {} : { awsRequestId: context.awsRequestId };
    const taskToken = taskTokenOf(event);
    if (taskToken === undefined) {
      const error = new MissingTaskTokenError(
        'compute-callback event: detail.taskToken is missing or empty; the result cannot be reported to Step Functions (the event goes to this function\'s DLQ / on-failure destination)',
      );
      logger.error('rejected an event without a task token', { ...lambda, ...idsOf(event), error });
      throw error;
    }

    /** Reports to SFN; a closed or invalid token is not thrown (a retry could not succeed), anything else is. */
    const report = async (send: () => Promise<void>, outcome: CallbackOutcome, log: Logger, extra: Omit<CallbackReport, 'outcome'>): Promise<CallbackReport> => {
      try {
        await send();
        return { outcome, ...extra };
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        if (CLOSED_TOKEN_ERRORS.has(name)) {
          log.warn('task token already closed; duplicate delivery ignored', { sfnError: name, wouldHaveReported: outcome });
          return { outcome: 'TOKEN_CLOSED', ...extra };
        }
        if (INVALID_TOKEN_ERRORS.has(name)) {
          log.error('task token rejected by Step Functions; the result is lost, not retried', { sfnError: name, error, wouldHaveReported: outcome });
          return { outcome: 'TOKEN_INVALID', ...extra };
        }
        throw error;
      }
    };

    let detail;
    try {
      detail = parseWith(CallbackEventSchema, event, 'compute-callback event', 'callback event').detail;
    } catch (error) {
      const log = logger.child({ ...idsOf(event), ...lambda });
      const { name, message } = reportedParts(error);
      log.error('rejected a malformed payload; failing its task', { error, issues: error instanceof ValidationError ? error.issues : undefined });
      return report(() => reporter.failure(taskToken, name, message), 'REJECTED', log, { ...idsOf(event), error: name });
    }

    const { payload } = detail;
    const ids = { requestId: payload.requestId, caseId: payload.request.caseId };
    const log = logger.child({ ...ids, ...lambda });
    let result: ComputeResult;
    try {
      // Inside the try: a bad COMPUTE_MS fails the task now (ConfigError) instead of at its timeout.
      const work: ComputeProps = { defaultDurationMs: defaultDurationMs(), ...(props.sleep ? { sleep: props.sleep } : {}) };
      log.info('computing');
      result = await tracer.traceComputing(ids, async () => {
        const computing = computeCase(payload, work);
        reporter.warmUp();
        return computing;
      });
    } catch (error) {
      const { name, message } = reportedParts(error);
      log.warn('computation failed; failing its task', { error });
      return report(() => reporter.failure(taskToken, name, message), 'FAILED', log, { ...ids, error: name });
    }

    const bytes = payloadBytes(result);
    if (bytes > AWS_LIMITS.sfnPayloadBytes) {
      const cause = `result of case ${ids.caseId} is ${bytes} bytes; Step Functions accepts at most ${AWS_LIMITS.sfnPayloadBytes}`;
      log.error('result too large; failing its task', { bytes });
      return report(() => reporter.failure(taskToken, RESULT_TOO_LARGE, cause), 'FAILED', log, { ...ids, error: RESULT_TOO_LARGE });
    }
    log.info('computed', { durationMs: result.durationMs });
    return report(() => reporter.success(taskToken, result), 'SUCCEEDED', log, ids);
  };
}
