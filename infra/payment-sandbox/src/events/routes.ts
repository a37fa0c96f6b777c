import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { LIST_PARAMS, listPage, queryParams } from '../http/list.js';
import { Params, type RawParams, initialMetadata } from '../http/params.js';
import { invalidParam, missingParam, noSuch } from '../http/stripe-error.js';
import { newId } from '../ids.js';
import type { Sandbox } from '../sandbox.js';
import type { EventRecord, WebhookEndpointRecord } from '../state.js';
import { representEvent, representWebhookEndpoint } from './representation.js';

const MAX_ENDPOINTS = 16;

/** Registers an endpoint; the secret is generated unless given (the startup endpoint's is). */
export function addWebhookEndpoint(
  sandbox: Sandbox,
  fields: {
    url: string;
    enabledEvents: string[];
    secret?: string;
    apiVersion?: string | null;
    description?: string | null;
    metadata?: Record<string, string>;
  },
): WebhookEndpointRecord {
  const endpoint: WebhookEndpointRecord = {
    id: newId('we'),
    created: sandbox.clock.now(),
    url: fields.url,
    secret: fields.secret ?? `whsec_${randomBytes(24).toString('hex')}`,
    enabledEvents: fields.enabledEvents,
    apiVersion: fields.apiVersion ?? null,
    description: fields.description ?? null,
    metadata: fields.metadata ?? {},
  };
  sandbox.state.webhookEndpoints.set(endpoint.id, endpoint);
  return endpoint;
}

export function eventRoutes(app: FastifyInstance, sandbox: Sandbox): void {
  const represent = (event: EventRecord) =>
    representEvent(event, sandbox.apiVersion, sandbox.webhooks.pendingFor(event.id));

  app.get('/v1/events', async (request) => {
    const query = queryParams(request.query).allowOnly([...LIST_PARAMS, 'type', 'types']);
    const type = query.string('type', 100);
    const types = query.array('types', 20)?.map(String);
    // `type` may end in `*` to match a prefix, as Stripe allows (`invoice.*`).
    const matchesType = (eventType: string) =>
      type === undefined ||
      (type.endsWith('*') ? eventType.startsWith(type.slice(0, -1)) : eventType === type);
    const events = [...sandbox.state.events.values()].filter(
      (event) => matchesType(event.type) && (types === undefined || types.includes(event.type)),
    );
    return listPage(events, query, '/v1/events', 'event', represent);
  });

  app.get<{ Params: { id: string } }>('/v1/events/:id', async (request) => {
    queryParams(request.query).allowOnly([]);
    const event = sandbox.state.events.get(request.params.id);
    if (!event) throw noSuch('event', request.params.id);
    return represent(event);
  });

  app.post('/v1/webhook_endpoints', async (request) => {
    const body = Params.of(request.body as RawParams).allowOnly([
      'url',
      'enabled_events',
      'api_version',
      'description',
      'metadata',
    ]);
    const url = body.requiredString('url', 2048);
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw invalidParam('url', 'Invalid URL', 'url_invalid');
    const enabledEvents = body.array('enabled_events', 100);
    if (enabledEvents === undefined || enabledEvents.length === 0)
      throw missingParam('enabled_events');
    for (const [index, type] of enabledEvents.entries()) {
      if (typeof type !== 'string' || !/^[a-z_.*]{1,100}$/.test(type)) {
        throw invalidParam(`enabled_events[${index}]`, `Invalid event type: ${String(type)}`);
      }
    }
    if (sandbox.state.webhookEndpoints.size >= MAX_ENDPOINTS) {
      throw invalidParam('url', `The sandbox keeps at most ${MAX_ENDPOINTS} webhook endpoints`);
    }
    const endpoint = addWebhookEndpoint(sandbox, {
      url,
      enabledEvents: enabledEvents as string[],
      apiVersion: body.string('api_version', 50) ?? null,
      description: body.string('description', 5000) ?? null,
      metadata: initialMetadata(body.metadata()),
    });
    return representWebhookEndpoint(endpoint, true);
  });

  app.get('/v1/webhook_endpoints', async (request) => {
    const query = queryParams(request.query).allowOnly([...LIST_PARAMS]);
    return listPage(
      [...sandbox.state.webhookEndpoints.values()],
      query,
      '/v1/webhook_endpoints',
      'webhook_endpoint',
      (endpoint) => representWebhookEndpoint(endpoint, false),
    );
  });

  app.get<{ Params: { id: string } }>('/v1/webhook_endpoints/:id', async (request) => {
    const endpoint = sandbox.state.webhookEndpoints.get(request.params.id);
    if (!endpoint) throw noSuch('webhook_endpoint', request.params.id);
    return representWebhookEndpoint(endpoint, false);
  });

  app.delete<{ Params: { id: string } }>('/v1/webhook_endpoints/:id', async (request) => {
    const endpoint = sandbox.state.webhookEndpoints.get(request.params.id);
    if (!endpoint) throw noSuch('webhook_endpoint', request.params.id);
    sandbox.state.webhookEndpoints.delete(endpoint.id);
    return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
  });
}
