import type { HttpProtocolService } from '../../gateway/types';
import { XML_NAMESPACE } from '../constants';
import { SqsError, toSqsError } from '../errors';
import type { SqsModel } from '../model/sqs-model';
import { SQS_ACTIONS, runOperation } from './operations';
import { queryInput } from './query-input';
import { formParams, queryError, queryResponse } from './query-protocol';
import { resultXml } from './query-xml';

/** `/<account>/<name>`: older clients post to the queue URL and leave QueueUrl out. */
const QUEUE_PATH_RE = /^\/\d{12}\/[^/]+$/;

/**
 * SQS on the query protocol (form-encoded `Action=…&Version=2012-11-05`, XML answers in the
 * 2012-11-05 namespace), what older CLIs and SDKs send. It claims requests whose Action is an
 * SQS action, posted to `/` or to a queue URL.
 */
export function sqsQueryService(model: SqsModel): HttpProtocolService {
  return {
    protocol: 'http',
    name: 'sqs-query',
    claims(request) {
      const action = formParams(request).get('Action');
      return action !== null && SQS_ACTIONS.has(action) && (request.path === '/' || QUEUE_PATH_RE.test(request.path));
    },
    async handle(request) {
      const params = formParams(request);
      const action = params.get('Action') ?? '';
      try {
        const input = queryInput(action, params);
        const withQueue = input['QueueUrl'] === undefined && QUEUE_PATH_RE.test(request.path) ? { ...input, QueueUrl: `http://local${request.path}` } : input;
        const output = await runOperation(model, action, withQueue, request.caller);
        return queryResponse(action, XML_NAMESPACE, resultXml(action, output));
      } catch (err) {
        const e: SqsError = toSqsError(err);
        return queryError(XML_NAMESPACE, e.status, e.queryCode, e.message);
      }
    },
  };
}
