import type { EventsPort, LambdaPort, SqsPort } from '../../core/ports';
import type { IntegrationRegistry } from '../engine/integrations';
import { registerEventsIntegration } from './events';
import { registerLambdaIntegrations } from './lambda';
import { registerSqsIntegration } from './sqs';

export interface LocalServicePorts {
  readonly lambda?: LambdaPort;
  readonly events?: EventsPort;
  readonly sqs?: SqsPort;
}

/** Backs the engine's service integrations with the local services (instead of in-process functions). */
export function registerServiceIntegrations(registry: IntegrationRegistry, ports: LocalServicePorts): void {
  if (ports.lambda) registerLambdaIntegrations(registry, ports.lambda);
  if (ports.events) registerEventsIntegration(registry, ports.events);
  if (ports.sqs) registerSqsIntegration(registry, ports.sqs);
}

export { SQS_SEND_MESSAGE_ARN } from './sqs';
