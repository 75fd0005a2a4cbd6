/** A bad option value, named as the user typed it. */
export class DataGenOptionError extends Error {
  override readonly name = 'DataGenOptionError';
}

/** A dataset over Step Functions' input limit that the user did not allow. */
export class DatasetTooLargeError extends Error {
  override readonly name = 'DatasetTooLargeError';
}
