import type { EventsPort, PutEventsRequestEntry } from '../../core/ports';
import { registerPutEvents, type IntegrationRegistry, type PutEventsResult } from '../engine/integrations';
import { serviceError } from './errors';
import { roleCaller } from './lambda';

/** `events:putEvents[.waitForTaskToken]` onto the local EventBridge, as the state machine's role. */
export function registerEventsIntegration(registry: IntegrationRegistry, events: EventsPort): void {
  registerPutEvents(registry, async (entries, req) => {
    try {
      return (await events.putEvents(entries as PutEventsRequestEntry[], roleCaller(req))) as PutEventsResult;
    } catch (err) {
      throw serviceError('EventBridge', 'AmazonEventBridge', 'AmazonEventBridgeException', err);
    }
  });
}
