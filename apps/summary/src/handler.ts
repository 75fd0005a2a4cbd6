import { type Logger, createLogger } from '@fanout/lambda-log';
import { type Summary, ValidationError } from '@fanout/shared-types';
import { createMetricsWriter, stateMachineNameFromEnv } from './metrics';
import { type SummariseResult, summarise } from './summarise';

/** Issues of a malformed input written to its log line (all are counted). */
export const LOGGED_ISSUES_MAX = 20;

export interface SummaryProps {
  logger?: Logger;
  /** Publishes the summary's counts (default: an EMF line on stdout, see metrics.ts). */
  publishMetrics?: (summary: Summary) => void;
}

export type SummaryHandler = (event: unknown, context?: { awsRequestId?: string }) => Promise<Summary>;

/** The pieces both Summary handlers share: how they log, publish, and report a rejected input. */
export interface SummaryReporting {
  readonly logger: Logger;
  readonly publishMetrics: (summary: Summary) => void;
}

export function summaryReporting(props: SummaryProps, functionName: string): SummaryReporting {
  return {
    logger: props.logger ?? createLogger({ fields: { function: functionName } }),
    publishMetrics: props.publishMetrics ?? createMetricsWriter({ stateMachineName: stateMachineNameFromEnv() }),
  };
}

export const lambdaFields = (context?: { awsRequestId?: string }) => (context?.awsRequestId === undefined ? {} : { awsRequestId: context.awsRequestId });

/**
 * Logs a rejected input — a bounded sample of its issues, since every outcome of a large fan-out
 * may be wrong and a CloudWatch Logs event is at most 256 KB — and throws it again.
 */
export function rejected(reporting: SummaryReporting, error: unknown, fields: Record<string, unknown>): never {
  const issues = error instanceof ValidationError ? error.issues : [];
  reporting.logger.error('rejected a malformed summary input', { ...fields, error, issueCount: issues.length, issues: issues.slice(0, LOGGED_ISSUES_MAX) });
  throw error;
}

/** Logs the summary as one JSON line (bounded: failures are capped, see summarise), publishes its counts, returns it. */
export function reported(reporting: SummaryReporting, { summary, unexpected }: SummariseResult, fields: Record<string, unknown>): Summary {
  const log = reporting.logger.child({ requestId: summary.requestId, ...fields });
  if (unexpected.length > 0) log.warn('cases came back that were not expected', { unexpectedCount: unexpected.length, unexpected: unexpected.slice(0, LOGGED_ISSUES_MAX) });
  log.info('summary', { summary });
  reporting.publishMetrics(summary);
  return summary;
}

/**
 * Summarises one request's fan-out (the inline patterns: every outcome in the event), logs and
 * publishes it. It does not fail the execution for failed or missing cases — that is the state
 * machine's decision — but a malformed input throws a ValidationError naming the field (not
 * worth retrying).
 */
export function createSummaryHandler(props: SummaryProps = {}): SummaryHandler {
  const reporting = summaryReporting(props, 'summary');
  return async (event, context) => {
    const fields = lambdaFields(context);
    let result: SummariseResult;
    try {
      result = summarise(event);
    } catch (error) {
      return rejected(reporting, error, fields);
    }
    return reported(reporting, result, fields);
  };
}
