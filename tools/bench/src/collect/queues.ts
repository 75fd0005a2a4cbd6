import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

export type QueueReading = { depths: Map<string, number> } | { error: string };

/** Messages in each queue (visible and in flight), or why they could not be read. */
export async function queueDepths(sqs: SQSClient, queues: readonly { name: string; url: string }[]): Promise<QueueReading> {
  const depths = new Map<string, number>();
  for (const queue of queues) {
    try {
      const { Attributes: a = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      depths.set(queue.name, Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0));
    } catch (error) {
      return { error: `${queue.name} (${queue.url}): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}` };
    }
  }
  return { depths };
}

/** New messages per queue between two readings, or why there is no figure. */
export function addedMessages(before: QueueReading, after: QueueReading): { name: string; added: number }[] | string {
  if ('error' in before) return before.error;
  if ('error' in after) return after.error;
  return [...after.depths].map(([name, depth]) => ({ name, added: Math.max(0, depth - (before.depths.get(name) ?? 0)) }));
}
