import type { JsonProtocolService } from '../../gateway/types';
import { toSqsError } from '../errors';
import type { SqsModel } from '../model/sqs-model';
import { runOperation } from './operations';

/** Binary attribute values travel as base64 in JSON. */
function encodeBinary(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(encodeBinary);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBinary(v)]));
  return value;
}

/**
 * SQS on the AWS JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Operation>`), what SDK v3 and
 * current CLIs send. Errors carry `__type: com.amazonaws.sqs#<Shape>` and the query code in
 * `x-amzn-query-error` (the SqsError headers).
 */
export function sqsJsonService(model: SqsModel): JsonProtocolService {
  return {
    protocol: 'json',
    targetPrefix: 'AmazonSQS',
    contentType: 'application/x-amz-json-1.0',
    errorNamespace: 'com.amazonaws.sqs#',
    async handle(operation, input, request) {
      try {
        return encodeBinary(await runOperation(model, operation, input, request.caller));
      } catch (err) {
        throw toSqsError(err);
      }
    },
  };
}
