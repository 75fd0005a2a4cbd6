/**
 * What a computing Lambda hands to Step Functions when a case fails must stay small: Step
 * Functions keeps it in the execution history and hands it to the Catch's state, each limited to
 * 256 KiB (States.DataLimitExceeded cannot be caught, so the execution would die without its
 * summary — precisely when there are many failures); the state machines' failure records then
 * keep only the error name. The full error, stack included, goes to the structured log with requestId/caseId;
 * only its name and a bounded message go to Step Functions.
 */

/** Longest error message handed to Step Functions (characters), both in a Lambda error and in a SendTaskFailure cause. */
export const REPORTED_MESSAGE_MAX_CHARS = 300;

/** Longest error name kept (the SendTaskFailure `error` limit, and what a Retry/Catch could match). */
export const REPORTED_NAME_MAX_CHARS = 256;

const TRUNCATED = '…[truncated]';

/** Cuts `text` to at most `max` characters, saying that it was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, Math.max(0, max - TRUNCATED.length)) + TRUNCATED;
}

/** Name and message of anything thrown, bounded for Step Functions. */
export function reportedParts(error: unknown): { name: string; message: string } {
  const name = error instanceof Error && error.name ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { name: truncate(name, REPORTED_NAME_MAX_CHARS), message: truncate(message, REPORTED_MESSAGE_MAX_CHARS) };
}

/**
 * The error a Lambda throws for Step Functions to see. The Node runtime reports a thrown error
 * as `{errorType: name, errorMessage: message, trace: stack.split('\n')}` and Step Functions
 * records that JSON as the Cause; here `stack` is only the first line of `Name: message` (the
 * frames of a minified bundle say nothing useful there anyway; the log has the original).
 * The name is kept, because it is what a Retry/Catch `ErrorEquals` matches.
 */
export class ReportedError extends Error {
  override readonly name: string;

  constructor(error: unknown) {
    const { name, message } = reportedParts(error);
    super(message);
    this.name = name;
    // Never empty: the runtime reports an Error without a stack as errorType "handled".
    this.stack = `${name}: ${message}`.split('\n', 1)[0] ?? name;
  }
}
