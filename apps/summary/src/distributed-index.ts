import { createDistributedSummaryHandler } from './distributed-handler';

/** Lambda handler string of the distributed-map Summary bundle (dist/apps/summary-distributed): `index.handler`. */
export const handler = createDistributedSummaryHandler();
