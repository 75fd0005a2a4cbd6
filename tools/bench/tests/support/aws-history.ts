/**
 * A hand-written history in GetExecutionHistory's wire format (timestamps in epoch seconds,
 * one `…EventDetails` member per event), of the callback pattern over three cases:
 * - case "0" puts its event, is answered, succeeds;
 * - case "1" fails to put its event once (EventBridge.FailedEntry), is retried, then its callback
 *   fails with ComputationFailed and the failure is recorded;
 * - case "2" waits for a Map slot (it starts when case "0" ends) and times out (States.Timeout).
 * Iterations interleave, as they do on AWS; their events are chained by previousEventId.
 */
const T0 = 1_796_000_000; // epoch seconds
const at = (ms: number) => T0 + ms / 1000;

type Raw = { id: number; previousEventId: number; timestamp: number; type: string; [details: string]: unknown };

export const CALLBACK_DATASET = { requestId: 'r1', requests: [{ caseId: '0' }, { caseId: '1' }, { caseId: '2' }], length: '3' };

const task = (resource = 'putEvents.waitForTaskToken') => ({ resourceType: 'events', resource });

export const CALLBACK_HISTORY: Raw[] = [
  { id: 1, previousEventId: 0, timestamp: at(0), type: 'ExecutionStarted', executionStartedEventDetails: { input: JSON.stringify(CALLBACK_DATASET) } },
  { id: 2, previousEventId: 1, timestamp: at(10), type: 'MapStateEntered', stateEnteredEventDetails: { name: 'ComputeCases' } },
  { id: 3, previousEventId: 2, timestamp: at(20), type: 'MapStateStarted', mapStateStartedEventDetails: { length: 3 } },
  { id: 4, previousEventId: 3, timestamp: at(30), type: 'MapIterationStarted', mapIterationStartedEventDetails: { name: 'ComputeCases', index: 0 } },
  { id: 5, previousEventId: 3, timestamp: at(31), type: 'MapIterationStarted', mapIterationStartedEventDetails: { name: 'ComputeCases', index: 1 } },
  { id: 6, previousEventId: 4, timestamp: at(40), type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'RequestCompute' } },
  { id: 7, previousEventId: 5, timestamp: at(41), type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'RequestCompute' } },
  { id: 8, previousEventId: 6, timestamp: at(50), type: 'TaskScheduled', taskScheduledEventDetails: { ...task(), region: 'us-east-1', parameters: '{}' } },
  { id: 9, previousEventId: 7, timestamp: at(51), type: 'TaskScheduled', taskScheduledEventDetails: { ...task(), region: 'us-east-1', parameters: '{}' } },
  { id: 10, previousEventId: 8, timestamp: at(60), type: 'TaskStarted', taskStartedEventDetails: task() },
  { id: 11, previousEventId: 9, timestamp: at(61), type: 'TaskStarted', taskStartedEventDetails: task() },
  { id: 12, previousEventId: 10, timestamp: at(100), type: 'TaskSubmitted', taskSubmittedEventDetails: { ...task(), output: '{}' } },
  { id: 13, previousEventId: 11, timestamp: at(101), type: 'TaskFailed', taskFailedEventDetails: { ...task(), error: 'EventBridge.FailedEntry', cause: '{}' } },
  // case 1's retry, 1 s later
  { id: 14, previousEventId: 13, timestamp: at(1101), type: 'TaskScheduled', taskScheduledEventDetails: { ...task(), region: 'us-east-1', parameters: '{}' } },
  { id: 15, previousEventId: 14, timestamp: at(1110), type: 'TaskStarted', taskStartedEventDetails: task() },
  { id: 16, previousEventId: 15, timestamp: at(1150), type: 'TaskSubmitted', taskSubmittedEventDetails: { ...task(), output: '{}' } },
  { id: 17, previousEventId: 12, timestamp: at(5100), type: 'TaskSucceeded', taskSucceededEventDetails: { ...task(), output: '{"caseId":"0","durationMs":5000}' } },
  { id: 18, previousEventId: 17, timestamp: at(5110), type: 'TaskStateExited', stateExitedEventDetails: { name: 'RequestCompute', output: '{"caseId":"0","durationMs":5000}' } },
  { id: 19, previousEventId: 18, timestamp: at(5120), type: 'MapIterationSucceeded', mapIterationSucceededEventDetails: { name: 'ComputeCases', index: 0 } },
  { id: 20, previousEventId: 19, timestamp: at(5130), type: 'MapIterationStarted', mapIterationStartedEventDetails: { name: 'ComputeCases', index: 2 } },
  { id: 21, previousEventId: 20, timestamp: at(5140), type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'RequestCompute' } },
  { id: 22, previousEventId: 21, timestamp: at(5150), type: 'TaskScheduled', taskScheduledEventDetails: { ...task(), region: 'us-east-1', parameters: '{}' } },
  { id: 23, previousEventId: 22, timestamp: at(5160), type: 'TaskStarted', taskStartedEventDetails: task() },
  { id: 24, previousEventId: 23, timestamp: at(5200), type: 'TaskSubmitted', taskSubmittedEventDetails: { ...task(), output: '{}' } },
  { id: 25, previousEventId: 16, timestamp: at(6150), type: 'TaskFailed', taskFailedEventDetails: { ...task(), error: 'ComputationFailed', cause: 'injected' } },
  { id: 26, previousEventId: 25, timestamp: at(6160), type: 'TaskStateExited', stateExitedEventDetails: { name: 'RequestCompute', output: '{}' } },
  { id: 27, previousEventId: 26, timestamp: at(6170), type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'IdentifyFailedCase' } },
  { id: 28, previousEventId: 27, timestamp: at(6171), type: 'ChoiceStateExited', stateExitedEventDetails: { name: 'IdentifyFailedCase', output: '{}' } },
  { id: 29, previousEventId: 28, timestamp: at(6172), type: 'PassStateEntered', stateEnteredEventDetails: { name: 'RecordFailure' } },
  { id: 30, previousEventId: 29, timestamp: at(6173), type: 'PassStateExited', stateExitedEventDetails: { name: 'RecordFailure', output: '{"caseId":"1","error":"ComputationFailed"}' } },
  { id: 31, previousEventId: 30, timestamp: at(6180), type: 'MapIterationSucceeded', mapIterationSucceededEventDetails: { name: 'ComputeCases', index: 1 } },
  { id: 32, previousEventId: 24, timestamp: at(15200), type: 'TaskTimedOut', taskTimedOutEventDetails: { ...task(), error: 'States.Timeout' } },
  { id: 33, previousEventId: 32, timestamp: at(15210), type: 'TaskStateExited', stateExitedEventDetails: { name: 'RequestCompute', output: '{}' } },
  { id: 34, previousEventId: 33, timestamp: at(15220), type: 'PassStateEntered', stateEnteredEventDetails: { name: 'RecordFailure' } },
  { id: 35, previousEventId: 34, timestamp: at(15230), type: 'PassStateExited', stateExitedEventDetails: { name: 'RecordFailure', output: '{"caseId":"2","error":"States.Timeout"}' } },
  { id: 36, previousEventId: 35, timestamp: at(15240), type: 'MapIterationSucceeded', mapIterationSucceededEventDetails: { name: 'ComputeCases', index: 2 } },
  { id: 37, previousEventId: 36, timestamp: at(15250), type: 'MapStateSucceeded' },
  {
    id: 38,
    previousEventId: 37,
    timestamp: at(15260),
    type: 'MapStateExited',
    stateExitedEventDetails: { name: 'ComputeCases', output: '[{"caseId":"0","durationMs":5000},{"caseId":"1","error":"ComputationFailed"},{"caseId":"2","error":"States.Timeout"}]', outputDetails: { truncated: false } },
  },
  { id: 39, previousEventId: 38, timestamp: at(15270), type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Summarize' } },
  { id: 40, previousEventId: 39, timestamp: at(15280), type: 'TaskScheduled', taskScheduledEventDetails: { resourceType: 'lambda', resource: 'invoke', region: 'us-east-1', parameters: '{}' } },
  { id: 41, previousEventId: 40, timestamp: at(15290), type: 'TaskStarted', taskStartedEventDetails: { resourceType: 'lambda', resource: 'invoke' } },
  { id: 42, previousEventId: 41, timestamp: at(15390), type: 'TaskSucceeded', taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke', output: '{}' } },
  {
    id: 43,
    previousEventId: 42,
    timestamp: at(15400),
    type: 'TaskStateExited',
    stateExitedEventDetails: { name: 'Summarize', output: '{"requestId":"r1","expected":3,"cases":3,"succeeded":1,"failed":2,"missing":[],"duplicated":[],"unfinished":2,"unfinishedPercentage":66.67,"failures":[],"failuresByError":{"ComputationFailed":1,"States.Timeout":1}}' },
  },
  { id: 44, previousEventId: 43, timestamp: at(15410), type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'CheckFailureThreshold' } },
  { id: 45, previousEventId: 44, timestamp: at(15411), type: 'ChoiceStateExited', stateExitedEventDetails: { name: 'CheckFailureThreshold' } },
  { id: 46, previousEventId: 45, timestamp: at(15420), type: 'FailStateEntered', stateEnteredEventDetails: { name: 'FailureThresholdExceeded' } },
  { id: 47, previousEventId: 46, timestamp: at(15430), type: 'ExecutionFailed', executionFailedEventDetails: { error: 'FailureThresholdExceeded', cause: '2 of the cases did not finish' } },
];

