/** Result files as Step Functions' ResultWriter writes them (Transformation NONE, JSON arrays), for the tests. */
const MAP_RUN_ARN = 'arn:aws:states:us-east-1:123456789012:mapRun:fanout-distributed-map/ComputeCases:0f0f';

let n = 0;
function entry(status: string, input: unknown, extra: Record<string, unknown>): Record<string, unknown> {
  n += 1;
  return {
    ExecutionArn: `arn:aws:states:us-east-1:123456789012:express:fanout-distributed-map/ComputeCases:0f0f:${n}`,
    Input: JSON.stringify(input),
    InputDetails: { Included: true },
    Name: `child-${n}`,
    StartDate: '2026-01-01T00:00:00.000Z',
    StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:fanout-distributed-map/ComputeCases:0f0f',
    Status: status,
    StopDate: '2026-01-01T00:00:05.000Z',
    ...extra,
  };
}

/** A child that ran its case (or its batch) and returned the iteration's outcome(s). */
export function succeeded(input: unknown, output: unknown): Record<string, unknown> {
  return entry('SUCCEEDED', input, { Output: JSON.stringify(output), OutputDetails: { Included: true } });
}

/** A child that failed outright (Express 5-minute limit, data limit), with Step Functions' error and cause. */
export function failed(input: unknown, error: string | undefined, cause: string, status = 'FAILED'): Record<string, unknown> {
  return entry(status, input, { ...(error === undefined ? {} : { Error: error }), Cause: cause });
}

export const item = (caseId: string) => ({ requestId: 'r1', request: { caseId } });

export function manifest(bucket: string, files: { SUCCEEDED?: string[]; FAILED?: string[]; PENDING?: string[] }): string {
  const list = (keys: string[] = []) => keys.map((Key) => ({ Key, Size: 100 }));
  return JSON.stringify({ DestinationBucket: bucket, MapRunArn: MAP_RUN_ARN, ResultFiles: { SUCCEEDED: list(files.SUCCEEDED), FAILED: list(files.FAILED), PENDING: list(files.PENDING) } });
}
