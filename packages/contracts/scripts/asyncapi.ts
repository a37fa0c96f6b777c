// Builds the AsyncAPI 3.0 document of every Kavosh event from the registry in src/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { stringify } from 'yaml';
import { EVENTS, EVENTS_EXCHANGE, type EventDefinition } from '../src/index.js';

/** Where the checked-in document lives (repository root `docs/`). */
export const ASYNCAPI_PATH = fileURLToPath(new URL('../../../docs/asyncapi.yaml', import.meta.url));

export const ASYNCAPI_COMMAND = 'npx nx run contracts:asyncapi';

const AMQP_BINDING_VERSION = '0.3.0';

const pkg: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const version =
  typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string'
    ? pkg.version
    : '0.0.0';

/** `auth.user.registered.v1` → `AuthUserRegisteredV1` (the schema and type name). */
export function messageName(type: string): string {
  return type
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

const channelName = (type: string) => {
  const name = messageName(type);
  return name.charAt(0).toLowerCase() + name.slice(1);
};
const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function channel(event: EventDefinition) {
  const message = messageName(event.type);
  return {
    address: event.type,
    title: event.type,
    description: `Routing key \`${event.type}\` on the topic exchange \`${EVENTS_EXCHANGE}\`.`,
    messages: { [message]: { $ref: `#/components/messages/${message}` } },
    bindings: {
      amqp: {
        is: 'routingKey',
        exchange: {
          name: EVENTS_EXCHANGE,
          type: 'topic',
          durable: true,
          autoDelete: false,
          vhost: '/',
        },
        bindingVersion: AMQP_BINDING_VERSION,
      },
    },
  };
}

function operations(event: EventDefinition) {
  const message = messageName(event.type);
  const ref = {
    channel: { $ref: `#/channels/${channelName(event.type)}` },
    messages: [{ $ref: `#/channels/${channelName(event.type)}/messages/${message}` }],
  };
  const entries: [string, unknown][] = [
    [
      `send${message}`,
      {
        action: 'send',
        ...ref,
        summary: `${event.producer} publishes ${event.type} through its outbox.`,
        tags: [{ name: event.producer }],
        bindings: {
          amqp: { deliveryMode: 2, bindingVersion: AMQP_BINDING_VERSION },
        },
      },
    ],
  ];
  for (const consumer of event.consumers) {
    entries.push([
      `receive${message}In${capitalize(consumer.service)}`,
      {
        action: 'receive',
        ...ref,
        summary: `${consumer.service}: ${consumer.purpose}.`,
        tags: [{ name: consumer.service }],
        bindings: { amqp: { ack: true, bindingVersion: AMQP_BINDING_VERSION } },
      },
    ]);
  }
  return entries;
}

function message(event: EventDefinition) {
  return {
    name: messageName(event.type),
    title: event.type,
    summary: event.description.split('. ')[0]?.replace(/\.$/, '') ?? event.type,
    description:
      `${event.description}\n\nProducer: ${event.producer}. ` +
      `The envelope's \`subject\` is \`data.${event.subject}\`. ` +
      'Producers validate strictly; consumers accept unknown fields inside `data`.',
    contentType: 'application/json',
    payload: event.schema,
    bindings: { amqp: { messageType: event.type, bindingVersion: AMQP_BINDING_VERSION } },
  };
}

/** The AsyncAPI 3.0 document for `events`, as a plain object. */
export function buildAsyncApi(events: readonly EventDefinition[] = EVENTS) {
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Kavosh events',
      version,
      description:
        'Integration events between Kavosh services, generated from `packages/contracts` ' +
        `(run \`${ASYNCAPI_COMMAND}\`; do not edit by hand). Every event is a CloudEvents 1.0 ` +
        `JSON envelope published to the durable topic exchange \`${EVENTS_EXCHANGE}\` with the ` +
        'event type as routing key. Each consumer reads from its own durable quorum queue ' +
        '`<service>.<purpose>` with manual acks; failures end in `<queue>.dlq`.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: 'RabbitMQ on a developer machine (AMQP_URL overrides it).',
      },
    },
    channels: Object.fromEntries(events.map((event) => [channelName(event.type), channel(event)])),
    operations: Object.fromEntries(events.flatMap(operations)),
    components: {
      messages: Object.fromEntries(
        events.map((event) => [messageName(event.type), message(event)]),
      ),
    },
  };
}

/** The document as the YAML text checked in at docs/asyncapi.yaml (Prettier-formatted). */
export async function renderAsyncApi(events: readonly EventDefinition[] = EVENTS): Promise<string> {
  // Shared sub-schemas must be written out in full, not as YAML anchors and aliases.
  const text = stringify(buildAsyncApi(events), { aliasDuplicateObjects: false, lineWidth: 0 });
  const options = await resolveConfig(ASYNCAPI_PATH);
  return format(text, { ...options, filepath: ASYNCAPI_PATH });
}
