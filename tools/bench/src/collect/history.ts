import { GetExecutionHistoryCommand, type HistoryEvent as SdkHistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/** The whole history, page by page (1,000 events a page, oldest first, with execution data). */
export async function fetchHistory(sfn: SFNClient, executionArn: string): Promise<SdkHistoryEvent[]> {
  const events: SdkHistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, includeExecutionData: true, ...(nextToken ? { nextToken } : {}) }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}
