import type { EngineLimits } from '../limits';
import { LOCAL_LIMITS } from '../limits';
import { SfnApiError } from './api-errors';
import { payloadSize } from './names';
import type { TaskTokenStore } from './task-tokens';

function tooLong(field: string, limit: number): SfnApiError {
  return new SfnApiError(
    'ValidationException',
    `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${limit}`
  );
}

/** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat: the token checks and limits AWS applies, then delivery. */
export class TaskCallbacks {
  constructor(private readonly tokens: TaskTokenStore, private readonly limits: EngineLimits) {}

  success(token: string, output: string): void {
    this.check(token);
    if (payloadSize(output) > this.limits.payloadBytes) throw tooLong('output', this.limits.payloadBytes);
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch (err) {
      throw new SfnApiError('InvalidOutput', `Invalid Output: '${(err as Error).message}'`);
    }
    this.tokens.deliver(token, { kind: 'success', output: parsed });
  }

  failure(token: string, error?: string, cause?: string): void {
    this.check(token);
    if (error !== undefined && error.length > this.limits.taskFailureErrorMaxLength) throw tooLong('error', this.limits.taskFailureErrorMaxLength);
    if (cause !== undefined && cause.length > this.limits.taskFailureCauseMaxLength) throw tooLong('cause', this.limits.taskFailureCauseMaxLength);
    this.tokens.deliver(token, { kind: 'failure', error: error ?? '', cause: cause ?? '' });
  }

  heartbeat(token: string): void {
    this.check(token);
    this.tokens.deliver(token, { kind: 'heartbeat' });
  }

  private check(token: string): void {
    if (token.length < 1 || token.length > LOCAL_LIMITS.taskTokenMaxLength) {
      throw new SfnApiError('InvalidToken', `Invalid Token: 'token must be 1-${LOCAL_LIMITS.taskTokenMaxLength} characters'`);
    }
    switch (this.tokens.lookup(token)) {
      case 'malformed':
        throw new SfnApiError('InvalidToken', `Invalid Token: 'Invalid token'`);
      case 'unknown':
        throw new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist');
      case 'closed':
        throw new SfnApiError('TaskTimedOut', 'Task Timed Out');
      case 'open':
        return;
    }
  }
}
