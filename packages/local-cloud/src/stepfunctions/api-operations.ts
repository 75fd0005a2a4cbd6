import { ALLOW_ALL, type Authorizer } from '../core/authorizer';
import { EXTERNAL_CALLER, type Caller } from '../core/caller';
import { authorizeOperation } from './api/authorization';
import { EXECUTION_OPERATIONS } from './api/execution-operations';
import { MACHINE_OPERATIONS } from './api/machine-operations';
import { MAP_RUN_OPERATIONS } from './api/map-run-operations';
import type { Body } from './api/wire';
import { SfnApiError } from './engine/api-errors';
import type { StepFunctionsEngine } from './engine/engine';

const OPERATIONS = { ...MACHINE_OPERATIONS, ...EXECUTION_OPERATIONS, ...MAP_RUN_OPERATIONS };

/**
 * Dispatches one API operation, authorized for its caller; throws SfnApiError for AWS-shaped
 * rejections and AccessDeniedError when IAM refuses the call.
 */
export function handleOperation(engine: StepFunctionsEngine, operation: string, body: Body, caller: Caller = EXTERNAL_CALLER, authorizer: Authorizer = ALLOW_ALL): Body {
  const handler = Object.prototype.hasOwnProperty.call(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (!handler) throw new SfnApiError('UnknownOperationException', `Operation '${operation}' is not supported by the local Step Functions endpoint`);
  authorizeOperation(engine, authorizer, operation, body, caller);
  return handler(engine, body);
}
