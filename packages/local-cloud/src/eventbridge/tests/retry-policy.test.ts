// What EventBridge does after a failed attempt: classification of the target's answer and the
// retry schedule, on the simulated timeline.
import { AwsError } from '../../core/aws-error';
import { InputRenderError } from '../input-transform';
import { RETRY_BACKOFF } from '../limits';
import { backoffMs, classifyFailure, decideAfterFailure, seededRandom } from '../retry-policy';

describe('classifyFailure', () => {
  it.each([
    ['ResourceNotFoundException', 404, 'NO_RESOURCE', false],
    ['QueueDoesNotExist', 400, 'NO_RESOURCE', false],
    ['StateMachineDoesNotExist', 400, 'NO_RESOURCE', false],
    ['AccessDeniedException', 403, 'NO_PERMISSIONS', false],
    ['TooManyRequestsException', 429, 'THROTTLING', true],
    ['ThrottlingException', 400, 'THROTTLING', true],
    ['SomethingSlow', 429, 'THROTTLING', true],
    ['RequestTimeout', 408, 'TIMEOUT', true],
    ['ExecutionAlreadyExists', 400, 'RESOURCE_ALREADY_EXISTS', false],
    ['InvalidRequestContentException', 400, 'INVALID_PARAMETER', false],
    ['ServiceException', 500, 'INTERNAL_ERROR', true],
    ['SomeClientFault', 400, 'SDK_CLIENT_ERROR', false],
  ])('%s (HTTP %d) is %s, retryable %s', (code, status, expected, retryable) => {
    expect(classifyFailure(new AwsError(code, 'm', status))).toMatchObject({ code: expected, retryable });
  });
  it('a template that renders invalid JSON is INVALID_JSON; a fault that is no AWS answer is UNKNOWN; neither is retried', () => {
    expect(classifyFailure(new InputRenderError('bad'))).toMatchObject({ code: 'INVALID_JSON', retryable: false });
    expect(classifyFailure(new TypeError('boom'))).toMatchObject({ code: 'UNKNOWN', retryable: false });
  });
});

describe('decideAfterFailure', () => {
  const policy = { maximumRetryAttempts: 3, maximumEventAgeMs: 60_000 };
  const throttled = { code: 'THROTTLING' as const, message: 'm', retryable: true };
  const base = { failure: throttled, attemptAt: 10_000, ingestedAt: 0, policy, random: () => 1 };

  it('schedules the next attempt after the backoff', () => {
    expect(decideAfterFailure({ ...base, retriesDone: 1 })).toEqual({ kind: 'retry', at: 10_000 + 2_000 });
  });
  it('gives up at once on a permanent fault, with no exhausted condition', () => {
    expect(decideAfterFailure({ ...base, retriesDone: 0, failure: { code: 'NO_RESOURCE', message: 'm', retryable: false } })).toEqual({ kind: 'give-up', at: 10_000 });
  });
  it('gives up when the retry count is spent', () => {
    expect(decideAfterFailure({ ...base, retriesDone: 3 })).toEqual({ kind: 'give-up', at: 10_000, exhausted: 'MaximumRetryAttempts' });
  });
  it('gives up at the age limit when the next attempt would come after it', () => {
    expect(decideAfterFailure({ ...base, retriesDone: 2, attemptAt: 57_000 })).toEqual({ kind: 'give-up', at: 60_000, exhausted: 'MaximumEventAgeInSeconds' });
  });
});

describe('backoff', () => {
  it('grows exponentially to the cap, each delay within its jitter band', () => {
    const random = seededRandom(1);
    for (let n = 0; n < 20; n++) {
      const raw = Math.min(RETRY_BACKOFF.capMs, RETRY_BACKOFF.baseMs * RETRY_BACKOFF.factor ** n);
      const d = backoffMs(n, random);
      expect(d).toBeGreaterThanOrEqual(raw * (1 - RETRY_BACKOFF.jitter));
      expect(d).toBeLessThanOrEqual(raw);
    }
  });
  it('the seeded generator repeats for a seed and differs across seeds', () => {
    const take = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(take(3)).toEqual(take(3));
    expect(take(3)).not.toEqual(take(4));
  });
});
