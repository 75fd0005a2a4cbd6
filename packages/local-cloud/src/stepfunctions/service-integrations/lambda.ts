import type { Caller } from '../../core/caller';
import type { InvocationType, InvokeResponse, LambdaPort } from '../../core/ports';
import { StatesError } from '../asl/errors';
import { LAMBDA_FUNCTION_ARN_PATTERN, LAMBDA_INVOKE_ARN, type IntegrationRegistry, type TaskRequest } from '../engine/integrations';
import { serviceError } from './errors';

/**
 * The state machine's role, as the local services authorize it. The session is named after the
 * state machine (a Distributed Map's children run with the parent's role under the same name), so
 * every execution of it is one principal to IAM and its decisions are evaluated once.
 */
export function roleCaller(req: TaskRequest): Caller {
  const machine = req.stateMachineArn.split(':')[6] ?? 'state-machine';
  return { kind: 'role', roleArn: req.roleArn, sessionName: machine.replace(/[^\w+=,.@-]/g, '-').slice(0, 64) };
}

function payloadText(value: unknown): string {
  if (value === undefined) return '{}';
  return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value);
}

/** A handler error (FunctionError) fails the task with the function's error type; the cause is the error payload. */
function functionFailure(response: InvokeResponse): StatesError {
  const text = response.payload ?? '';
  let errorType = 'Lambda.Unknown';
  try {
    const parsed = JSON.parse(text) as { errorType?: unknown };
    if (typeof parsed.errorType === 'string' && parsed.errorType !== '') errorType = parsed.errorType;
  } catch {
    // A payload that is not JSON leaves the error unnamed, as Lambda.Unknown.
  }
  return new StatesError(errorType, text);
}

async function invoke(lambda: LambdaPort, req: TaskRequest, functionName: unknown, payload: unknown, invocationType: InvocationType): Promise<InvokeResponse> {
  if (typeof functionName !== 'string' || functionName === '') {
    throw new StatesError('Lambda.InvalidParameterValueException', `State '${req.stateName}': FunctionName must be a non-empty string, got ${JSON.stringify(functionName)}`);
  }
  let response: InvokeResponse;
  try {
    response = await lambda.invoke({ functionName, payload: payloadText(payload), invocationType, caller: roleCaller(req), traceHeader: req.traceHeader });
  } catch (err) {
    throw serviceError('Lambda', 'AWSLambda', 'AWSLambdaException', err);
  }
  if (response.functionError !== undefined) throw functionFailure(response);
  return response;
}

function parsedPayload(response: InvokeResponse): unknown {
  const text = response.payload ?? '';
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/**
 * `arn:aws:states:::lambda:invoke` (the optimised integration: the result wrapped with
 * StatusCode, Payload and the SDK's metadata) and bare function ARNs (the result itself),
 * both through the local Lambda service, as the state machine's role.
 */
export function registerLambdaIntegrations(registry: IntegrationRegistry, lambda: LambdaPort): void {
  registry.register(LAMBDA_INVOKE_ARN, async (req) => {
    const input = (req.input ?? {}) as Record<string, unknown>;
    const type = (input['InvocationType'] as InvocationType | undefined) ?? 'RequestResponse';
    const qualifier = input['Qualifier'];
    const name = typeof qualifier === 'string' && typeof input['FunctionName'] === 'string' ? `${input['FunctionName']}:${qualifier}` : input['FunctionName'];
    const response = await invoke(lambda, req, name, input['Payload'], type);
    return {
      ExecutedVersion: response.executedVersion,
      Payload: type === 'RequestResponse' ? parsedPayload(response) : '',
      SdkHttpMetadata: { HttpStatusCode: response.statusCode },
      SdkResponseMetadata: { RequestId: response.requestId ?? 'local' },
      StatusCode: response.statusCode,
    };
  });
  registry.register(LAMBDA_FUNCTION_ARN_PATTERN, async (req) => parsedPayload(await invoke(lambda, req, req.baseResource, req.input, 'RequestResponse')));
}
