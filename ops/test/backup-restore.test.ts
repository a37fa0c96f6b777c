import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect as connectAmqp } from 'amqplib';
import mariadb, { type Pool } from 'mariadb';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@kavosh/db';
import { Broker, OutboxRelay, poolRunner } from '@kavosh/messaging';
import { createTestDatabase, eventually, getInfra, type TestDatabase } from '@kavosh/testing';
import { backupSchema, restoreSchema, RestoreError, type BackupManifest } from './support/tool.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// A real service's migrations: catalog has domain tables plus the messaging outbox and inbox.
const CATALOG_MIGRATIONS = path.join(ROOT, 'services/catalog/prisma/migrations');

const databases: TestDatabase[] = [];
const pools: Pool[] = [];
let scratch: string;

async function database(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase({ label });
  databases.push(db);
  return db;
}

function pool(url: string): Pool {
  const u = new URL(url);
  const p = mariadb.createPool({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username) || 'root',
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    connectionLimit: 4,
  });
  pools.push(p);
  return p;
}

async function count(p: Pool, sql: string): Promise<number> {
  const [row]: { n: bigint | number }[] = await p.query(sql);
  return Number(row?.n ?? -1);
}

async function schemaExists(name: string, p: Pool): Promise<boolean> {
  return (
    (await count(
      p,
      `SELECT COUNT(*) AS n FROM information_schema.schemata WHERE schema_name = '${name}'`,
    )) === 1
  );
}

