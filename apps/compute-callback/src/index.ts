import { createComputeCallbackHandler } from './handler';

/** Lambda handler string: `index.handler`. */
export const handler = createComputeCallbackHandler();
