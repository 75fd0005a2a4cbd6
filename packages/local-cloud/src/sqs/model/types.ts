/** The SQS API's shapes as the model takes and returns them (the JSON protocol's, binary values as bytes). */

export interface MessageAttributeValue {
  readonly DataType: string;
  readonly StringValue?: string | undefined;
  readonly BinaryValue?: Uint8Array | undefined;
}

export type MessageAttributeMap = Readonly<Record<string, MessageAttributeValue>>;

export interface SendMessageInput {
  readonly QueueUrl: string;
  readonly MessageBody: string;
  readonly DelaySeconds?: number | undefined;
  readonly MessageAttributes?: MessageAttributeMap | undefined;
  readonly MessageSystemAttributes?: MessageAttributeMap | undefined;
  readonly MessageGroupId?: string | undefined;
  readonly MessageDeduplicationId?: string | undefined;
}

export interface SendMessageOutput {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
}

export interface ReceiveMessageInput {
  readonly QueueUrl: string;
  readonly AttributeNames?: readonly string[] | undefined;
  readonly MessageSystemAttributeNames?: readonly string[] | undefined;
  readonly MessageAttributeNames?: readonly string[] | undefined;
  readonly MaxNumberOfMessages?: number | undefined;
  readonly VisibilityTimeout?: number | undefined;
  readonly WaitTimeSeconds?: number | undefined;
  readonly ReceiveRequestAttemptId?: string | undefined;
}

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
}

export interface BatchResultErrorEntry {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

export interface BatchResult<T> {
  Successful: T[];
  Failed: BatchResultErrorEntry[];
}

export interface SendMessageBatchEntry extends Omit<SendMessageInput, 'QueueUrl'> {
  readonly Id: string;
}

export interface ReceiptEntry {
  readonly Id: string;
  readonly ReceiptHandle: string;
}

export interface VisibilityEntry extends ReceiptEntry {
  readonly VisibilityTimeout: number;
}

export type AttributeMap = Readonly<Record<string, string>>;
