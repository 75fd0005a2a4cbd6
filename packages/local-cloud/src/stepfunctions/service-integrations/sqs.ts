import type { SqsMessageAttribute, SqsPort } from '../../core/ports';
import { StatesError } from '../asl/errors';
import type { IntegrationRegistry } from '../engine/integrations';
import { serviceError } from './errors';
import { roleCaller } from './lambda';

export const SQS_SEND_MESSAGE_ARN = 'arn:aws:states:::sqs:sendMessage';

/** `sqs:sendMessage` to the local SQS (MessageBody as text, or JSON text of an object), as the state machine's role. */
export function registerSqsIntegration(registry: IntegrationRegistry, sqs: SqsPort): void {
  registry.register(SQS_SEND_MESSAGE_ARN, async (req) => {
    const input = (req.input ?? {}) as Record<string, unknown>;
    const queue = input['QueueUrl'];
    if (typeof queue !== 'string' || queue === '') throw new StatesError('SQS.MissingParameterException', `State '${req.stateName}': QueueUrl is required`);
    const body = input['MessageBody'];
    try {
      const sent = await sqs.sendMessage({
        queue,
        body: typeof body === 'string' ? body : JSON.stringify(body ?? null),
        ...(input['MessageAttributes'] ? { messageAttributes: input['MessageAttributes'] as Record<string, SqsMessageAttribute> } : {}),
        ...(typeof input['DelaySeconds'] === 'number' ? { delaySeconds: input['DelaySeconds'] } : {}),
        caller: roleCaller(req),
      });
      return { MessageId: sent.messageId, MD5OfMessageBody: sent.md5OfMessageBody, SdkHttpMetadata: { HttpStatusCode: 200 } };
    } catch (err) {
      throw serviceError('SQS', 'AmazonSQS', 'AmazonSQSException', err);
    }
  });
}
