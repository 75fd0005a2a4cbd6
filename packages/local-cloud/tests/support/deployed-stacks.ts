import { resolve } from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { Summary } from '@fanout/shared-types';
import { startLocalCloud, type RunningLocalCloud, type StartLocalCloudProps } from '../../src';

export const SYNTH_DIR = resolve(__dirname, '../../../../infra/cdktf.out');

export interface Deployed {
  running: RunningLocalCloud;
  sfn: SFNClient;
  sqs: SQSClient;
  /** The outputs of one stack, as local-outputs.json holds them. */
  outputs(stack: string): Record<string, string>;
  stop(): Promise<void>;
}

/** The synthesized stacks (`nx run infra:synth`) deployed on a fresh local cloud, with SDK clients on its endpoint. */
export async function deployStacks(props: Partial<StartLocalCloudProps> = {}): Promise<Deployed> {
  const running = await startLocalCloud({ synthDir: SYNTH_DIR, timeScale: 1000, ...props });
  const client = { endpoint: running.url, region: running.cloud.region, credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' }, maxAttempts: 1 };
  const sfn = new SFNClient(client);
  const sqs = new SQSClient(client);
  return {
    running,
    sfn,
    sqs,
    outputs: (stack) => running.outputs[stack] as Record<string, string>,
    stop: async () => {
      sfn.destroy();
      sqs.destroy();
      await running.stop();
    },
  };
}


export interface Run {
  executionArn: string;
  status: string;
  error?: string;
  cause?: string;
  /** The Summarize task's result, read from the history (also when the execution then failed its threshold). */
  summary?: Summary;
  events: HistoryEvent[];
  eventTypes: Record<string, number>;
  /** Simulated ms from start to stop. */
  makespanMs: number;
}

/** Starts an execution through the SDK, waits for it to close, and reads its history. */
export async function runExecution(d: Deployed, stack: string, input: unknown, timeoutMs = 60_000): Promise<Run> {
  const { executionArn } = await d.sfn.send(new StartExecutionCommand({ stateMachineArn: d.outputs(stack)['stateMachineArn'], input: JSON.stringify(input) }));
  const started = Date.now();
  let described;
  for (;;) {
    described = await d.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== 'RUNNING') break;
    if (Date.now() - started > timeoutMs) throw new Error(`${stack}: execution still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await d.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const eventTypes: Record<string, number> = {};
  for (const e of events) eventTypes[e.type as string] = (eventTypes[e.type as string] ?? 0) + 1;
  const summarize = events.find((e) => e.type === 'TaskStateExited' && e.stateExitedEventDetails?.name === 'Summarize');
  const run: Run = { executionArn: executionArn as string, status: described.status as string, events, eventTypes, makespanMs: (described.stopDate as Date).getTime() - (described.startDate as Date).getTime() };
  if (described.error !== undefined) run.error = described.error;
  if (described.cause !== undefined) run.cause = described.cause;
  if (summarize?.stateExitedEventDetails?.output) run.summary = JSON.parse(summarize.stateExitedEventDetails.output) as Summary;
  return run;
}

/** Messages in a queue, visible or in flight. */
export async function queueDepth(d: Deployed, queueUrl: string): Promise<number> {
  const attrs = await d.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(attrs.Attributes?.['ApproximateNumberOfMessages'] ?? 0) + Number(attrs.Attributes?.['ApproximateNumberOfMessagesNotVisible'] ?? 0);
}

/** Every visible message of a queue, received (and so hidden for an hour: read them once). */
export async function queueMessages(d: Deployed, queueUrl: string): Promise<Message[]> {
  const attrs = await d.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  const expected = Number(attrs.Attributes?.['ApproximateNumberOfMessages'] ?? 0);
  const messages: Message[] = [];
  while (messages.length < expected) {
    const r = await d.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], VisibilityTimeout: 3600 }));
    if (!r.Messages?.length) break;
    messages.push(...r.Messages);
  }
  return messages;
}

/** A flat dataset of n cases, with per-case overrides. */
export function flatRequest(requestId: string, n: number, cases: Record<number, Record<string, unknown>> = {}) {
  const requests = Array.from({ length: n }, (_, i) => ({ caseId: String(i), ...cases[i] }));
  return { requestId, requests, length: String(n) };
}
