// Catalog read path through the service: GET /movies cached in Redis vs uncached (CATALOG_CACHE=off),
// 304 revalidation, one movie's detail, and search p50/p99 over a seeded catalog beside the same
// FULLTEXT query sent to MariaDB directly. The database is migrated and seeded by catalog's own
// main.ts (SEED_DEMO_DATA, SEED_DEMO_MOVIES). Needs MariaDB, RabbitMQ and Redis running and
// catalog's Prisma client (`npx nx run catalog:generate`).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createConnection, createPool, type Pool } from 'mariadb';
import { freePort } from '@kavosh/testing';
import { hasTaskset, runLoad } from './lib/processes.js';
import type { LoadSummary } from './lib/load.js';
import type { BenchContext, Benchmark, BenchResult } from './lib/types.js';

const ADMIN_URL = process.env.MYSQL_ADMIN_URL ?? 'mysql://root@127.0.0.1:3306';
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CATALOG_DIR = fileURLToPath(new URL('../services/catalog/', import.meta.url));
const NODE_ARGS = ['--import', 'tsx', '--conditions=source'];
const CONNECTIONS = 50;
const SEARCH_CLIENTS = 16;
// The same expression the service builds for these plain words (src/movies/search.ts).
const SEARCH_SQL =
  'SELECT id, MATCH(title, original_title, synopsis, people_names) AGAINST (? IN BOOLEAN MODE) AS score ' +
  "FROM movies WHERE status = 'published' AND MATCH(title, original_title, synopsis, people_names) " +
  'AGAINST (? IN BOOLEAN MODE) ORDER BY score DESC, id LIMIT 21';

const round = (n: number, digits = 2): number => Number(n.toFixed(digits));
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

interface Catalog {
  base: string;
  pid: number;
  child: ChildProcess;
}

/** User + system CPU time of a process so far, in microseconds (Linux /proc, USER_HZ 100). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
}

async function startCatalog(
  env: Record<string, string>,
  cpu: number | undefined,
  readyTimeoutMs = 60_000,
): Promise<Catalog> {
  const port = await freePort();
  const node = [process.execPath, ...NODE_ARGS, 'src/main.ts'];
  const [cmd, ...args] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node];
  const child = spawn(cmd ?? process.execPath, args, {
    cwd: CATALOG_DIR,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null || child.pid === undefined) {
      child.kill('SIGKILL');
      throw new Error('catalog did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (child.pid === undefined) throw new Error('catalog has no pid');
  return { base, pid: child.pid, child };
}

async function stopCatalog(catalog: Catalog | undefined): Promise<void> {
  if (!catalog || catalog.child.exitCode !== null) return;
  const exited = new Promise((resolve) => catalog.child.once('exit', resolve));
  catalog.child.kill('SIGTERM');
  await exited;
}

interface LatencyStats {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  n: number;
}

/** Closed-loop load: `workers` loops each run `once` until the deadline; all latencies. */
async function closedLoop(
  workers: number,
  seconds: number,
  once: (i: number) => Promise<void>,
): Promise<LatencyStats> {
  const latencies: number[] = [];
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await once(i++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    perSecond: round(latencies.length / ((performance.now() - start) / 1000), 1),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    n: latencies.length,
  };
}

