import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { testTokens } from '@kavosh/auth-client/testing';
import { Broker, createEvent, type CloudEvent } from '@kavosh/messaging';
import { eventually } from '@kavosh/testing';
import { createDatabase, type Database } from '../src/db.js';
import { applyPublished } from '../src/movies/repository.js';
import { applyProfile } from '../src/profiles/repository.js';
import { startSocial } from './helper.js';

// Fixtures of S1's tests (profiles, movies, ratings, comments, moderation): an app on its own
// database, users with tokens, published movies, events through the real broker, the outbox.

export type Svc = Awaited<ReturnType<typeof startSocial>>;

export interface S1Context {
  svc: Svc;
  db: Database;
  close(): Promise<void>;
}

export async function startS1(env: Record<string, string> = {}): Promise<S1Context> {
  const svc = await startSocial({ env });
  const db = createDatabase(svc.databaseUrl);
  return {
    svc,
    db,
    close: async () => {
      await db.$disconnect();
      await svc.close();
    },
  };
}

export type Role = 'user' | 'editor' | 'moderator' | 'admin';

export interface TestUser {
  id: string;
  auth: { authorization: string };
}

/** A user with a profile (as the projection writes it, when named) and a bearer token. */
export async function user(
  db: Database,
  opts: { name?: string | null; roles?: Role[] } = {},
): Promise<TestUser> {
  const id = randomUUID();
  const roles = opts.roles ?? ['user'];
  const name = opts.name === undefined ? `User ${id.slice(0, 4)}` : opts.name;
  if (name !== null) {
    await db.$transaction((tx) =>
      applyProfile(tx, { userId: id, displayName: name, initials: 'U', roles, at: new Date() }),
    );
  }
  const token = await (await testTokens()).tokenFor({ userId: id, roles });
  return { id, auth: { authorization: `Bearer ${token}` } };
}

/** A movie in the published projection, as the catalog's event puts it there. */
export async function publishedMovie(db: Database): Promise<string> {
  const movieId = randomUUID();
  await db.$transaction((tx) =>
    applyPublished(tx, {
      movieId,
      slug: `movie-${movieId.slice(0, 8)}`,
      title: 'A movie',
      genreIds: [],
      at: new Date(),
    }),
  );
  return movieId;
}

/** Events of a type written to the outbox, oldest first (the envelope as it will be published). */
export async function outboxEvents(
  db: Database,
  type: string,
  subject?: string,
): Promise<CloudEvent<Record<string, unknown>>[]> {
  const rows = await db.outboxEvent.findMany({
    where: { type, ...(subject ? { subject } : {}) },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => JSON.parse(row.envelope) as CloudEvent<Record<string, unknown>>);
}

export interface EventPublisher {
  event<T>(type: string, subject: string, data: T, id?: string): CloudEvent<T>;
  publish(event: CloudEvent): Promise<void>;
  /** Waits until the consumer `queue` (unprefixed) has committed the event (its inbox row). */
  handled(db: Database, queue: string, eventId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Publishes into the app's isolated exchange as the producing service's relay would; every
 * social test that feeds consumers uses this one.
 */
export async function eventPublisher(svc: {
  infra: { amqpUrl: string };
  prefix: string;
}): Promise<EventPublisher> {
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
