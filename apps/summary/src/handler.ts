import { type Logger, createLogger } from '@fanout/lambda-log';
import { type Summary, ValidationError } from '@fanout/shared-types';
import { createMetricsWriter, stateMachineNameFromEnv } from './metrics';
import { summarise } from './summarise';

/** Issues of a malformed input written to its log line (all are counted). */
export const LOGGED_ISSUES_MAX = 20;

export interface SummaryProps {
  logger?: Logger;
  /** Publishes the summary's counts (default: an EMF line on stdout, see metrics.ts). */
  publishMetrics?: (summary: Summary) => void;
}

export type SummaryHandler = (event: unknown, context?: { awsRequestId?: string }) => Promise<Summary>;

/**
 * Summarises one request's fan-out, logs the summary as one JSON line — bounded (failures are
 * capped, see summarise), so the line stays far below CloudWatch's 256 KB event limit — and
 * publishes its counts as metrics (succeeded, failed, missing, duplicated). It
 * does not fail the execution for failed or missing cases — that is the state machine's
 * decision — but a malformed input throws a ValidationError naming the field (not worth retrying).
 */
export function createSummaryHandler(props: SummaryProps = {}): SummaryHandler {
  const logger = props.logger ?? createLogger({ fields: { function: 'summary' } });
  const publishMetrics = props.publishMetrics ?? createMetricsWriter({ stateMachineName: stateMachineNameFromEnv() });

  return async (event, context) => {
    const lambda = context?.awsRequestId === undefined ? {} : { awsRequestId: context.awsRequestId };
    let result: ReturnType<typeof summarise>;
    try {
      result = summarise(event);
    } catch (error) {
      // Every outcome of a large fan-out may be wrong: log a bounded sample, not all of them
      // (a CloudWatch Logs event is at most 256 KB).
      const issues = error instanceof ValidationError ? error.issues : [];
      logger.error('rejected a malformed summary input', { ...lambda, error, issueCount: issues.length, issues: issues.slice(0, LOGGED_ISSUES_MAX) });
      throw error;
    }
    const { summary, unexpected } = result;
    const log = logger.child({ requestId: summary.requestId, ...lambda });
    if (unexpected.length > 0) log.warn('cases came back that were not expected', { unexpectedCount: unexpected.length, unexpected: unexpected.slice(0, LOGGED_ISSUES_MAX) });
    log.info('summary', { summary });
    publishMetrics(summary);
    return summary;
  };
}
