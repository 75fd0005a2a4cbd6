/** Error names Step Functions itself raises (usable in Retry/Catch ErrorEquals). */
export const STATES_ERRORS = {
  all: 'States.ALL',
  taskFailed: 'States.TaskFailed',
  timeout: 'States.Timeout',
  heartbeatTimeout: 'States.HeartbeatTimeout',
  runtime: 'States.Runtime',
  dataLimitExceeded: 'States.DataLimitExceeded',
  noChoiceMatched: 'States.NoChoiceMatched',
  intrinsicFailure: 'States.IntrinsicFailure',
  branchFailed: 'States.BranchFailed',
  permissions: 'States.Permissions',
  resultPathMatchFailure: 'States.ResultPathMatchFailure',
  parameterPathFailure: 'States.ParameterPathFailure',
  itemReaderFailed: 'States.ItemReaderFailed',
  resultWriterFailed: 'States.ResultWriterFailed',
  exceedToleratedFailureThreshold: 'States.ExceedToleratedFailureThreshold',
} as const;

/** A failure inside an execution: the `Error` / `Cause` pair that Retry, Catch and history see. */
export class StatesError extends Error {
  override readonly name = 'StatesError';
  constructor(readonly error: string, override readonly cause: string) {
    super(`${error}: ${cause}`);
  }
}

/**
 * Whether a Retrier/Catcher's ErrorEquals covers an error. States.Runtime is never retried nor
 * caught; States.ALL does not cover States.DataLimitExceeded (only naming it does);
 * States.Timeout also covers States.HeartbeatTimeout; States.TaskFailed covers everything but
 * the timeouts (and those two).
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  if (error === STATES_ERRORS.runtime) return false;
  const terminal = error === STATES_ERRORS.dataLimitExceeded;
  // States.Timeout is "ran longer than TimeoutSeconds or failed to heartbeat for longer than
  // HeartbeatSeconds": a missed heartbeat is a timeout, so States.TaskFailed does not cover it.
  const timeout = error === STATES_ERRORS.timeout || error === STATES_ERRORS.heartbeatTimeout;
  for (const name of errorEquals) {
    if (name === error) return true;
    if (name === STATES_ERRORS.all && !terminal) return true;
    if (name === STATES_ERRORS.timeout && timeout) return true;
    if (name === STATES_ERRORS.taskFailed && !terminal && !timeout) return true;
  }
  return false;
}
