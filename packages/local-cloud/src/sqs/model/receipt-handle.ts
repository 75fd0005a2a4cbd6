import { randomBytes } from 'node:crypto';

/** What a receipt handle names: one receive of one message in one queue (by its incarnation). */
export interface Receipt {
  readonly queueId: string;
  readonly messageId: string;
  /** The message's receive number this handle came from; only the latest one acts. */
  readonly receive: number;
}

const HANDLE_RE = /^([0-9a-f]{16}):([0-9a-f-]{36}):(\d+):[0-9a-f]{16}$/;

/** Opaque to callers, as AWS's are; the random tail keeps a handle from being made up out of a message id. */
export function encodeReceiptHandle(receipt: Receipt): string {
  return Buffer.from(`${receipt.queueId}:${receipt.messageId}:${receipt.receive}:${randomBytes(8).toString('hex')}`).toString('base64');
}

/** The receipt, or undefined when the text is not a handle this local SQS issued. */
export function decodeReceiptHandle(handle: string): Receipt | undefined {
  const m = HANDLE_RE.exec(Buffer.from(handle, 'base64').toString('utf8'));
  if (!m) return undefined;
  return { queueId: m[1] as string, messageId: m[2] as string, receive: Number(m[3]) };
}
