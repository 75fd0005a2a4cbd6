/**
 * An AWS API rejection, as every local service answers it: the error code the SDK turns into its
 * exception class, a message, the HTTP status, and headers a protocol may need (SQS's
 * `x-amzn-query-error`). Execution failures inside Step Functions are StatesErrors, not these.
 */
export class AwsError extends Error {
  override readonly name: string = 'AwsError';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly headers: Readonly<Record<string, string>> = {},
    /** Members some protocols add to the error body beside the message (Lambda's `Reason`, …). */
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The caller lacks a permission (identity policy, resource policy, or both). */
export class AccessDeniedError extends AwsError {
  override readonly name = 'AccessDeniedError';
  constructor(message: string, code = 'AccessDeniedException') {
    super(code, message, 403);
  }
}
