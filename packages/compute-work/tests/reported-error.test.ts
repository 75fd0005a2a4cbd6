import { ValidationError } from '@fanout/shared-types';
import { types } from 'node:util';
import { ComputationError, REPORTED_MESSAGE_MAX_CHARS, REPORTED_NAME_MAX_CHARS, ReportedError, reportedParts, truncate } from '../src';

/** What the Node Lambda runtime sends for a thrown error (and Step Functions keeps as the Cause). */
function runtimeCause(error: Error): string {
  return JSON.stringify({ errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') });
}

describe('ReportedError', () => {
  it('keeps the name a Retry/Catch matches and reduces the stack to its first line', () => {
    // prepare
    const original = new ComputationError({ error: 'DiskFull', cause: 'no space left', requestId: 'r1', caseId: '2' });

    // act
    const reported = new ReportedError(original);

    // assert
    expect(reported).toMatchObject({ name: 'DiskFull', message: 'no space left', stack: 'DiskFull: no space left' });
    expect(types.isNativeError(reported)).toBe(true);
    expect(runtimeCause(reported)).toBe('{"errorType":"DiskFull","errorMessage":"no space left","trace":["DiskFull: no space left"]}');
    expect(runtimeCause(original).length).toBeGreaterThan(runtimeCause(reported).length + 100);
  });

  it('keeps a multi-line message (a ValidationError lists the fields) but only its first line in the trace', () => {
    // prepare
    const original = new ValidationError('compute-direct event', 'compute input', [{ path: 'request.extra', message: 'Invalid key' }]);

    // act
    const reported = new ReportedError(original);

    // assert
    expect(reported.message).toBe(original.message);
    expect(reported.message).toContain('request.extra');
    expect(reported.stack).toBe('ValidationError: compute-direct event: not a valid compute input:');
  });

  it('bounds name and message whatever was thrown', () => {
    // prepare
    const huge = Object.assign(new Error('m'.repeat(10_000)), { name: 'N'.repeat(1_000) });

    // act
    const reported = new ReportedError(huge);
    const fromString = new ReportedError('plain text thrown');

    // assert
    expect(reported.message).toHaveLength(REPORTED_MESSAGE_MAX_CHARS);
    expect(reported.message.endsWith('…[truncated]')).toBe(true);
    expect(reported.name).toHaveLength(REPORTED_NAME_MAX_CHARS);
    expect(runtimeCause(reported).length).toBeLessThan(2 * REPORTED_MESSAGE_MAX_CHARS + 2 * REPORTED_NAME_MAX_CHARS + 60);
    expect(fromString).toMatchObject({ name: 'Error', message: 'plain text thrown', stack: 'Error: plain text thrown' });
  });

  it('never has an empty stack (the runtime would report errorType "handled")', () => {
    expect(new ReportedError(new Error('')).stack).toBe('Error: ');
  });
});

describe('reportedParts / truncate', () => {
  it('gives a bounded name and message for a SendTaskFailure', () => {
    expect(reportedParts(new RangeError('x'.repeat(400)))).toEqual({ name: 'RangeError', message: truncate('x'.repeat(400), REPORTED_MESSAGE_MAX_CHARS) });
    expect(reportedParts(42)).toEqual({ name: 'Error', message: '42' });
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('x'.repeat(20), 15)).toBe('xxx…[truncated]');
  });
});
