import { AwsError } from '../core/aws-error';

/** Error codes the EventBridge API answers with (the SDK's exception class names). */
export type EventBridgeErrorCode =
  | 'InvalidEventPatternException'
  | 'LimitExceededException'
  | 'PolicyLengthExceededException'
  | 'ResourceAlreadyExistsException'
  | 'ResourceNotFoundException'
  | 'SerializationException'
  | 'ValidationException';

/** An EventBridge API rejection: HTTP 400 with `{"__type": code, "message": …}`. */
export class EventBridgeError extends AwsError {
  override readonly name = 'EventBridgeError';
  constructor(override readonly code: EventBridgeErrorCode, message: string) {
    super(code, message);
  }
}

/** AWS's wording for a member that breaks its modelled constraint. */
export function constraintError(value: unknown, at: string, constraint: string): EventBridgeError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new EventBridgeError('ValidationException', `1 validation error detected: Value '${shown}' at '${at}' failed to satisfy constraint: ${constraint}`);
}

export function missingMember(at: string): EventBridgeError {
  return new EventBridgeError('ValidationException', `1 validation error detected: Value null at '${at}' failed to satisfy constraint: Member must not be null`);
}

export function busNotFound(name: string): EventBridgeError {
  return new EventBridgeError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
}

export function ruleNotFound(rule: string, bus: string): EventBridgeError {
  return new EventBridgeError('ResourceNotFoundException', `Rule ${rule} does not exist on EventBus ${bus}.`);
}
