import { StatesError, STATES_ERRORS } from '../asl/errors';

/** States.DataLimitExceeded naming the state and the value that was too large. */
export function dataLimitError(where: string, what: string, limit: number): StatesError {
  return new StatesError(
    STATES_ERRORS.dataLimitExceeded,
    `The state/task '${where}' returned a result with a size exceeding the maximum number of bytes service limit (${what}, limit ${limit} bytes).`
  );
}

/** Whether JSON text fits in `limit` UTF-8 bytes; UTF-8 takes at most 3 bytes per UTF-16 unit, so only long texts are measured. */
export function fitsPayload(text: string, limit: number): boolean {
  return text.length * 3 <= limit || Buffer.byteLength(text, 'utf8') <= limit;
}

/** JSON text of a value, enforcing the payload limit; `what` names the value in the error. */
export function serializePayload(value: unknown, limit: number, where: string, what: string): string {
  const text = JSON.stringify(value) ?? 'null';
  if (!fitsPayload(text, limit)) throw dataLimitError(where, what, limit);
  return text;
}
