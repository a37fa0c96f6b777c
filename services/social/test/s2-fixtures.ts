import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { testTokens } from '@kavosh/auth-client/testing';
import { Broker, createEvent, type CloudEvent } from '@kavosh/messaging';
import { eventually } from '@kavosh/testing';
import type { Database } from '../src/db.js';

// Fixtures of S2's tests (follows, feed, notifications): users with profiles, movies in the
// projection, tokens, and events published through the real broker as their producers would.

/** What startSocial() returns that the publisher needs: its broker and its isolation prefix. */
interface Isolated {
  infra: { amqpUrl: string };
  prefix: string;
}

export interface EventPublisher {
  event<T>(type: string, subject: string, data: T, id?: string): CloudEvent<T>;
  publish(event: CloudEvent): Promise<void>;
  /** Waits until the consumer `queue` (unprefixed) has committed the event (its inbox row). */
  handled(db: Database, queue: string, eventId: string): Promise<void>;
  close(): Promise<void>;
}

export async function eventPublisher(svc: Isolated): Promise<EventPublisher> {
  const broker = await Broker.connect({
    url: svc.infra.amqpUrl,
    name: `${svc.prefix}-s2-publisher`,
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
    publish: (event) =>
      broker.publish(exchange, event.type, Buffer.from(JSON.stringify(event)), {
        messageId: event.id,
        type: event.type,
      }),
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
    close: () => broker.close(),
  };
}

export interface TestUser {
  id: string;
  name: string;
  auth: { authorization: string };
}

/** A user social knows (a profile row, as S1's projection writes it) and their bearer token. */
export async function createUser(db: Database, name = `User ${randomUUID().slice(0, 8)}`) {
  const id = randomUUID();
  await db.profile.create({
    data: {
      userId: id,
      displayName: name,
      initials: name.slice(0, 2).toUpperCase(),
      roles: 'user',
      updatedAt: new Date(),
    },
  });
  const token = await (await testTokens()).tokenFor({ userId: id });
  return { id, name, auth: { authorization: `Bearer ${token}` } } satisfies TestUser;
}

/** A bearer token for a user social has no profile of. */
export async function strangerAuth(id = randomUUID()) {
  return { authorization: `Bearer ${await (await testTokens()).tokenFor({ userId: id })}` };
}

/** A published movie in the projection, in these genres. */
export async function publishedMovie(
  db: Database,
  genreIds: string[] = [],
  publishedAt = new Date(),
) {
  const id = randomUUID();
  await db.movie.create({
    data: {
      id,
      slug: `movie-${id}`,
      title: `Movie ${id.slice(0, 8)}`,
      published: true,
      publishedAt,
      stateAt: publishedAt,
    },
  });
  if (genreIds.length > 0) {
    await db.movieGenre.createMany({ data: genreIds.map((genreId) => ({ movieId: id, genreId })) });
  }
  return id;
}
