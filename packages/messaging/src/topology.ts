import type { Channel, ChannelModel } from 'amqplib';

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

/** RabbitMQ 4's default for quorum queues; set explicitly so 3.x brokers behave the same. */
export const DEFAULT_DELIVERY_LIMIT = 20;

/** The queues behind one consumer: `<queue>`, `<queue>.retry.<delay>ms` …, `<queue>.dlq`. */
export function consumerTopology(
  queue: string,
  retryDelaysMs: readonly number[],
  opts: { deliveryLimit?: number } = {},
): ConsumerTopology {
  const quorum = { 'x-queue-type': 'quorum' };
  // Quorum queues dead-letter at most once unless told otherwise (a retry or an event past the
  // delivery limit must not vanish); at-least-once needs reject-publish overflow.
  const atLeastOnce = {
    'x-dead-letter-exchange': '',
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
  const dlq = `${queue}.dlq`;
  return {
    // A message returned more often than the delivery limit goes to the DLQ. RabbitMQ 4 applies a
    // limit of 20 to every quorum queue and drops such a message when the queue has no DLX.
    main: {
      name: queue,
      arguments: {
        ...quorum,
        ...atLeastOnce,
        'x-dead-letter-routing-key': dlq,
        'x-delivery-limit': opts.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT,
      },
    },
    // Named by delay, not by position: changing the delays declares new queues instead of failing
    // on a redeclaration with different arguments.
    retries: [...new Set(retryDelaysMs)].map((delayMs) => ({
      name: `${queue}.retry.${delayMs}ms`,
      delayMs,
      arguments: {
        ...quorum,
        'x-message-ttl': delayMs,
        ...atLeastOnce,
        'x-dead-letter-routing-key': queue,
      },
    })),
    dlq: { name: dlq, arguments: quorum },
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
  for (const q of [dlq, ...retries, main]) {
    await ch.assertQueue(q.name, { durable: true, arguments: q.arguments });
  }
  for (const key of opts.routingKeys) await ch.bindQueue(main.name, opts.exchange, key);
}

/** amqplib's error for a redeclaration with other arguments (the channel is closed by it). */
function isPreconditionFailed(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 406;
}

/**
 * declareConsumerTopology on channels of its own, for a consumer that must start on a deployment
 * made by an older version: a main queue that exists with other arguments (406 PRECONDITION_FAILED,
 * e.g. declared before it had a dead-letter target and a delivery limit) is kept as it is, bound,
 * and reported as `mainQueueOutdated` so the caller can say so. A queue's arguments cannot change;
 * see the README ("Upgrading queues") for the policy that gives it the same behaviour.
 */
export async function declareConsumerTopologyOn(
  conn: ChannelModel,
  opts: { exchange: string; topology: ConsumerTopology; routingKeys: readonly string[] },
): Promise<{ mainQueueOutdated: boolean }> {
  const open = async (): Promise<Channel> => {
    const ch = await conn.createChannel();
    // The 406 arrives as the rejected call; without a listener amqplib also emits it as an error.
    ch.on('error', () => undefined);
    return ch;
  };
  let ch = await open();
  try {
    await declareTopology(ch, { exchange: opts.exchange });
    const { main, retries, dlq } = opts.topology;
    // A 406 on these is not an upgrade case: it fails the declaration as before.
    for (const q of [dlq, ...retries]) {
      await ch.assertQueue(q.name, { durable: true, arguments: q.arguments });
    }
    let mainQueueOutdated = false;
    try {
      await ch.assertQueue(main.name, { durable: true, arguments: main.arguments });
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
      mainQueueOutdated = true;
      ch = await open();
      await ch.checkQueue(main.name);
    }
    for (const key of opts.routingKeys) await ch.bindQueue(main.name, opts.exchange, key);
    return { mainQueueOutdated };
  } finally {
    await ch.close().catch(() => undefined);
  }
}

/** Deletes what declareConsumerTopology declared (tests, decommissioning a consumer). */
export async function deleteConsumerTopology(
  ch: Channel,
  topology: ConsumerTopology,
): Promise<void> {
  for (const q of [topology.main, ...topology.retries, topology.dlq]) await ch.deleteQueue(q.name);
}
