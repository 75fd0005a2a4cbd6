/** The error payload Node's Lambda runtime writes for a failed invocation. */
export interface RuntimeErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

import { types } from 'node:util';

/** What the runtime reports for a value a handler threw or rejected with. */
export function runtimeErrorPayload(err: unknown): RuntimeErrorPayload {
  // isNativeError, not instanceof: the bundle's Error may come from another realm (a test runner's).
  if (types.isNativeError(err) || err instanceof Error) {
    return { errorType: err.name || 'Error', errorMessage: err.message, trace: (err.stack ?? '').split('\n').filter((l) => l !== '') };
  }
  return { errorType: typeof err, errorMessage: typeof err === 'string' ? err : JSON.stringify(err) ?? String(err), trace: [] };
}

export function timeoutPayload(requestId: string, timeoutSeconds: number): RuntimeErrorPayload {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
    trace: [],
  };
}

export function responseTooLargePayload(bytes: number, limit: number): RuntimeErrorPayload {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${limit} bytes).`,
    trace: [],
  };
}
