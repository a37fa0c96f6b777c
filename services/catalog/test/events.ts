import { pino } from 'pino';
import { Broker, createEvent, type CloudEvent } from '@kavosh/messaging';
import { eventually } from '@kavosh/testing';
import type { Database } from '../src/db.js';

/** What startCatalog() returns that the publisher needs: its broker and its isolation prefix. */
interface Isolated {
  infra: { amqpUrl: string };
  prefix: string;
}

export interface EventPublisher {
  /** A CloudEvent as its producer would publish it (a fresh id unless given). */
  event<T>(type: string, subject: string, data: T, id?: string): CloudEvent<T>;
  /** Publishes to the app's isolated exchange, routed by type, like the producer's relay. */
  publish(event: CloudEvent, routingKey?: string): Promise<void>;
  /** Publishes raw bytes (e.g. not JSON) under a routing key. */
  publishRaw(routingKey: string, body: Buffer, messageId: string): Promise<void>;
  /** Waits until the consumer `queue` (unprefixed) has committed the event (its inbox row). */
  handled(db: Database, queue: string, eventId: string): Promise<void>;
  /** Messages waiting in the consumer's dead-letter queue. */
  dlqDepth(queue: string): Promise<number>;
  close(): Promise<void>;
}

/** Publishes events into a test app through the real broker, as another service would. */
export async function eventPublisher(svc: Isolated): Promise<EventPublisher> {
  const broker = await Broker.connect({
    url: svc.infra.amqpUrl,
    name: `${svc.prefix}-publisher`,
    logger: pino({ level: 'silent' }),
  });
  const exchange = `${svc.prefix}.events`;
  return {
    event: (type, subject, data, id) =>
      createEvent({
        type,
        source: `/kavosh/${type.split('.')[0] ?? ''}`,
        subject,
        data,
        ...(id ? { id } : {}),
      }),
    publish: (event, routingKey = event.type) =>
      broker.publish(exchange, routingKey, Buffer.from(JSON.stringify(event)), {
        messageId: event.id,
        type: event.type,
      }),
    publishRaw: (routingKey, body, messageId) =>
      broker.publish(exchange, routingKey, body, { messageId }),
    handled: (db, queue, eventId) =>
      eventually(
        async () => {
          const row = await db.inboxEvent.findUnique({
            where: { consumer_eventId: { consumer: `${svc.prefix}.${queue}`, eventId } },
          });
          if (!row) throw new Error(`${queue} has not handled ${eventId} yet`);
        },
        { within: 15_000 },
      ),
    dlqDepth: (queue) =>
      broker.withChannel(
        async (ch) => (await ch.checkQueue(`${svc.prefix}.${queue}.dlq`)).messageCount,
      ),
    close: () => broker.close(),
  };
}
