import type Stripe from 'stripe';
import type { EventRecord, WebhookEndpointRecord } from '../state.js';

export function representEvent(
  event: EventRecord,
  apiVersion: string,
  pendingWebhooks: number,
): Stripe.Event {
  const data: Record<string, unknown> = { object: event.object };
  if (event.previousAttributes !== undefined) data.previous_attributes = event.previousAttributes;
  // The Event type is a union keyed by `type`; the sandbox builds it generically from a snapshot.
  return {
    id: event.id,
    object: 'event',
    api_version: apiVersion,
    created: event.created,
    data,
    livemode: false,
    pending_webhooks: pendingWebhooks,
    request: event.request,
    type: event.type,
  } as unknown as Stripe.Event;
}

export function representWebhookEndpoint(
  endpoint: WebhookEndpointRecord,
  withSecret: boolean,
): Stripe.WebhookEndpoint {
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    api_version: endpoint.apiVersion,
    application: null,
    created: endpoint.created,
    description: endpoint.description,
    enabled_events: [...endpoint.enabledEvents],
    livemode: false,
    metadata: { ...endpoint.metadata },
    ...(withSecret ? { secret: endpoint.secret } : {}),
    status: 'enabled',
    url: endpoint.url,
  };
}