/** The computing Lambda's log lines for that run: JSON platform records and the handler's lines. */
export const CALLBACK_LOGS = [
  // case 0: started 5 ms after its event was put, answered 5 ms after it ended; a cold start
  { timestamp: T0 * 1000 + 106, message: JSON.stringify({ time: new Date(T0 * 1000 + 105).toISOString(), type: 'platform.start', record: { requestId: 'L0', version: '$LATEST' } }) },
  { timestamp: T0 * 1000 + 107, message: JSON.stringify({ level: 'info', message: 'computing', function: 'compute-callback', requestId: 'r1', caseId: '0', awsRequestId: 'L0' }) },
  { timestamp: T0 * 1000 + 5096, message: JSON.stringify({ time: new Date(T0 * 1000 + 5095).toISOString(), type: 'platform.report', record: { requestId: 'L0', metrics: { durationMs: 4990, billedDurationMs: 4990, memorySizeMB: 256, maxMemoryUsedMB: 90, initDurationMs: 180.2 }, status: 'success' } }) },
  // case 1 (its retried put) in the plain-text format of a function still on the Text log format
  { timestamp: T0 * 1000 + 1155, message: 'START RequestId: L1 Version: $LATEST' },
  { timestamp: T0 * 1000 + 1156, message: JSON.stringify({ level: 'warn', message: 'computation failed; failing its task', requestId: 'r1', caseId: '1', awsRequestId: 'L1' }) },
  { timestamp: T0 * 1000 + 6145, message: 'REPORT RequestId: L1\tDuration: 4990.00 ms\tBilled Duration: 4990 ms\tMemory Size: 256 MB\tMax Memory Used: 85 MB' },
  // case 2's event was never delivered: no line
];
