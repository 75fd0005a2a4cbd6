import { type Logger, createLogger } from '@fanout/lambda-log';
import type { Summary } from '@fanout/shared-types';
import { summarise } from './summarise';

export interface SummaryProps {
  logger?: Logger;
}

export type SummaryHandler = (event: unknown, context?: { awsRequestId?: string }) => Promise<Summary>;

/**
 * Summarises one request's fan-out and logs the summary as one JSON line. It does not fail the
 * execution for failed or missing cases — that is the state machine's decision — but a malformed
 * input throws a ValidationError naming the field (not worth retrying).
 */
export function createSummaryHandler(props: SummaryProps = {}): SummaryHandler {
  const logger = props.logger ?? createLogger({ fields: { function: 'summary' } });

  return async (event, context) => {
    const lambda = context?.awsRequestId === undefined ? {} : { awsRequestId: context.awsRequestId };
    let result: ReturnType<typeof summarise>;
    try {
      result = summarise(event);
    } catch (error) {
      logger.error('rejected a malformed summary input', { ...lambda, error, issues: (error as { issues?: unknown }).issues });
      throw error;
    }
    const { summary, unexpected } = result;
    const log = logger.child({ requestId: summary.requestId, ...lambda });
    if (unexpected.length > 0) log.warn('cases came back that were not expected', { unexpected });
    log.info('summary', { summary });
    return summary;
  };
}
