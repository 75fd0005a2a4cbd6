import { createSummaryHandler } from './handler';

/** Lambda handler string: `index.handler`. */
export const handler = createSummaryHandler();
