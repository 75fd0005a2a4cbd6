import { AwsError } from '../../core/aws-error';

/** Error codes the Step Functions API answers with (the SDK's exception class names). */
export type SfnErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidDefinition'
  | 'InvalidExecutionInput'
  | 'InvalidLoggingConfiguration'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'InvalidTracingConfiguration'
  | 'MissingRequiredParameter'
  | 'ResourceNotFound'
  | 'StateMachineAlreadyExists'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'TooManyTags'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'SerializationException';

/** An API-level rejection (not an execution failure): the server returns it as HTTP 400. */
export class SfnApiError extends AwsError {
  override readonly name = 'SfnApiError';
  /** `fields`: members the error shape adds beside the message (`resourceName` of ResourceNotFound, TooManyTags). */
  constructor(override readonly code: SfnErrorCode, message: string, fields: Readonly<Record<string, unknown>> = {}) {
    super(code, message, 400, {}, fields);
  }
}
