import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { CatalogMoviePublishedV1, CatalogMovieUnpublishedV1 } from '@kavosh/contracts';
import { defineHandler, Messaging } from '@kavosh/messaging';
import type { KavoshApp } from '@kavosh/service-kit';
import { eventually, type TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startCatalog } from '../../test/helper.js';
import { authAs, insertGenre, insertPerson } from '../../test/catalog-fixtures.js';

// A consumer on the app's own isolated exchange, as social would bind: what the relay publishes
// must pass the contracts' schemas (the consumer checks each event before its handler runs).
describe('movie events on the broker', () => {
  let svc: TestService<KavoshApp>;
  let db: Database;
  let probe: Messaging<Parameters<Parameters<Database['$transaction']>[0]>[0]>;
  const received: { type: string; data: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    svc = await startCatalog();
    db = createDatabase(svc.databaseUrl);
    probe = await Messaging.start({
      service: 'catalog-probe',
      url: svc.infra.amqpUrl,
      prisma: db,
      logger: pino({ level: 'silent' }),
      isolation: { exchange: `${svc.prefix}.events`, queuePrefix: `${svc.prefix}.probe.` },
      // Bound before catalog publishes, even when the first AMQP connection is slow to open.
      startupWaitMs: 30_000,
    });
    const record = async (event: { type: string; data: Record<string, unknown> }) => {
      received.push({ type: event.type, data: event.data });
    };
    await probe.subscribe({
      queue: 'social.movies',
      handlers: {
        'catalog.movie.published.v1': defineHandler(CatalogMoviePublishedV1, record),
        'catalog.movie.unpublished.v1': defineHandler(CatalogMovieUnpublishedV1, record),
      },
    });
  });
  afterAll(async () => {
    await svc?.close();
    await probe?.close();
    await db?.$disconnect();
  });

  it('delivers published then unpublished, each matching its contract', async () => {
    const editor = await authAs('editor');
    const genre = await insertGenre(db, 'Broker');
    const person = await insertPerson(db, 'Relay Person');
    const created = await svc.app.inject({
      method: 'POST',
      url: '/movies',
      headers: editor,
      payload: {
        title: 'On The Wire',
        synopsis: 'Events travel.',
        year: 2025,
        streamKey: 'streams/wire',
        genreIds: [genre.id],
        credits: [{ personId: person.id, role: 'director' }],
      },
    });
    const { id } = created.json<{ id: string }>();
    for (const action of ['publish', 'unpublish']) {
      const res = await svc.app.inject({
        method: 'POST',
        url: `/movies/${id}/${action}`,
        headers: editor,
      });
      expect(res.statusCode).toBe(200);
    }
    await eventually(() => expect(received).toHaveLength(2), { within: 15_000 });
    expect(received.map((e) => e.type)).toEqual([
      'catalog.movie.published.v1',
      'catalog.movie.unpublished.v1',
    ]);
    expect(received[0]?.data).toMatchObject({
      movieId: id,
      slug: 'on-the-wire-2025',
      title: 'On The Wire',
      year: 2025,
      genreIds: [genre.id],
      peopleIds: [person.id],
      tier: 'free',
    });
    expect(received[1]?.data).toMatchObject({ movieId: id });
  });
});
