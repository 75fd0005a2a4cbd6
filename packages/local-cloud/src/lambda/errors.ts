import { AwsError } from '../core/aws-error';

/**
 * Lambda's API errors, with the HTTP status each carries (the SDK's exception classes are
 * named by the code). Lambda's REST protocol puts the code in `x-amzn-errortype`.
 */
const STATUS: Record<string, number> = {
  ResourceNotFoundException: 404,
  ResourceConflictException: 409,
  InvalidParameterValueException: 400,
  InvalidRequestContentException: 400,
  RequestTooLargeException: 413,
  TooManyRequestsException: 429,
  ServiceException: 500,
  AccessDeniedException: 403,
  PreconditionFailedException: 412,
  UnsupportedMediaTypeException: 415,
  CodeStorageExceededException: 400,
};

export function lambdaError(code: keyof typeof STATUS | string, message: string, fields: Record<string, unknown> = {}): AwsError {
  return new AwsError(code, message, STATUS[code] ?? 400, {}, fields);
}

export const notFound = (what: string, arn: string): AwsError => lambdaError('ResourceNotFoundException', `${what} not found: ${arn}`);
export const invalidParameter = (message: string): AwsError => lambdaError('InvalidParameterValueException', message);
