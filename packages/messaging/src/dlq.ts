import type { ChannelModel, GetMessage } from 'amqplib';
import { publishConfirmed, withoutDeathHeaders } from './confirm.js';
import { HEADERS, readAttempts, readHeaderString } from './retry.js';

export interface DlqMessage {
  eventId: string | undefined;
  type: string | undefined;
  attempts: number;
  error: string | undefined;
  firstFailure: string | undefined;
  deadLetteredAt: string | undefined;
  originalQueue: string | undefined;
  originalRoutingKey: string | undefined;
  headers: Record<string, unknown>;
  body: string;
}

/** `social.notifications` and `social.notifications.dlq` both name the same DLQ. */
export function dlqName(queue: string): string {
  return queue.endsWith('.dlq') ? queue : `${queue}.dlq`;
}

function eventIdOf(msg: GetMessage): string | undefined {
  if (typeof msg.properties.messageId === 'string') return msg.properties.messageId;
  try {
    const body: unknown = JSON.parse(msg.content.toString('utf8'));
    if (typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string')
      return body.id;
  } catch {
    // Not JSON (that may be why it is here): no id to show.
  }
  return undefined;
}

/** Why the broker itself dead-lettered a message (it has none of our headers then). */
function brokerReason(h: Record<string, unknown>): string | undefined {
  const reason = readHeaderString(h, 'x-first-death-reason');
  if (reason === undefined) return undefined;
  return reason === 'delivery_limit'
    ? 'delivery limit exceeded'
    : `dead-lettered by the broker: ${reason}`;
}

function describe(msg: GetMessage): DlqMessage {
  const h = msg.properties.headers ?? {};
  return {
    eventId: eventIdOf(msg),
    type: typeof msg.properties.type === 'string' ? msg.properties.type : undefined,
    attempts: readAttempts(h),
    error: readHeaderString(h, HEADERS.error) ?? brokerReason(h),
    firstFailure: readHeaderString(h, HEADERS.firstFailure),
    deadLetteredAt: readHeaderString(h, HEADERS.deadLetteredAt),
    originalQueue: readHeaderString(h, HEADERS.originalQueue),
    originalRoutingKey: readHeaderString(h, HEADERS.originalRoutingKey),
    headers: h,
    body: msg.content.toString('utf8'),
  };
}

// Takes every message without acking; closing the channel puts them all back.
async function drain(
  ch: { get(q: string, o: { noAck: boolean }): Promise<GetMessage | false> },
  queue: string,
  limit: number,
): Promise<GetMessage[]> {
  const out: GetMessage[] = [];
  while (out.length < limit) {
    const msg = await ch.get(queue, { noAck: false });
    if (!msg) break;
    out.push(msg);
  }
  return out;
}

// A channel error (e.g. no such queue) rejects the pending call; without a listener amqplib would
// also rethrow it as a connection error.
function quiet<T extends { on(event: 'error', fn: (err: Error) => void): unknown }>(ch: T): T {
  ch.on('error', () => undefined);
  return ch;
}

/** Lists the DLQ's messages (up to `limit`) without removing them. */
export async function listDlq(
  conn: ChannelModel,
  queue: string,
  opts: { limit?: number } = {},
): Promise<DlqMessage[]> {
  const ch = quiet(await conn.createChannel());
  try {
    await ch.checkQueue(dlqName(queue));
    return (await drain(ch, dlqName(queue), opts.limit ?? 10_000)).map(describe);
  } finally {
    await ch.close().catch(() => undefined);
  }
}

/**
 * Moves messages (all, or those of one event id) back to their original queue with the retry
 * count reset; each is removed from the DLQ only after the broker confirmed the copy. Returns how many.
 */
export async function replayDlq(
  conn: ChannelModel,
  queue: string,
  opts: {
    eventId?: string;
    /**
     * The connection's user (RabbitMQ refuses any other), set as the copies' user_id. Run as the
     * consumer's own service user, the consumer believes the publisher its DLQ copy recorded; a
     * copy from anyone else is refused again as not coming from the event's producer.
     */
    userId: string;
  },
): Promise<number> {
  const source = dlqName(queue);
  const ch = quiet(await conn.createConfirmChannel());
  try {
    await ch.checkQueue(source);
    let moved = 0;
    for (const msg of await drain(ch, source, 100_000)) {
      if (opts.eventId !== undefined && eventIdOf(msg) !== opts.eventId) continue;
      const headers = withoutDeathHeaders(msg.properties.headers);
      const target =
        readHeaderString(headers, HEADERS.originalQueue) ?? source.replace(/\.dlq$/, '');
      for (const name of Object.values(HEADERS)) delete headers[name];
      await publishConfirmed(ch, '', target, msg.content, {
        messageId: msg.properties.messageId,
        contentType: msg.properties.contentType,
        type: msg.properties.type,
        headers,
        userId: opts.userId,
      });
      ch.ack(msg);
      moved += 1;
    }
    return moved;
  } finally {
    await ch.close().catch(() => undefined);
  }
}

/** Deletes every message in the DLQ. Returns how many. */
export async function purgeDlq(conn: ChannelModel, queue: string): Promise<number> {
  const ch = quiet(await conn.createChannel());
  try {
    await ch.checkQueue(dlqName(queue));
    return (await ch.purgeQueue(dlqName(queue))).messageCount;
  } finally {
    await ch.close().catch(() => undefined);
  }
}
