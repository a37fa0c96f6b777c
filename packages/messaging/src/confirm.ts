import type { ConfirmChannel, Message, Options } from 'amqplib';
import { UnroutableError } from './errors.js';

/** Publishes on a confirm channel and resolves once the broker has the message. */
export function publishConfirmed(
  ch: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    ch.publish(exchange, routingKey, content, { persistent: true, ...options }, (err: unknown) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
    );
  });
}

/** Headers RabbitMQ adds when it dead-letters; they are not ours to copy onto a new message. */
export function withoutDeathHeaders(
  headers: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k === 'x-death' || k.startsWith('x-first-death') || k.startsWith('x-last-death')) continue;
    out[k] = v;
  }
  return out;
}

/** Per channel: message ids the broker returned (basic.return) whose confirm has not arrived yet. */
const returnedOn = new WeakMap<ConfirmChannel, Map<string, number>>();

function returnsOf(ch: ConfirmChannel): Map<string, number> {
  let returned = returnedOn.get(ch);
  if (!returned) {
    const map = new Map<string, number>();
    ch.on('return', (msg: Message) => {
      const id = String(msg.properties.messageId ?? '');
      map.set(id, (map.get(id) ?? 0) + 1);
    });
    returnedOn.set(ch, map);
    returned = map;
  }
  return returned;
}

/**
 * Publishes a copy of msg to a queue (via the default exchange) with extra headers; confirmed.
 * Mandatory: a copy to a queue that does not exist (deleted by hand) is returned, and rejects with
 * UnroutableError instead of being confirmed and lost.
 */
export async function forwardCopy(
  ch: ConfirmChannel,
  msg: Message,
  queue: string,
  headers: Record<string, unknown>,
  /** The channel's own user: RabbitMQ refuses any other user_id, so the original's cannot be kept. */
  userId?: string,
): Promise<void> {
  const returned = returnsOf(ch);
  const id = String(msg.properties.messageId ?? '');
  const merged: Record<string, unknown> = {
    ...withoutDeathHeaders(msg.properties.headers),
    ...headers,
  };
  // undefined means "drop it": amqplib would otherwise encode the key with a void value.
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  await publishConfirmed(ch, '', queue, msg.content, {
    messageId: msg.properties.messageId,
    contentType: msg.properties.contentType,
    type: msg.properties.type,
    headers: merged,
    mandatory: true,
    ...(userId !== undefined ? { userId } : {}),
  });
  // RabbitMQ sends basic.return before the basic.ack of the same message.
  const n = returned.get(id) ?? 0;
  if (n > 0) {
    if (n === 1) returned.delete(id);
    else returned.set(id, n - 1);
    throw new UnroutableError(`no queue ${queue}: the copy was returned`);
  }
}
