import { ValidationError } from '../src';

/** The ValidationError a call must throw; any other outcome fails the test. */
export function caughtValidationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}
