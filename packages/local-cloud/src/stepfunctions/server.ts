import { ALLOW_ALL, type Authorizer } from '../core/authorizer';
import { startGateway, type RunningGateway } from '../gateway/gateway';
import type { JsonProtocolService } from '../gateway/types';
import { SfnApiError } from './engine/api-errors';
import type { StepFunctionsEngine } from './engine/engine';
import { handleOperation } from './api-operations';
import { LOCAL_LIMITS } from './limits';

/**
 * Step Functions on the AWS JSON 1.0 protocol (`X-Amz-Target: AWSStepFunctions.<Operation>`).
 * The namespace in `__type` is AWS's; the SDK keeps what follows '#'.
 */
export function stepFunctionsService(engine: StepFunctionsEngine, authorizer: Authorizer = ALLOW_ALL): JsonProtocolService {
  return {
    protocol: 'json',
    targetPrefix: 'AWSStepFunctions',
    contentType: 'application/x-amz-json-1.0',
    errorNamespace: 'com.amazonaws.swf.service.v2.model#',
    handle(operation, input, request) {
      if (request.body.length > LOCAL_LIMITS.requestMaxBytes) {
        throw new SfnApiError('ValidationException', `Request body is ${request.body.length} bytes, over the ${LOCAL_LIMITS.requestMaxBytes}-byte request limit`);
      }
      return handleOperation(engine, operation, input, request.caller, authorizer);
    },
  };
}

export interface SfnServerProps {
  engine: StepFunctionsEngine;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Always loopback unless told otherwise. */
  host?: string;
}

export type RunningSfnServer = RunningGateway;

/** Step Functions alone on a loopback port (LocalCloud serves it beside the other services). */
export function startSfnServer(props: SfnServerProps): Promise<RunningSfnServer> {
  return startGateway({ services: [stepFunctionsService(props.engine)], ...(props.port === undefined ? {} : { port: props.port }), ...(props.host === undefined ? {} : { host: props.host }) });
}
