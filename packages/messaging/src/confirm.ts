import type { ConfirmChannel, Message, Options } from 'amqplib';

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

/** Publishes a copy of msg to a queue (via the default exchange) with extra headers; confirmed. */
export function forwardCopy(
  ch: ConfirmChannel,
  msg: Message,
  queue: string,
  headers: Record<string, unknown>,
): Promise<void> {
  return publishConfirmed(ch, '', queue, msg.content, {
    messageId: msg.properties.messageId,
    contentType: msg.properties.contentType,
    type: msg.properties.type,
    headers: { ...withoutDeathHeaders(msg.properties.headers), ...headers },
  });
}
