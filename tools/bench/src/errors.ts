/**
 * Everything the bench refuses before (or instead of) running names what is wrong, where, and
 * what to do; the CLI prints the message without a stack.
 */
export class BenchError extends Error {
  override readonly name: string = 'BenchError';
}

/** A command-line option with a bad value, named as the user typed it. */
export class OptionError extends BenchError {
  override readonly name = 'OptionError';
}

/** A dataset file that cannot be run by its pattern (shape, slot count, a malformed case, a ceiling). */
export class DatasetError extends BenchError {
  override readonly name = 'DatasetError';
}

/** The target cannot be used: no outputs file, a stack missing, no credentials, no local cloud. */
export class TargetError extends BenchError {
  override readonly name = 'TargetError';
}
