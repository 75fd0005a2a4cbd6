/**
 * Who makes a call. The gateway derives it from the request's SigV4 access key; the services
 * pass it along when one resource calls another (a state machine's role invoking a function,
 * EventBridge delivering to a target), so every call can be authorized against the stack's IAM.
 */
export type Caller =
  /** A user's SDK or CLI: any credentials the local cloud did not issue. Acts as an administrator. */
  | { readonly kind: 'external'; readonly accessKeyId?: string }
  /** A deployed resource acting with its IAM role (a Lambda's credentials, a state machine's role). */
  | { readonly kind: 'role'; readonly roleArn: string; readonly sessionName: string }
  /** An AWS service principal acting for a resource (EventBridge for a rule, Lambda for a function's destination). */
  | { readonly kind: 'service'; readonly service: string; readonly sourceArn: string; readonly sourceAccount: string };

export const EXTERNAL_CALLER: Caller = { kind: 'external' };
