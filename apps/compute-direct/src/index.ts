import { createComputeDirectHandler } from './handler';

/** Lambda handler string: `index.handler`. */
export const handler = createComputeDirectHandler();