/** A copy of the catalog migrations holding only the first n folders (an older or newer code). */
async function migrationsUpTo(n: number): Promise<string> {
  const dir = await mkdtemp(path.join(scratch, 'migrations-'));
  const names = (await readdir(CATALOG_MIGRATIONS, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .slice(0, n);
  for (const name of names)
    await cp(path.join(CATALOG_MIGRATIONS, name), path.join(dir, name), { recursive: true });
  return dir;
}

/**
 * Writes as catalog does: each transaction adds a genre, its outbox event and an inbox row for an
 * event consumed in the same transaction; a relay marks the oldest unsent events sent. Every
 * consistent snapshot therefore has genres = outbox = inbox rows, one outbox row per genre.
 */
function startWriter(p: Pool) {
  let committed = 0;
  let stopped = false;
  const write = async () => {
    while (!stopped) {
      const conn = await p.getConnection();
      try {
        await conn.beginTransaction();
        const genre = randomUUID();
        const n = randomUUID().slice(0, 8);
        await conn.query('INSERT INTO genres (id, slug, name) VALUES (?, ?, ?)', [
          genre,
          `g-${n}`,
          `Genre ${n} ü`,
        ]);
        const eventId = randomUUID();
        await conn.query(
          'INSERT INTO outbox (event_id, type, subject, envelope) VALUES (?, ?, ?, ?)',
          [
            eventId,
            'catalog.genre.created',
            genre,
            JSON.stringify({ id: eventId, data: { genre } }),
          ],
        );
        await conn.query('INSERT INTO inbox (consumer, event_id) VALUES (?, ?)', [
          'catalog.ops-test',
          randomUUID(),
        ]);
        await conn.commit();
        committed++;
      } catch (err) {
        await conn.rollback().catch(() => undefined);
        throw err;
      } finally {
        await conn.release();
      }
    }
  };
  let relayPaused = false;
  let relayIdle = false;
  const relay = async () => {
    while (!stopped) {
      relayIdle = relayPaused;
      if (!relayPaused)
        await p.query(
          'UPDATE outbox SET sent_at = NOW(3) WHERE sent_at IS NULL ORDER BY id LIMIT 3',
        );
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const running = Promise.all([write(), write(), relay()]);
  return {
    committed: () => committed,
    /** Stops marking events sent (a relay behind or down) and waits for its last update. */
    pauseRelay: async () => {
      relayPaused = true;
      await eventually(() => expect(relayIdle).toBe(true), { within: 10_000 });
    },
    resumeRelay: () => {
      relayPaused = false;
    },
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

async function expectRefused(promise: Promise<unknown>, code: string): Promise<void> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RestoreError);
  expect((err as RestoreError).code).toBe(code);
}

describe('backup under write load and restore (catalog schema)', () => {
  let source: TestDatabase;
  let sourcePool: Pool;
  let backupDir: string;
  let manifest: BackupManifest;
  let committedAtEnd: number;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'kavosh-backup-'));
    source = await database('bk_src');
    await migrate({ databaseUrl: source.url, migrationsDir: CATALOG_MIGRATIONS });
    sourcePool = pool(source.url);
    const writer = startWriter(sourcePool);
    try {
      await eventually(() => expect(writer.committed()).toBeGreaterThan(200), {
        within: 30_000,
      });
      // Some events are unsent when the snapshot is taken; the relay marks them sent meanwhile.
      await writer.pauseRelay();
      const before = writer.committed();
      await eventually(() => expect(writer.committed()).toBeGreaterThan(before + 5), {
        within: 30_000,
      });
      const result = await backupSchema({
        service: 'catalog',
        databaseUrl: source.url,
        root: scratch,
        toolVersion: 'test',
        // Between tables the writer commits more rows: only a snapshot keeps them out of the later tables.
        afterTable: async () => {
          writer.resumeRelay();
          const at = writer.committed();
          await eventually(() => expect(writer.committed()).toBeGreaterThan(at + 5), {
            within: 30_000,
          });
        },
      });
      backupDir = result.dir;
      manifest = result.manifest;
    } finally {
      await writer.stop();
    }
    committedAtEnd = await count(sourcePool, 'SELECT COUNT(*) AS n FROM genres');
  }, 180_000);

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    for (const db of databases) await db.drop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const rowsOf = (name: string) => manifest.tables.find((t) => t.name === name)?.rows;

  it('writes one snapshot: outbox, inbox and domain rows agree, though writes went on during the backup', () => {
    expect(manifest.migrationLevel).toBe('20261207010000_messaging_fencing_parking');
    expect(manifest.migrations).toHaveLength(4);
    expect(rowsOf('_prisma_migrations')).toBe(4);
    expect(rowsOf('genres')).toBeGreaterThan(200);
    // Tables dumped after genres saw the writer's later commits only through the snapshot.
    expect(rowsOf('outbox')).toBe(rowsOf('genres'));
    expect(rowsOf('inbox')).toBe(rowsOf('genres'));
    expect(committedAtEnd).toBeGreaterThan(rowsOf('genres') ?? 0);
  });

  it('restores into a fresh schema with the manifest row counts and identical table contents', async () => {
    const target = await database('bk_dst');
    const result = await restoreSchema({
      service: 'catalog',
      backupDir,
      databaseUrl: target.url,
      migrationsDir: CATALOG_MIGRATIONS,
    });
    expect(result.migrated).toEqual([]);
    const p = pool(target.url);
    for (const table of manifest.tables) {
      expect([table.name, await count(p, `SELECT COUNT(*) AS n FROM \`${table.name}\``)]).toEqual([
        table.name,
        table.rows,
      ]);
    }
    // A backup of the restored schema hashes every table's rows to the original's hashes.
    const again = await backupSchema({
      service: 'catalog',
      databaseUrl: target.url,
      root: scratch,
      toolVersion: 'test',
    });
    const hashes = (m: BackupManifest) =>
      Object.fromEntries(m.tables.map((t) => [t.name, t.contentSha256]));
    expect(hashes(again.manifest)).toEqual(hashes(manifest));

    // Every event exactly once, each with its genre; unsent events stay unsent for the relay to send.
    expect(await count(p, 'SELECT COUNT(*) - COUNT(DISTINCT event_id) AS n FROM outbox')).toBe(0);
    expect(
      await count(p, 'SELECT COUNT(*) - COUNT(DISTINCT consumer, event_id) AS n FROM inbox'),
    ).toBe(0);
    expect(
      await count(
        p,
        'SELECT COUNT(*) AS n FROM genres g LEFT JOIN outbox o ON o.subject = g.id WHERE o.id IS NULL',
      ),
    ).toBe(0);
    const unsentInBackup = await count(p, 'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
    expect(unsentInBackup).toBeGreaterThan(0);
    // The restored AUTO_INCREMENT continues after the restored ids, so new events sort after them.
    const [maxId]: { n: bigint }[] = await p.query('SELECT MAX(id) AS n FROM outbox');
    await p.query("INSERT INTO outbox (event_id, type, envelope) VALUES (UUID(), 'x', '{}')");
    expect(await count(p, `SELECT COUNT(*) AS n FROM outbox WHERE id > ${String(maxId?.n)}`)).toBe(
      1,
    );
  });

  it('sends the events the backup held unsent once each after the restore, and no sent one again', async () => {
    const target = await database('bk_relay');
    await restoreSchema({
      service: 'catalog',
      backupDir,
      databaseUrl: target.url,
      migrationsDir: CATALOG_MIGRATIONS,
    });
    const p = pool(target.url);
    const unsent: { id: string }[] = await p.query(
      'SELECT event_id AS id FROM outbox WHERE sent_at IS NULL',
    );
    expect(unsent.length).toBeGreaterThan(0);

    // The real relay, on an exchange of this test's own with one queue bound to everything.
    const { amqpUrl } = await getInfra();
    const exchange = `t.backup.${randomUUID()}`;
    const amqp = await connectAmqp(amqpUrl);
    const ch = await amqp.createChannel();
    const received: string[] = [];
    const logger = pino({ level: 'silent' });
    const broker = await Broker.connect({ url: amqpUrl, name: 'ops-backup-test', logger });
    const relay = new OutboxRelay({
      prisma: poolRunner(p),
      broker,
      logger,
      exchange,
      pollIntervalMs: 100,
    });
    try {
      await ch.assertExchange(exchange, 'topic', { durable: false, autoDelete: true });
      const { queue } = await ch.assertQueue('', { exclusive: true });
      await ch.bindQueue(queue, exchange, '#');
      await ch.consume(
        queue,
        (msg) => {
          if (msg) received.push(String(msg.properties.messageId));
        },
        { noAck: true },
      );
      relay.start();
      await eventually(
        async () =>
          expect(await count(p, 'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL')).toBe(0),
        { within: 30_000 },
      );
      await eventually(() => expect(received.length).toBeGreaterThanOrEqual(unsent.length), {
        within: 10_000,
      });
      expect(received.toSorted()).toEqual(unsent.map((r) => r.id).toSorted());
    } finally {
      await relay.stop();
      await broker.close();
      await amqp.close();
    }
  });

  it('refuses a corrupt file before touching the target', async () => {
    const copy = await mkdtemp(path.join(scratch, 'corrupt-'));
    await cp(backupDir, copy, { recursive: true });
    const file = path.join(copy, 'genres.ndjson.gz');
    const bytes = await readFile(file);
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8((bytes[middle] ?? 0) ^ 0xff, middle);
    await writeFile(file, bytes);
    const name = `t_bk_never_${randomUUID().slice(0, 8)}`;
    const url = new URL(source.url);
    url.pathname = `/${name}`;
    await expectRefused(
      restoreSchema({
        service: 'catalog',
        backupDir: copy,
        databaseUrl: url.toString(),
        migrationsDir: CATALOG_MIGRATIONS,
      }),
      'CORRUPT_BACKUP',
    );
    expect(await schemaExists(name, sourcePool)).toBe(false);
  });

  it('refuses a truncated file into an empty schema and leaves it empty', async () => {
    const copy = await mkdtemp(path.join(scratch, 'truncated-'));
    await cp(backupDir, copy, { recursive: true });
    const file = path.join(copy, 'outbox.ndjson.gz');
    const entry = manifest.tables.find((t) => t.name === 'outbox');
    await truncate(file, Math.floor((entry?.bytes ?? 0) / 2));
    const target = await database('bk_trunc');
    await expectRefused(
      restoreSchema({
        service: 'catalog',
        backupDir: copy,
        databaseUrl: target.url,
        migrationsDir: CATALOG_MIGRATIONS,
      }),
      'CORRUPT_BACKUP',
    );
    expect(
      await count(
        pool(target.url),
        `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = '${target.name}'`,
      ),
    ).toBe(0);
  });

  it('refuses a manifest whose row count was edited', async () => {
    const copy = await mkdtemp(path.join(scratch, 'edited-'));
    await cp(backupDir, copy, { recursive: true });
    const edited = {
      ...manifest,
      tables: manifest.tables.map((t) => (t.name === 'inbox' ? { ...t, rows: t.rows + 1 } : t)),
    };
    await writeFile(path.join(copy, 'manifest.json'), JSON.stringify(edited));
    const target = await database('bk_edit');
    await expectRefused(
      restoreSchema({
        service: 'catalog',
        backupDir: copy,
        databaseUrl: target.url,
        migrationsDir: CATALOG_MIGRATIONS,
      }),
      'CORRUPT_BACKUP',
    );
  });

  it('refuses a backup newer than the code, before touching the target', async () => {
    const olderCode = await migrationsUpTo(3);
    const target = await database('bk_newer');
    await expectRefused(
      restoreSchema({
        service: 'catalog',
        backupDir,
        databaseUrl: target.url,
        migrationsDir: olderCode,
      }),
      'NEWER_MIGRATION_LEVEL',
    );
    expect(
      await count(
        pool(target.url),
        `SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = '${target.name}'`,
      ),
    ).toBe(0);
  });

  it('refuses a non-empty target and leaves its rows alone', async () => {
    const before = await count(sourcePool, 'SELECT COUNT(*) AS n FROM genres');
    await expectRefused(
      restoreSchema({
        service: 'catalog',
        backupDir,
        databaseUrl: source.url,
        migrationsDir: CATALOG_MIGRATIONS,
      }),
      'TARGET_NOT_EMPTY',
    );
    expect(await count(sourcePool, 'SELECT COUNT(*) AS n FROM genres')).toBe(before);
  });

  it('refuses a backup of another service', async () => {
    const target = await database('bk_other');
    await expectRefused(
      restoreSchema({
        service: 'social',
        backupDir,
        databaseUrl: target.url,
        migrationsDir: CATALOG_MIGRATIONS,
      }),
      'WRONG_SERVICE',
    );
  });

  it('restores an older backup and then applies the migrations the code added since', async () => {
    const older = await database('bk_old');
    await migrate({ databaseUrl: older.url, migrationsDir: await migrationsUpTo(3) });
    const p = pool(older.url);
    await p.query(
      "INSERT INTO outbox (event_id, type, envelope) VALUES (UUID(), 'catalog.old', '{}')",
    );
    const { dir, manifest: oldManifest } = await backupSchema({
      service: 'catalog',
      databaseUrl: older.url,
      root: scratch,
      toolVersion: 'test',
    });
    expect(oldManifest.migrationLevel).toBe('20261129150300_c3_erased_users');

    const target = await database('bk_upgraded');
    const result = await restoreSchema({
      service: 'catalog',
      backupDir: dir,
      databaseUrl: target.url,
      migrationsDir: CATALOG_MIGRATIONS,
    });
    expect(result.migrated).toEqual(['20261207010000_messaging_fencing_parking']);
    const t = pool(target.url);
    // The column the newer migration adds exists, and the restored event is there once, unsent.
    expect(
      await count(
        t,
        'SELECT COUNT(*) AS n FROM outbox WHERE parked_at IS NULL AND sent_at IS NULL',
      ),
    ).toBe(1);
    expect(
      await count(t, 'SELECT COUNT(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL'),
    ).toBe(4);
  });
});
