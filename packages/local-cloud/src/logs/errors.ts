import { AwsError } from '../core/aws-error';

/** CloudWatch Logs' API errors (JSON 1.1: the code in `__type`, no namespace, as AWS answers). */
export const invalidParameter = (message: string): AwsError => new AwsError('InvalidParameterException', message);
export const resourceNotFound = (message: string): AwsError => new AwsError('ResourceNotFoundException', message);
export const resourceAlreadyExists = (message: string): AwsError => new AwsError('ResourceAlreadyExistsException', message);
export const tooManyTags = (message: string): AwsError => new AwsError('TooManyTagsException', message);

export const groupNotFound = (name: string): AwsError => resourceNotFound(`The specified log group does not exist: ${name}`);
export const streamNotFound = (group: string, stream: string): AwsError => resourceNotFound(`The specified log stream does not exist: ${stream} (log group ${group})`);
export const invalidToken = (token: string): AwsError => invalidParameter(`The specified nextToken is invalid: ${token}`);

function show(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.length > 80 ? `${text.slice(0, 80)}…` : text}'`;
}

/** AWS's wording for a request that breaks the API model (`1 validation error detected: …`). */
export function validationError(field: string, value: unknown, constraint: string): AwsError {
  return invalidParameter(`1 validation error detected: Value ${show(value)} at '${field}' failed to satisfy constraint: ${constraint}`);
}
