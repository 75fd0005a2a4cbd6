/**
 * The states both patterns share around their fan-out: how a failed case is recorded, the
 * Summarize task, and the failure threshold after it. Everything a case leaves in the fan-out's
 * output is what the summary needs and no more (FanInOutcome in shared-types): the outcomes of
 * every case travel together in one 256 KiB state.
 */
import type { ChoiceState, FailState, PassState, PayloadTemplate, State, SucceedState, TaskState } from '@fanout/asl-types';
import { LAMBDA_THROTTLE_RETRY, LAMBDA_TRANSIENT_RETRY } from '../constants';

export const LAMBDA_INVOKE_RESOURCE = 'arn:aws:states:::lambda:invoke';

/** Where a Catch puts `{Error, Cause}` in the failed iteration's input. */
export const FAILURE_PATH = '$.failure';

/** Error of an execution whose failed and missing cases pass the tolerated percentage. */
export const FAILURE_THRESHOLD_EXCEEDED = 'FailureThresholdExceeded';

export const FAN_IN_STATE_NAMES = {
  identifyFailedCase: 'IdentifyFailedCase',
  recordFailure: 'RecordFailure',
  recordUnidentifiedFailure: 'RecordUnidentifiedFailure',
  summarize: 'Summarize',
  checkFailureThreshold: 'CheckFailureThreshold',
  failureThresholdExceeded: 'FailureThresholdExceeded',
  done: 'Done',
} as const;

/**
 * A successful case as the fan-in keeps it, from the computing Lambda's ComputeResult at
 * `resultPath` (`$.Payload` for lambda:invoke, `$` for a callback's output).
 */
export function successSelector(resultPath: string): PayloadTemplate {
  return { 'caseId.$': `${resultPath}.request.caseId`, 'durationMs.$': `${resultPath}.durationMs` };
}

/**
 * A caught failure, recorded as `{caseId, error}`. The Cause is left out (it is in the computing
 * Lambda's log line for that requestId and caseId): with it, 1,000 failing cases alone would
 * pass the 256 KiB state limit. A case whose request has no string caseId (a malformed dataset)
 * is recorded as `{error}`: reading a missing caseId would fail the whole execution with
 * States.Runtime, which nothing catches. The first Choice rule guards the second, which AWS
 * could not evaluate on a missing field.
 */
export function failureRecordStates(suffix: string): Record<string, State> {
  const identify = `${FAN_IN_STATE_NAMES.identifyFailedCase}${suffix}`;
  const record = `${FAN_IN_STATE_NAMES.recordFailure}${suffix}`;
  const unidentified = `${FAN_IN_STATE_NAMES.recordUnidentifiedFailure}${suffix}`;
  const choice: ChoiceState = {
    Type: 'Choice',
    Comment: 'a failed case is recorded with its caseId when it has a string one',
    Choices: [
      { Not: { Variable: '$.request.caseId', IsPresent: true }, Next: unidentified },
      { Variable: '$.request.caseId', IsString: true, Next: record },
    ],
    Default: unidentified,
  };
  const recordFailure: PassState = {
    Type: 'Pass',
    Comment: 'FanInFailure {caseId, error} for the summary (cause: in the Lambda log)',
    Parameters: { 'caseId.$': '$.request.caseId', 'error.$': `${FAILURE_PATH}.Error` },
    End: true,
  };
  const recordUnidentified: PassState = {
    Type: 'Pass',
    Comment: 'FanInFailure {error} of a case without a string caseId',
    Parameters: { 'error.$': `${FAILURE_PATH}.Error` },
    End: true,
  };
  return { [identify]: choice, [record]: recordFailure, [unidentified]: recordUnidentified };
}

export interface FanInProps {
  readonly summaryFunctionArn: string;
  readonly summaryTimeoutSeconds: number;
  /**
   * The execution fails (FailureThresholdExceeded) when failed + missing cases are more than this
   * percentage of the request; 0 fails it for any.
   */
  readonly toleratedFailurePercentage: number;
}

/**
 * Summarize over the fan-in, then the threshold: `expectedCaseIdsPath` is an indefinite path
 * (`[*]`), so Step Functions yields an array whatever the number of cases (`[]` for none), as
 * SummaryInput requires. The execution's output is the Summary when it succeeds.
 */
export function fanInStates(props: FanInProps, expectedCaseIdsPath: string): Record<string, State> {
  const payload = { 'requestId.$': '$$.Execution.Input.requestId', 'expectedCaseIds.$': expectedCaseIdsPath, 'results.$': '$' };
  return { [FAN_IN_STATE_NAMES.summarize]: summarizeTask(props, { Payload: payload }, 'SummaryInput {requestId, expectedCaseIds, results}'), ...thresholdStates(props) };
}

/** The summary Lambda invoked with `payload` (`{Payload: …}` or `{'Payload.$': …}`); its Summary is the state's output, then the threshold. */
export function summarizeTask(props: FanInProps, payload: PayloadTemplate, comment: string): TaskState {
  return {
    Type: 'Task',
    Comment: comment,
    Resource: LAMBDA_INVOKE_RESOURCE,
    Parameters: { FunctionName: props.summaryFunctionArn, ...payload },
    OutputPath: '$.Payload',
    TimeoutSeconds: props.summaryTimeoutSeconds,
    Retry: [LAMBDA_TRANSIENT_RETRY, LAMBDA_THROTTLE_RETRY],
    Next: FAN_IN_STATE_NAMES.checkFailureThreshold,
  };
}

/**
 * The failure threshold on the Summary: the execution fails when more than the tolerated share of
 * the cases failed or are missing. When it fails, the cause carries the counts and the Summary
 * stays in the history (Summarize's TaskSucceeded) and the function's log.
 */
export function thresholdStates(props: FanInProps): Record<string, State> {
  const names = FAN_IN_STATE_NAMES;
  const tolerated = props.toleratedFailurePercentage;
  const check: ChoiceState = {
    Type: 'Choice',
    Comment: `fails the execution when more than ${tolerated}% of the cases failed or are missing`,
    Choices: [{ Variable: '$.unfinishedPercentage', NumericGreaterThan: tolerated, Next: names.failureThresholdExceeded }],
    Default: names.done,
  };
  const exceeded: FailState = {
    Type: 'Fail',
    Error: FAILURE_THRESHOLD_EXCEEDED,
    CausePath: `States.Format('{} of the cases of request {} did not finish ({} failed, {} missing): {}%, above the {}% tolerated. The summary is the output of the Summarize task in this execution history and in the summary function log.', $.unfinished, $.requestId, $.failed, States.ArrayLength($.missing), $.unfinishedPercentage, ${tolerated})`,
  };
  const done: SucceedState = { Type: 'Succeed', Comment: 'the Summary is the execution output' };
  return { [names.checkFailureThreshold]: check, [names.failureThresholdExceeded]: exceeded, [names.done]: done };
}
