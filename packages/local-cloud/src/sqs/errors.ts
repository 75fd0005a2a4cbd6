import { AwsError } from '../core/aws-error';

/**
 * SQS's API errors. The JSON protocol names them by the shape (`QueueDoesNotExist`) in `__type`
 * and by the older query-protocol code (`AWS.SimpleQueueService.NonExistentQueue`) in the
 * `x-amzn-query-error` header; the query protocol puts the latter in `<Code>`. Both SDK paths
 * (the header first, then `__type`) resolve to the same exception class.
 */
const ERRORS = {
  QueueDoesNotExist: { queryCode: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
  QueueNameExists: { queryCode: 'QueueAlreadyExists', status: 400 },
  QueueDeletedRecently: { queryCode: 'AWS.SimpleQueueService.QueueDeletedRecently', status: 400 },
  ReceiptHandleIsInvalid: { queryCode: 'ReceiptHandleIsInvalid', status: 404 },
  MessageNotInflight: { queryCode: 'AWS.SimpleQueueService.MessageNotInflight', status: 400 },
  PurgeQueueInProgress: { queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress', status: 403 },
  TooManyEntriesInBatchRequest: { queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', status: 400 },
  EmptyBatchRequest: { queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest', status: 400 },
  BatchEntryIdsNotDistinct: { queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', status: 400 },
  BatchRequestTooLong: { queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong', status: 400 },
  InvalidBatchEntryId: { queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId', status: 400 },
  UnsupportedOperation: { queryCode: 'AWS.SimpleQueueService.UnsupportedOperation', status: 400 },
  OverLimit: { queryCode: 'OverLimit', status: 403 },
  InvalidAddress: { queryCode: 'InvalidAddress', status: 404 },
  AccessDeniedException: { queryCode: 'AccessDenied', status: 403 },
  InternalFailure: { queryCode: 'InternalError', status: 500 },
} as const satisfies Record<string, { readonly queryCode: string; readonly status: number }>;
const KNOWN: Readonly<Record<string, { readonly queryCode: string; readonly status: number } | undefined>> = ERRORS;

export type SqsErrorCode =
  | keyof typeof ERRORS
  | 'InvalidAttributeName'
  | 'InvalidAttributeValue'
  | 'InvalidMessageContents'
  | 'InvalidParameterValue'
  | 'MissingParameter'
  | 'InvalidAction';

export class SqsError extends AwsError {
  override readonly name = 'SqsError';
  /** The code the query protocol (and `x-amzn-query-error`) carries. */
  readonly queryCode: string;
  constructor(code: SqsErrorCode | (string & {}), message: string) {
    const known = KNOWN[code];
    const queryCode = known?.queryCode ?? code;
    const status = known?.status ?? 400;
    super(code, message, status, { 'x-amzn-query-error': `${queryCode};${status >= 500 ? 'Receiver' : 'Sender'}` });
    this.queryCode = queryCode;
  }
}

/** Any rejection (the authorizer's AccessDeniedError, an unexpected fault) as an SqsError. */
export function toSqsError(err: unknown): SqsError {
  if (err instanceof SqsError) return err;
  if (err instanceof AwsError) return new SqsError(err.code, err.message);
  return new SqsError('InternalFailure', (err as Error)?.message ?? String(err));
}

export const queueDoesNotExist = (queue: string): SqsError => new SqsError('QueueDoesNotExist', `The specified queue does not exist: ${queue}`);

export const missingParameter = (name: string): SqsError => new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);

/** AWS's wording for a bad request parameter: `Value <v> for parameter <p> is invalid. Reason: <r>` */
export const invalidParameter = (name: string, value: unknown, reason: string): SqsError =>
  new SqsError('InvalidParameterValue', `Value ${typeof value === 'string' ? value : JSON.stringify(value)} for parameter ${name} is invalid. Reason: ${reason}`);

export const invalidAttributeValue = (name: string, reason: string): SqsError =>
  new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}. Reason: ${reason}`);

export const unknownAttribute = (name: string): SqsError => new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);

export const fifoUnsupported = (): SqsError => new SqsError('UnsupportedOperation', 'FIFO queues are not supported by the local cloud; create a standard queue.');