/** Search words drawn from the seeded data: some in many rows, some in few. */
async function pickSearchTerms(pool: Pool, count: number): Promise<string[]> {
  const rows: { title: string; synopsis: string | null }[] = await pool.query(
    "SELECT title, synopsis FROM movies WHERE status = 'published' ORDER BY id LIMIT 500",
  );
  const frequency = new Map<string, number>();
  for (const row of rows) {
    const words = `${row.title} ${row.synopsis ?? ''}`.toLowerCase().split(/[^\p{L}]+/u);
    for (const word of new Set(words.filter((w) => w.length >= 4))) {
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
  }
  const byFrequency = [...frequency.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
  );
  if (byFrequency.length < count) throw new Error('the seeded catalog has too few words');
  // Evenly spread from the most common word to the rarest: frequent words are the slow case.
  const step = (byFrequency.length - 1) / (count - 1);
  const single = Array.from(
    { length: count },
    (_, i) => byFrequency[Math.round(i * step)]?.[0] ?? '',
  );
  return [...single, `${single[0]} ${single[count - 1]}`, `${single[1]} ${single[count - 2]}`];
}

function expectOk(label: string, load: LoadSummary, expected: 'ok' | 'not-modified'): void {
  if (load.errors > 0) throw new Error(`${label}: ${load.errors} errors`);
  if (load.totalRequests === 0) throw new Error(`${label}: no request was answered`);
  // autocannon counts 304 as non-2xx: a revalidation run must have nothing else.
  const wrong = expected === 'ok' ? load.non2xx : load.totalRequests - load.non2xx;
  if (wrong > 0) throw new Error(`${label}: ${wrong} answers with an unexpected status`);
}

interface Variant {
  key: string;
  label: string;
  server: Catalog;
  path: string;
  headers?: Record<string, string>;
  expected: 'ok' | 'not-modified';
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  cpu: number;
}

interface SummaryRow extends Sample {
  label: string;
}

type SearchRow = [key: string, label: string, stats: LatencyStats];

/** A fresh, empty database for one bench run, and the admin connection that drops it. */
async function createBenchDatabase(suffix: string) {
  const dbName = `bench_catalog_${suffix}`;
  const adminUrl = new URL(ADMIN_URL);
  const admin = await createConnection({
    host: adminUrl.hostname,
    port: Number(adminUrl.port || 3306),
    user: decodeURIComponent(adminUrl.username || 'root'),
    password: decodeURIComponent(adminUrl.password),
  });
  await admin.query(`CREATE DATABASE ${dbName} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  return { admin, adminUrl, dbName, databaseUrl: dbUrl.toString() };
}

/**
 * Migrates the empty database and seeds `movies` movies the way the service does it at start: a
 * catalog (unpinned) with MIGRATE_ON_START and SEED_DEMO_DATA, stopped once it is ready, since it
 * seeds before it listens. The seconds from its start to ready (start, migration and seed).
 */
async function seedCatalog(
  ctx: BenchContext,
  env: Record<string, string>,
  movies: number,
): Promise<number> {
  const seedStart = performance.now();
  const seeder = await startCatalog(
    {
      ...env,
      MIGRATE_ON_START: 'true',
      SEED_DEMO_DATA: 'true',
      SEED_DEMO_MOVIES: String(movies),
    },
    undefined,
    // 10,000 movies take about 15 s on an idle machine; this one is shared.
    600_000,
  );
  const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
  await stopCatalog(seeder);
  ctx.log(`migrated and seeded ${movies} movies in ${seedSeconds} s (catalog start to ready)`);
  return seedSeconds;
}

/** One catalog with the Redis cache and one with CATALOG_CACHE=off, both on `cpu` when given. */
async function startBothCatalogs(
  env: Record<string, string>,
  cpu: number | undefined,
  servers: Catalog[],
): Promise<{ cached: Catalog; uncached: Catalog }> {
  const started = await Promise.allSettled([
    startCatalog({ ...env, CATALOG_CACHE: 'on' }, cpu),
    startCatalog({ ...env, CATALOG_CACHE: 'off' }, cpu),
  ]);
  for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
  const [cached, uncached] = servers;
  if (!cached || !uncached || servers.length !== 2) throw new Error('catalog did not start');
  return { cached, uncached };
}

/** The list's ETag and a movie's slug, checking that both answer and that revalidation is a 304. */
async function probeCatalog(cached: Catalog): Promise<{ listEtag: string; slug: string }> {
  const list = await fetch(`${cached.base}/movies?limit=20`);
  const listEtag = list.headers.get('etag');
  const page: unknown = await list.json();
  if (!list.ok || listEtag === null) throw new Error(`GET /movies answered ${list.status}`);
  const slug = firstSlug(page);
  const detail = await fetch(`${cached.base}/movies/${slug}`);
  const detailEtag = detail.headers.get('etag');
  if (!detail.ok || detailEtag === null) throw new Error(`GET /movies/${slug}: ${detail.status}`);
  const revalidate = await fetch(`${cached.base}/movies?limit=20`, {
    headers: { 'if-none-match': listEtag },
  });
  if (revalidate.status !== 304) throw new Error(`revalidation answered ${revalidate.status}`);
  return { listEtag, slug };
}

function readVariants(
  cached: Catalog,
  uncached: Catalog,
  { listEtag, slug }: { listEtag: string; slug: string },
): Variant[] {
  return [
    {
      key: 'list_cached',
      label: 'GET /movies?limit=20, cached',
      server: cached,
      path: '/movies?limit=20',
      expected: 'ok',
    },
    {
      key: 'list_uncached',
      label: 'GET /movies?limit=20, cache off',
      server: uncached,
      path: '/movies?limit=20',
      expected: 'ok',
    },
    {
      key: 'list_304_cached',
      label: 'same, If-None-Match → 304, cached',
      server: cached,
      path: '/movies?limit=20',
      headers: { 'if-none-match': listEtag },
      expected: 'not-modified',
    },
    {
      key: 'list_304_uncached',
      label: 'same, If-None-Match → 304, cache off',
      server: uncached,
      path: '/movies?limit=20',
      headers: { 'if-none-match': listEtag },
      expected: 'not-modified',
    },
    {
      key: 'detail_cached',
      label: 'GET /movies/:slug, cached',
      server: cached,
      path: `/movies/${slug}`,
      expected: 'ok',
    },
    {
      key: 'detail_uncached',
      label: 'GET /movies/:slug, cache off',
      server: uncached,
      path: `/movies/${slug}`,
      expected: 'ok',
    },
  ];
}

/** Each variant under autocannon, `runs` times interleaved; the samples by variant key. */
async function measureReads(
  ctx: BenchContext,
  variants: Variant[],
  opts: { loadCpu: number | undefined; seconds: number; runs: number; warmUp: boolean },
): Promise<Map<string, Sample[]>> {
  const { loadCpu, seconds, runs } = opts;
  // Warm-up: JIT, the pool's connections, and the cache entry (a slug's first read maps it).
  for (const variant of opts.warmUp ? variants : []) {
    await runLoad(`${variant.server.base}${variant.path}`, {
      cpu: loadCpu,
      connections: CONNECTIONS,
      durationSeconds: 1,
      ...(variant.headers ? { headers: variant.headers } : {}),
    });
  }
  const samples = new Map<string, Sample[]>(variants.map((v) => [v.key, []]));
  // Interleaved so that a slow minute of the shared machine hits every variant alike.
  for (let run = 1; run <= runs; run++) {
    for (const variant of variants) {
      const before = cpuMicros(variant.server.pid);
      const load = await runLoad(`${variant.server.base}${variant.path}`, {
        cpu: loadCpu,
        connections: CONNECTIONS,
        durationSeconds: seconds,
        ...(variant.headers ? { headers: variant.headers } : {}),
      });
      expectOk(variant.label, load, variant.expected);
      const cpu = (cpuMicros(variant.server.pid) - before) / load.totalRequests;
      samples.get(variant.key)?.push({
        rps: load.requestsPerSecond,
        p50: load.latencyP50Ms,
        p99: load.latencyP99Ms,
        cpu,
      });
      ctx.log(
        `run ${run}/${runs} ${variant.label}: ${Math.round(load.requestsPerSecond)} req/s, p99 ${load.latencyP99Ms} ms`,
      );
    }
  }
  return samples;
}

/**
 * Search through the service with the cache off (every query reaches MariaDB), then the same
 * MATCH straight on MariaDB: the difference is what the service adds.
 */
async function measureSearch(
  ctx: BenchContext,
  uncached: Catalog,
  pool: Pool,
  opts: { seconds: number; warmUp: boolean },
): Promise<{ terms: string[]; rows: SearchRow[] }> {
  const terms = await pickSearchTerms(pool, 8);
  ctx.log(`search terms: ${terms.join(', ')}`);
  const searchOnce = async (i: number) => {
    const q = terms[i % terms.length] ?? '';
    const res = await fetch(`${uncached.base}/movies?limit=20&q=${encodeURIComponent(q)}`);
    if (!res.ok) throw new Error(`search ${q}: ${res.status}`);
    await res.arrayBuffer();
  };
  const sqlOnce = async (i: number) => {
    const q = terms[i % terms.length] ?? '';
    await pool.query(SEARCH_SQL, [q, q]);
  };
  if (opts.warmUp) await closedLoop(4, 1, searchOnce);
  const searchSerial = await closedLoop(1, opts.seconds, searchOnce);
  const searchParallel = await closedLoop(SEARCH_CLIENTS, opts.seconds, searchOnce);
  const sqlSerial = await closedLoop(1, opts.seconds, sqlOnce);
  const sqlParallel = await closedLoop(SEARCH_CLIENTS, opts.seconds, sqlOnce);
  ctx.log(`search: service p50 ${searchSerial.p50Ms} ms, MariaDB alone p50 ${sqlSerial.p50Ms} ms`);
  return {
    terms,
    rows: [
      ['search_service_c1', 'search through the service, 1 client', searchSerial],
      [
        'search_service_c16',
        `search through the service, ${SEARCH_CLIENTS} clients`,
        searchParallel,
      ],
      ['search_mariadb_c1', 'same MATCH on MariaDB directly, 1 client', sqlSerial],
      [
        'search_mariadb_c16',
        `same MATCH on MariaDB directly, ${SEARCH_CLIENTS} clients`,
        sqlParallel,
      ],
    ],
  };
}

/** The median of each variant's samples, by variant key. */
function summarize(variants: Variant[], samples: Map<string, Sample[]>): Map<string, SummaryRow> {
  return new Map(
    variants.map((variant) => {
      const list = samples.get(variant.key) ?? [];
      return [
        variant.key,
        {
          label: variant.label,
          rps: median(list.map((s) => s.rps)),
          p50: median(list.map((s) => s.p50)),
          p99: median(list.map((s) => s.p99)),
          cpu: median(list.map((s) => s.cpu)),
        },
      ];
    }),
  );
}

function figuresOf(
  summary: Map<string, SummaryRow>,
  searchRows: SearchRow[],
  base: { movies: number; seedSeconds: number },
): BenchResult['figures'] {
  const rpsOf = (key: string) => summary.get(key)?.rps ?? NaN;
  const figures: BenchResult['figures'] = { movies: base.movies, seed_seconds: base.seedSeconds };
  for (const [key, row] of summary) {
    figures[`${key}_rps`] = Math.round(row.rps);
    figures[`${key}_p50_ms`] = row.p50;
    figures[`${key}_p99_ms`] = row.p99;
    figures[`${key}_cpu_us_per_request`] = round(row.cpu, 1);
  }
  figures.list_cached_to_uncached = round(rpsOf('list_cached') / rpsOf('list_uncached'), 1);
  figures.detail_cached_to_uncached = round(rpsOf('detail_cached') / rpsOf('detail_uncached'), 1);
  // CPU per request is steadier than req/s when other work shares the machine.
  const cpuOf = (key: string) => summary.get(key)?.cpu ?? NaN;
  figures.list_cpu_uncached_to_cached = round(cpuOf('list_uncached') / cpuOf('list_cached'), 1);
  figures.detail_cpu_uncached_to_cached = round(
    cpuOf('detail_uncached') / cpuOf('detail_cached'),
    1,
  );
  for (const [key, , stats] of searchRows) {
    figures[`${key}_per_s`] = stats.perSecond;
    figures[`${key}_p50_ms`] = stats.p50Ms;
    figures[`${key}_p99_ms`] = stats.p99Ms;
  }
  return figures;
}

function resultNotes(figures: BenchResult['figures'], terms: string[]): string[] {
  return [
    `Goal: cached / uncached list >= 10x; measured ${figures.list_cached_to_uncached}x in ` +
      `req/s, ${figures.list_cpu_uncached_to_cached}x in catalog CPU per request. ` +
      'MariaDB and Redis share the two cores with the load generator, so the uncached rows ' +
      'include their CPU, and the server CPU column only the catalog process.',
    `Search terms (${terms.length}, from frequent to rare, then two pairs): ${terms.join(', ')}.`,
    'Baseline (MEASURED.md, 10k movies): FULLTEXT ranked 1-2 words p50 0.3-0.9 ms, a word in ' +
      '20-70 % of rows p50 6-7 ms; compare the MariaDB-direct rows of this run, not absolutes.',
  ];
}

function resultTable(
  summary: Map<string, SummaryRow>,
  searchRows: SearchRow[],
): BenchResult['table'] {
  return {
    columns: ['measurement', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req'],
    rows: [
      ...[...summary.values()].map((row) => [
        row.label,
        Math.round(row.rps),
        row.p50,
        row.p99,
        round(row.cpu, 1),
      ]),
      ...searchRows.map(([, label, stats]) => [
        label,
        stats.perSecond,
        stats.p50Ms,
        stats.p99Ms,
        '',
      ]),
    ],
  };
}

export const benchmark: Benchmark = {
  name: 'catalog',
  description:
    'Catalog (pinned to core 0, autocannon on core 1, MariaDB and Redis unpinned) on a fresh ' +
    `database of seeded movies: GET /movies and GET /movies/:slug with the Redis cache and with ` +
    `CATALOG_CACHE=off, ${CONNECTIONS} connections, median of 3 interleaved runs; 304 revalidation; ` +
    `search p50/p99 through the service (cache off) beside the same FULLTEXT query on MariaDB.`,
  async run(ctx): Promise<BenchResult> {
    const quick = ctx.quick;
    const movies = quick ? 300 : 10_000;
    const seconds = quick ? 2 : 8;
    const searchSeconds = quick ? 1 : 8;
    const runs = quick ? 1 : 3;
    const notes: string[] = [];
    const pin = hasTaskset() && ctx.cpuCount >= 2;
    if (!pin) notes.push('taskset or a second core is missing: nothing was pinned.');
    if (quick) {
      notes.push(
        `BENCH_QUICK=1: ${movies} movies, ${seconds} s runs, no warm-up; a smoke test only.`,
      );
    }

    const suffix = randomBytes(3).toString('hex');
    const { admin, adminUrl, dbName, databaseUrl } = await createBenchDatabase(suffix);
    const posterDir = mkdtempSync(join(tmpdir(), 'bench-catalog-'));
    const servers: Catalog[] = [];
    let pool: Pool | undefined;
    try {
      const env = {
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        AMQP_URL,
        REDIS_URL,
        MIGRATE_ON_START: 'false',
        SEED_DEMO_DATA: 'false',
        CURSOR_SECRET: randomBytes(32).toString('hex'),
        MEDIA_SIGNING_SECRET: randomBytes(32).toString('hex'),
        POSTER_DIR: posterDir,
        CACHE_KEY_PREFIX: `bench-catalog-${suffix}:`,
      };
      const seedSeconds = await seedCatalog(ctx, env, movies);
      const { cached, uncached } = await startBothCatalogs(env, pin ? 0 : undefined, servers);
      ctx.log('both catalogs are ready');

      const variants = readVariants(cached, uncached, await probeCatalog(cached));
      const loadCpu = pin ? 1 : undefined;
      const samples = await measureReads(ctx, variants, { loadCpu, seconds, runs, warmUp: !quick });

      pool = createPool({
        host: adminUrl.hostname,
        port: Number(adminUrl.port || 3306),
        user: decodeURIComponent(adminUrl.username || 'root'),
        password: decodeURIComponent(adminUrl.password),
        database: dbName,
        connectionLimit: SEARCH_CLIENTS,
      });
      const search = await measureSearch(ctx, uncached, pool, {
        seconds: searchSeconds,
        warmUp: !quick,
      });

      const summary = summarize(variants, samples);
      const figures = figuresOf(summary, search.rows, { movies, seedSeconds });
      notes.push(...resultNotes(figures, search.terms));
      return { figures, table: resultTable(summary, search.rows), notes };
    } finally {
      await Promise.all(servers.map((server) => stopCatalog(server)));
      await pool?.end();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
      rmSync(posterDir, { recursive: true, force: true });
      await deleteKeys(`bench-catalog-${suffix}:*`);
    }
  },
};

/** Removes what the cached catalog left in Redis (counters have no TTL). */
async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function firstSlug(page: unknown): string {
  if (typeof page === 'object' && page !== null && 'items' in page && Array.isArray(page.items)) {
    const [first]: unknown[] = page.items;
    if (
      typeof first === 'object' &&
      first !== null &&
      'slug' in first &&
      typeof first.slug === 'string'
    )
      return first.slug;
  }
  throw new Error('GET /movies gave no movie with a slug');
}
