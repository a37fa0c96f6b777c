/**
 * Who may publish which events. An event type starts with its producing service
 * (`billing.subscription.activated.v1` → billing); its messages must carry the AMQP `user_id` of
 * that service's RabbitMQ user, which the broker checks against the connection that published it.
 * The envelope's `source` is the publisher's own claim and proves nothing.
 */

/** Producing service → the RabbitMQ users allowed to publish its events; `*` covers the others. */
export type EventPublishers = Readonly<Record<string, readonly string[]>>;

/**
 * Set by a consumer on its own copies (retry, DLQ) to the publisher it read on the original. It is
 * believed only on a message whose `user_id` is the consumer's own user: nobody else can publish one.
 */
export const PUBLISHER_HEADER = 'x-kavosh-publisher';

/** The service that owns an event type: the text before its first dot. */
export const producerOf = (type: string): string => type.split('.', 1)[0] ?? type;

/** The RabbitMQ user the convention gives a service. */
export const serviceUser = (service: string): string => `kavosh_${service}`;

/** The users allowed to publish `type`: the configured ones, else `kavosh_<service>`. */
export function allowedPublishers(type: string, publishers?: EventPublishers): readonly string[] {
  const service = producerOf(type);
  const configured = publishers
    ? ((Object.hasOwn(publishers, service) ? publishers[service] : undefined) ??
      (Object.hasOwn(publishers, '*') ? publishers['*'] : undefined))
    : undefined;
  return configured ?? [serviceUser(service)];
}

const ENTRY = /^([a-z][a-z0-9_-]*|\*)=([^\s=,|]+(?:\|[^\s=,|]+)*)$/;

/**
 * Parses EVENT_PUBLISHERS: `service=user[|user…]` entries separated by commas, `*` for every
 * service not named (`billing=kavosh_billing,*=guest`). Throws on a malformed entry.
 */
export function parseEventPublishers(text: string): EventPublishers {
  const out: Record<string, string[]> = {};
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const match = ENTRY.exec(entry);
    if (!match?.[1] || !match[2])
      throw new Error(`EVENT_PUBLISHERS: malformed entry ${JSON.stringify(entry)}`);
    (out[match[1]] ??= []).push(...match[2].split('|'));
  }
  return out;
}

/** The user an AMQP URL authenticates as (amqplib's default is guest). */
export function amqpUser(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  return user === '' ? 'guest' : user;
}
