import type { HttpProtocolService } from '../gateway/types';
import { element, formParams, queryError, queryResponse, xmlEscape } from '../sqs/api/query-protocol';
import { callerIdentity } from './identity';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface StsServiceProps {
  /** The account an external caller (any credentials the local cloud did not issue) belongs to. */
  readonly accountId: string;
}

/**
 * STS, just enough for tools to check credentials against the local endpoint: GetCallerIdentity
 * on the query protocol (the only one STS speaks: SDK v3's awsQuery, the CLI's query). It claims
 * requests with that Action, and any other request signed for `sts`, which it refuses by name.
 */
export function stsService(props: StsServiceProps): HttpProtocolService {
  return {
    protocol: 'http',
    name: 'sts',
    claims(request) {
      return request.signingService === 'sts' || formParams(request).get('Action') === 'GetCallerIdentity';
    },
    handle(request) {
      const action = formParams(request).get('Action');
      if (action !== 'GetCallerIdentity') {
        return queryError(STS_NAMESPACE, 400, 'InvalidAction', `The local cloud's STS answers GetCallerIdentity only, not ${action === null ? 'a request without an Action' : action}.`);
      }
      const identity = callerIdentity(request.caller, props.accountId);
      const result = (['Arn', 'UserId', 'Account'] as const).map((key) => element(key, xmlEscape(identity[key]))).join('');
      return queryResponse(action, STS_NAMESPACE, result);
    },
  };
}
