import { zipSync, strToU8 } from 'fflate';
import { Clock } from '../../core/clock';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { LogEvent, SendMessageRequest, SqsPort } from '../../core/ports';
import { lambdaApi } from '../api/routes';
import { LambdaService, type LambdaServiceProps } from '../lambda-service';

export const ROLE = 'arn:aws:iam::123456789012:role/fn-role';

/** Handlers the tests deploy, as the CommonJS a bundler would emit. */
export const HANDLERS = {
  echo: `exports.handler = async (event) => ({ event, region: process.env.AWS_REGION, fn: process.env.AWS_LAMBDA_FUNCTION_NAME });`,
  counter: `const { setTimeout: wait } = require('timers/promises'); let calls = 0; globalThis.loadedAt ??= Date.now(); exports.handler = async (event) => { calls++; if (event.ms) await wait(event.ms); return { calls, loadedAt: globalThis.loadedAt }; };`,
  env: `exports.handler = async () => process.env;`,
  fail: `class Boom extends Error { constructor(m) { super(m); this.name = 'Boom'; } } exports.handler = async () => { console.log('about to fail'); throw new Boom('it broke'); };`,
  sleep: `const { setTimeout: wait } = require('node:timers/promises'); exports.handler = async (event) => { const t0 = Date.now(); await wait(event.ms); return { waited: Date.now() - t0, remaining: null }; };`,
  callback: `exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { via: 'callback', id: context.awsRequestId }), 10); };`,
  exit: `exports.handler = async () => { process.exit(3); };`,
  importError: `require('./missing-module'); exports.handler = async () => 1;`,
  big: `exports.handler = async () => 'x'.repeat(7 * 1024 * 1024);`,
} as const;

export function zipOf(source: string, file = 'index.js'): Uint8Array {
  return zipSync({ [file]: strToU8(source) });
}

export interface LambdaHarness {
  service: LambdaService;
  client: LambdaClient;
  gateway: RunningGateway;
  clock: Clock;
  logs: Map<string, LogEvent[]>;
  sent: SendMessageRequest[];
  close(): Promise<void>;
}

/** A Lambda service on a gateway, with logs and SQS captured in memory. */
export async function startLambda(props: Partial<LambdaServiceProps> = {}, timeScale = 100): Promise<LambdaHarness> {
  const clock = props.clock ?? new Clock({ timeScale });
  const logs = new Map<string, LogEvent[]>();
  const sent: SendMessageRequest[] = [];
  const sqs: SqsPort = {
    sendMessage: async (r) => {
      sent.push(r);
      return { messageId: `m-${sent.length}`, md5OfMessageBody: '' };
    },
  };
  let url: string | undefined;
  const service = new LambdaService({
    clock,
    logs: { putLogEvents: (group, _stream, events) => logs.set(group, [...(logs.get(group) ?? []), ...events]) },
    sqs: () => sqs,
    endpointUrl: () => url,
    ...props,
  });
  const gateway = await startGateway({ services: [lambdaApi(service)] });
  url = gateway.url;
  const client = new LambdaClient({ endpoint: gateway.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  return {
    service,
    client,
    gateway,
    clock,
    logs,
    sent,
    close: async () => {
      client.destroy();
      service.stop();
      await gateway.close();
    },
  };
}

export function functionInput(name: string, source: string, extra: Record<string, unknown> = {}) {
  return { FunctionName: name, Runtime: 'nodejs22.x' as const, Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf(source) }, ...extra };
}

export const text = (payload: Uint8Array | undefined): string => Buffer.from(payload ?? new Uint8Array()).toString('utf8');
export const json = (payload: Uint8Array | undefined): unknown => JSON.parse(text(payload));

/** Resolves once `check` holds, polling in real time (a fast clock makes simulated minutes short). */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
