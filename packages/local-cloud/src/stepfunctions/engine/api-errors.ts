import { AwsError } from '../../core/aws-error';

/** Error codes the Step Functions API answers with (the SDK's exception class names). */
export type SfnErrorCode =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'InvalidArn'
  | 'InvalidDefinition'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'MissingRequiredParameter'
  | 'StateMachineAlreadyExists'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'SerializationException';

/** An API-level rejection (not an execution failure): the server returns it as HTTP 400. */
export class SfnApiError extends AwsError {
  override readonly name = 'SfnApiError';
  constructor(override readonly code: SfnErrorCode, message: string) {
    super(code, message);
  }
}
