import { AwsError } from '../../core/aws-error';
import { StatesError } from '../asl/errors';

/**
 * How a service's API error reaches a state machine: `<Service>.<Exception>` with a cause in
 * the shape the AWS SDK for Java prints (what Step Functions shows), e.g.
 * `Lambda.TooManyRequestsException`. An AccessDenied has no exception class of its own in those
 * SDKs, so it surfaces as the service's generic exception (`Lambda.AWSLambdaException`).
 */
export function serviceError(prefix: string, serviceName: string, genericException: string, err: unknown): StatesError {
  if (err instanceof StatesError) return err;
  if (err instanceof AwsError) {
    const exception = err.code === 'AccessDeniedException' || err.code === 'AccessDenied' ? genericException : err.code;
    return new StatesError(
      `${prefix}.${exception}`,
      `${err.message} (Service: ${serviceName}; Status Code: ${err.status}; Error Code: ${err.code}; Request ID: local; Proxy: null)`,
    );
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return new StatesError(`${prefix}.SdkClientException`, e.message);
}
