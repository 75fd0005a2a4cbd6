import { parseDistributedSummaryInput } from '@fanout/shared-types';
import { type SummaryHandler, type SummaryProps, lambdaFields, rejected, reported, summaryReporting } from './handler';
import { type MapRunRead, type ObjectReader, readMapRun } from './map-run';
import { createS3ObjectReader } from './s3-reader';
import { summariseOutcomes } from './summarise';

export interface DistributedSummaryProps extends SummaryProps {
  /** Reads an S3 object as text (default: the S3 client, see s3-reader.ts). */
  readObject?: ObjectReader;
}

/**
 * The distributed-map Summary: its event names the Map Run's manifest and what was asked for;
 * it reads the result files (and the items object of an items request) from S3, then counts and
 * reports every case as the inline Summary does. A malformed event, manifest, result file or
 * items object throws a ValidationError naming the object and the place; an S3 error (access,
 * missing object) is thrown as the SDK raises it, so the state machine's Retry sees it.
 */
export function createDistributedSummaryHandler(props: DistributedSummaryProps = {}): SummaryHandler {
  const reporting = summaryReporting(props, 'summary-distributed');
  const readObject = props.readObject ?? createS3ObjectReader();
  return async (event, context) => {
    const fields = lambdaFields(context);
    let read: MapRunRead;
    try {
      read = await readMapRun(readObject, parseDistributedSummaryInput(event));
    } catch (error) {
      return rejected(reporting, error, fields);
    }
    if (read.pendingFiles > 0 || read.itemsWithoutCaseId > 0) {
      reporting.logger.warn('the Map Run left cases without an outcome or a caseId', { requestId: read.requestId, ...fields, pendingFiles: read.pendingFiles, itemsWithoutCaseId: read.itemsWithoutCaseId });
    }
    return reported(reporting, summariseOutcomes(read), fields);
  };
}
