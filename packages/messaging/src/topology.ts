import type { Channel } from 'amqplib';

export const DEFAULT_EXCHANGE = 'kavosh.events';

/** Declares the durable topic exchange every event goes through. Idempotent. */
export async function declareTopology(
  ch: Channel,
  opts: { exchange?: string } = {},
): Promise<void> {
  await ch.assertExchange(opts.exchange ?? DEFAULT_EXCHANGE, 'topic', { durable: true });
}

export interface QueueDeclaration {
  name: string;
  arguments: Record<string, string | number>;
}

export interface ConsumerTopology {
  main: QueueDeclaration;
  /** One queue per delay: a message waits there for its TTL, then dead-letters back to main. */
  retries: (QueueDeclaration & { delayMs: number })[];
  dlq: QueueDeclaration;
}

/** The queues behind one consumer: `<queue>`, `<queue>.retry.<delay>ms` …, `<queue>.dlq`. */
export function consumerTopology(
  queue: string,
  retryDelaysMs: readonly number[],
): ConsumerTopology {
  const quorum = { 'x-queue-type': 'quorum' };
  return {
    main: { name: queue, arguments: quorum },
    // Named by delay, not by position: changing the delays declares new queues instead of failing
    // on a redeclaration with different arguments.
    retries: [...new Set(retryDelaysMs)].map((delayMs) => ({
      name: `${queue}.retry.${delayMs}ms`,
      delayMs,
      arguments: {
        ...quorum,
        'x-message-ttl': delayMs,
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': queue,
        // Quorum queues dead-letter at most once unless told otherwise; a retry must not vanish.
        'x-dead-letter-strategy': 'at-least-once',
        'x-overflow': 'reject-publish',
      },
    })),
    dlq: { name: `${queue}.dlq`, arguments: quorum },
  };
}

export function retryQueueFor(topology: ConsumerTopology, delayMs: number): string {
  const q = topology.retries.find((r) => r.delayMs === delayMs);
  if (!q) throw new Error(`no retry queue for ${delayMs} ms`);
  return q.name;
}

/** Declares the consumer's queues and binds the main queue to the exchange. Idempotent. */
export async function declareConsumerTopology(
  ch: Channel,
  opts: { exchange: string; topology: ConsumerTopology; routingKeys: readonly string[] },
): Promise<void> {
  await declareTopology(ch, { exchange: opts.exchange });
  const { main, retries, dlq } = opts.topology;
  for (const q of [main, ...retries, dlq]) {
    await ch.assertQueue(q.name, { durable: true, arguments: q.arguments });
  }
  for (const key of opts.routingKeys) await ch.bindQueue(main.name, opts.exchange, key);
}

/** Deletes what declareConsumerTopology declared (tests, decommissioning a consumer). */
export async function deleteConsumerTopology(
  ch: Channel,
  topology: ConsumerTopology,
): Promise<void> {
  for (const q of [topology.main, ...topology.retries, topology.dlq]) await ch.deleteQueue(q.name);
}
