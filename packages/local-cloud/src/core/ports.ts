/**
 * What one local service asks of another. Each service implements its port on its model (the
 * same code its HTTP operations run), so a call between services and a call from a user's SDK
 * are checked, limited and authorized alike. Failures are AwsErrors with AWS's error codes.
 */
import type { Caller } from './caller';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface InvokeRequest {
  /** Name, ARN or partial ARN, with an optional `:qualifier`. */
  readonly functionName: string;
  /** The event, as the JSON text Lambda receives. */
  readonly payload: string;
  readonly invocationType: InvocationType;
  readonly caller: Caller;
  /** `Root=…;Parent=…;Sampled=1`: given to the environment as `_X_AMZN_TRACE_ID`. */
  readonly traceHeader?: string | undefined;
  /** `Tail`: the last 4 KB of the invocation's log in the response (RequestResponse only). */
  readonly logType?: 'None' | 'Tail' | undefined;
}

export interface InvokeResponse {
  /** 200 (RequestResponse), 202 (Event), 204 (DryRun). */
  readonly statusCode: number;
  readonly payload?: string;
  /** `Unhandled` when the handler threw (the payload is then Node's error JSON). */
  readonly functionError?: 'Unhandled';
  readonly executedVersion: string;
  /** The last 4 KB of the invocation's log, base64, when asked for with `LogType: Tail`. */
  readonly logResult?: string;
  /** The request id of a queued (Event) invocation. */
  readonly requestId?: string;
}

/** Lambda as other services call it (Step Functions' lambda:invoke, EventBridge targets). */
export interface LambdaPort {
  invoke(request: InvokeRequest): Promise<InvokeResponse>;
  /** The function's ARN, or undefined when no such function exists (EventBridge checks before it queues). */
  functionArn(functionName: string): string | undefined;
}

export interface SqsMessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: Uint8Array;
}

export interface SendMessageRequest {
  /** Queue URL or ARN. */
  readonly queue: string;
  readonly body: string;
  readonly messageAttributes?: Readonly<Record<string, SqsMessageAttribute>>;
  readonly delaySeconds?: number;
  readonly caller: Caller;
}

/** SQS as other services call it (dead-letter queues, on-failure destinations, sqs:sendMessage tasks). */
export interface SqsPort {
  sendMessage(request: SendMessageRequest): Promise<{ messageId: string; md5OfMessageBody: string }>;
}

export interface PutEventsRequestEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  /** JSON text. */
  readonly Detail?: string;
  readonly EventBusName?: string;
  readonly Resources?: readonly string[];
  readonly Time?: Date;
  readonly TraceHeader?: string;
}

export interface PutEventsResultEntry {
  readonly EventId?: string;
  readonly ErrorCode?: string;
  readonly ErrorMessage?: string;
}

export interface PutEventsResult {
  readonly FailedEntryCount: number;
  readonly Entries: readonly PutEventsResultEntry[];
}

/** EventBridge as other services call it (Step Functions' events:putEvents). */
export interface EventsPort {
  putEvents(entries: readonly PutEventsRequestEntry[], caller: Caller): Promise<PutEventsResult>;
}

export interface StartExecutionRequest {
  readonly stateMachineArn: string;
  readonly input: string;
  readonly name?: string;
  readonly caller: Caller;
  readonly traceHeader?: string;
}

/** Step Functions as other services call it (EventBridge's StartExecution target, a Distributed Map's children). */
export interface StatesPort {
  startExecution(request: StartExecutionRequest): Promise<{ executionArn: string; startDate: Date }>;
}

export interface LogEvent {
  /** Epoch ms, in AWS (simulated) time. */
  readonly timestamp: number;
  readonly message: string;
}

/** CloudWatch Logs as other services write to it (a function's START/END/REPORT and handler lines). */
export interface LogsPort {
  /** Appends to a stream, creating the group and the stream when they do not exist yet. */
  putLogEvents(groupName: string, streamName: string, events: readonly LogEvent[]): void;
}

/** S3 as other services call it (a Distributed Map's ItemReader and ResultWriter). */
export interface S3Port {
  getObject(bucket: string, key: string, caller: Caller): Promise<{ body: Buffer; contentType?: string; eTag: string }>;
  putObject(bucket: string, key: string, body: Buffer | string, caller: Caller, contentType?: string): Promise<{ eTag: string }>;
  /** Keys under a prefix, in key order (ItemReader over a prefix). */
  listObjects(bucket: string, prefix: string, caller: Caller): Promise<{ key: string; size: number; eTag: string }[]>;
}
