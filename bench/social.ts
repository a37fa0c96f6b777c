// Social's live delivery, beside a bare `ws` + Redis relay measured in the same run: 1,000
// WebSockets across two social processes, one broadcast to all of them (a movie room), one
// user's pushes at 1,000/s, memory per idle socket, and GET /movies/:id/comments req/s. Social
// runs as its real process (src/main.ts from source) on a fresh database. Needs MariaDB,
// RabbitMQ and Redis running and social's Prisma client (`npx nx run social:generate`).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { createConnection } from 'mariadb';
import WebSocket from 'ws';
import { freePort } from '@kavosh/testing';
import { hasTaskset, runLoad } from './lib/processes.js';
import type { Benchmark, BenchContext, BenchResult } from './lib/types.js';

const ADMIN_URL = process.env.MYSQL_ADMIN_URL ?? 'mysql://root@127.0.0.1:3306';
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SOCIAL_DIR = fileURLToPath(new URL('../services/social/', import.meta.url));
const NODE_ARGS = ['--import', 'tsx', '--conditions=source'];
const ISSUER = 'http://bench.kavosh';
const AUDIENCE = 'kavosh';
const SOCKETS = 1_000;
/** One user's connections for the targeted run (MEASURED.md's baseline used 10). */
const USER_SOCKETS = 10;
const TARGETED_RATE = 1_000;
const CONNECT_CONCURRENCY = 25;

const round = (n: number, digits = 2): number => Number(n.toFixed(digits));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Stats {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(s, 50)),
    p99: round(percentile(s, 99)),
    max: round(s.at(-1) ?? NaN),
    n: s.length,
  };
}

/**
 * After a full garbage collection (through the process's inspector, Chrome DevTools Protocol),
 * the bytes its JavaScript holds: V8 heap used plus external memory (Buffers). RSS is no measure
 * of 800 sockets: the collector gives pages back to the system when it likes, by more than that.
 */
async function liveBytes(inspectPort: number): Promise<number> {
  const [target] = (await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  if (!target) throw new Error('no inspector target');
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const answers = new Map<number, (result: unknown) => void>();
  ws.on('message', (data: Buffer) => {
    const { id, result } = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown };
    if (id !== undefined) answers.get(id)?.(result);
  });
  const call = (id: number, method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve) => {
      answers.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    await call(1, 'HeapProfiler.collectGarbage');
    const result = (await call(2, 'Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result?: { value?: string } };
    const usage = JSON.parse(result.result?.value ?? '{}') as {
      heapUsed: number;
      external: number;
    };
    return usage.heapUsed + usage.external;
  } finally {
    ws.close();
  }
}

/** The JavaScript memory of the processes together (see liveBytes), bytes. */
async function memoryOf(processes: Social[]): Promise<number> {
  let total = 0;
  for (const p of processes) total += await liveBytes(p.inspectPort);
  return total;
}

/** Resident memory of the processes together, bytes (Linux /proc). */
const rssOf = (processes: Social[]): number =>
  processes.reduce((sum, p) => sum + rssBytes(p.pid), 0);

/** Resident memory of a process, bytes (Linux /proc). */
function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/(\d+)/)?.[1] ?? NaN) * 1024;
}

interface Social {
  base: string;
  host: string;
  pid: number;
  child: ChildProcess;
  /** The process's inspector, through which the bench collects garbage before weighing it. */
  inspectPort: number;
}

async function startSocial(env: Record<string, string>, cpu: number | undefined): Promise<Social> {
  const port = await freePort();
  const inspectPort = await freePort();
  const node = [
    process.execPath,
    `--inspect=127.0.0.1:${inspectPort}`,
    ...NODE_ARGS,
    'src/main.ts',
  ];
  const [cmd, ...args] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node];
  const child = spawn(cmd ?? process.execPath, args, {
    cwd: SOCIAL_DIR,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ready = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null || child.pid === undefined) {
      child.kill('SIGKILL');
      throw new Error('social did not start');
    }
    await sleep(200);
  }
  if (child.pid === undefined) throw new Error('social has no pid');
  return { base, host: `127.0.0.1:${port}`, pid: child.pid, child, inspectPort };
}

const BARE_SERVER = fileURLToPath(new URL('./lib/bare-ws-server.ts', import.meta.url));

/** A bare relay (lib/bare-ws-server.ts), ready once it says so over IPC. */
async function startBare(env: Record<string, string>, cpu: number | undefined): Promise<Social> {
  const port = await freePort();
  const inspectPort = await freePort();
  const node = [process.execPath, `--inspect=127.0.0.1:${inspectPort}`, ...NODE_ARGS, BARE_SERVER];
  const [cmd, ...args] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node];
  const child = spawn(cmd ?? process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare-ws-server exited with ${code}`)));
  });
  if (child.pid === undefined) throw new Error('bare-ws-server has no pid');
  return {
    base: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    pid: child.pid,
    child,
    inspectPort,
  };
}

async function stopSocial(social: Social): Promise<void> {
  if (social.child.exitCode !== null) return;
  const exited = new Promise((resolve) => social.child.once('exit', resolve));
  social.child.kill('SIGTERM');
  await exited;
}

/** The JWKS social verifies the bench's access tokens with, served from this process. */
async function tokenIssuer(): Promise<{
  url: string;
  tokenFor(userId: string): Promise<string>;
  server: Server;
}> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'EdDSA', use: 'sig' };
  const body = JSON.stringify({ keys: [jwk] });
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const sign = (key: CryptoKey, userId: string) =>
    new SignJWT({ roles: ['user'], jti: randomUUID() })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'bench' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(key);
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    tokenFor: (userId) => sign(privateKey, userId),
    server,
  };
}

/**
 * A client socket that counts messages without parsing them (a parse per message on 1,000
 * sockets in one process would be measured too), and hands parsed ones to `onFrame` when set.
 */
interface Client {
  ws: WebSocket;
  received: number;
  /** Called after every counted message (a round waiting for all sockets listens here). */
  onCount?: () => void;
  /** The close code, once closed. */
  closedWith?: number;
  lastAt: number;
  onFrame?: (frame: Record<string, unknown>, at: number) => void;
}

function connect(url: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const client: Client = { ws, received: 0, lastAt: 0 };
    let ready = false;
    ws.on('message', (data: Buffer) => {
      const at = performance.now();
      if (!ready) {
        ready = true;
        resolve(client);
        return;
      }
      client.received++;
      client.lastAt = at;
      client.onCount?.();
      client.onFrame?.(JSON.parse(data.toString('utf8')) as Record<string, unknown>, at);
    });
    ws.once('error', reject);
    ws.once('close', (code) => {
      client.closedWith = code;
    });
  });
}

/** Runs `task` for 0..n-1, `concurrency` at a time. */
async function inBatches<T>(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) results[i] = await task(i);
    }),
  );
  return results;
}

/**
 * Resolves when every one of `clients` has counted one more message. Event driven (each
 * client's next message settles only itself): the runner shares the cores with the servers and
 * must not spin.
 */
function nextOnEach(clients: Client[], withinMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let missing = clients.length;
    const timer = setTimeout(() => {
      for (const c of clients) delete c.onCount;
      reject(new Error(`timed out waiting for ${what} (${missing} of ${clients.length} missing)`));
    }, withinMs);
    for (const c of clients) {
      c.onCount = () => {
        delete c.onCount;
        if (--missing === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
    }
  });
}

/**
 * One broadcast at a time: `fire()` sends it, and the time until the first and the last of
 * `clients` has it is one sample each. Rounds are spaced so they never overlap.
 */
async function broadcastRounds(
  clients: Client[],
  rounds: number,
  fire: (i: number) => Promise<unknown>,
): Promise<{ last: Stats; first: Stats }> {
  const last: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const arrived = nextOnEach(clients, 10_000, `broadcast ${i} on every socket`);
    const t0 = performance.now();
    await fire(i);
    await arrived;
    const times = clients.map((c) => c.lastAt - t0);
    last.push(Math.max(...times));
    first.push(Math.min(...times));
    await sleep(20);
  }
  return { last: stats(last), first: stats(first) };
}

/**
 * Open loop: message i is due at start + i / rate whatever happened to earlier ones; its latency
 * is counted on every one of `clients` from its due time, so a late send is not hidden.
 */
async function targeted(
  clients: Client[],
  seconds: number,
  publish: (seq: number) => Promise<unknown>,
): Promise<Stats> {
  const total = TARGETED_RATE * seconds;
  const due = new Float64Array(total);
  const latencies: number[] = [];
  let allArrived = (): void => undefined;
  const arrived = new Promise<void>((resolve) => {
    allArrived = resolve;
  });
  for (const client of clients) {
    client.onFrame = (frame, at) => {
      const seq = Number((frame.notification as { id?: string } | undefined)?.id ?? frame.seq);
      if (Number.isInteger(seq) && seq >= 0 && seq < total) latencies.push(at - (due[seq] ?? at));
      if (latencies.length === total * clients.length) allArrived();
    };
  }
  const start = performance.now();
  const slotMs = 1000 / TARGETED_RATE;
  for (let i = 0; i < total;) {
    const now = performance.now();
    for (; i < total && start + i * slotMs <= now; i++) {
      due[i] = start + i * slotMs;
      void publish(i);
    }
    if (i < total) await sleep(Math.max(1, start + i * slotMs - performance.now()));
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(new Error(`timed out: ${latencies.length} of ${total * clients.length} delivered`)),
      15_000,
    );
  });
  await Promise.race([arrived, timeout]).finally(() => clearTimeout(timer));
  for (const client of clients) delete client.onFrame;
  return stats(latencies);
}

async function ticketUrl(social: Social, token: string): Promise<string> {
  const res = await fetch(`${social.base}/ws-ticket`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`POST /ws-ticket answered ${res.status}`);
  const { ticket } = (await res.json()) as { ticket: string };
  return `ws://${social.host}/ws?ticket=${ticket}`;
}

function closeAll(clients: Client[]): Promise<void> {
  return Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.ws.readyState === WebSocket.CLOSED) return resolve();
          c.ws.once('close', () => resolve());
          c.ws.close();
        }),
    ),
  ).then(() => undefined);
}

async function measureSocial(
  ctx: BenchContext,
  socials: [Social, Social],
  tokens: { tokenFor(userId: string): Promise<string> },
  movieId: string,
  channelPrefix: string,
  opts: { rounds: number; commentRounds: number; targetedSeconds: number },
) {
  const redis = new Redis(REDIS_URL);
  const clients: Client[] = [];
  try {
    const users = Array.from({ length: SOCKETS }, () => randomUUID());
    const open = (i: number) =>
      tokens
        .tokenFor(users[i] ?? '')
        .then((token) => ticketUrl(socials[i % 2] as Social, token))
        .then(connect);
    // A first fifth warms the processes up (startup garbage collected, pools grown); the memory
    // per socket is what the other four fifths add.
    const warm = SOCKETS / 5;
    clients.push(...(await inBatches(warm, CONNECT_CONCURRENCY, open)));
    await sleep(2_000);
    const [memoryBefore, rssBefore] = [await memoryOf(socials), rssOf(socials)];
    clients.push(...(await inBatches(SOCKETS - warm, CONNECT_CONCURRENCY, (i) => open(warm + i))));
    await sleep(2_000);
    const bytesPerSocket = ((await memoryOf(socials)) - memoryBefore) / (SOCKETS - warm);
    const rssPerSocket = (rssOf(socials) - rssBefore) / (SOCKETS - warm);
    ctx.log(`social: ${SOCKETS} sockets open, ${round(bytesPerSocket / 1024, 1)} KB each`);

    const room = `movie:${movieId}`;
    const subscribed = nextOnEach(clients, 30_000, 'every socket subscribed');
    for (const client of clients) {
      client.ws.send(JSON.stringify({ v: 1, type: 'subscribe', room }));
    }
    await subscribed.catch((err: unknown) => {
      const closed = clients.flatMap((c) => (c.closedWith ? [c.closedWith] : []));
      throw new Error(`${String(err)}; close codes: ${[...new Set(closed)].join(', ')}`);
    });

    const payload = (i: number) =>
      JSON.stringify({
        v: 1,
        type: 'movie.comment.created',
        movieId,
        comment: { id: randomUUID(), movieId, body: `bench ${i}`, seq: i },
      });
    const fanout = await broadcastRounds(clients, opts.rounds, (i) =>
      redis.publish(`${channelPrefix}room:${room}`, payload(i)),
    );
    ctx.log(
      `social room fan-out: last socket p50 ${fanout.last.p50} ms, p99 ${fanout.last.p99} ms`,
    );

    const author = await tokens.tokenFor(randomUUID());
    const viaComment = await broadcastRounds(clients, opts.commentRounds, async (i) => {
      const res = await fetch(`${socials[0].base}/movies/${movieId}/comments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${author}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `Comment number ${i} from the bench` }),
      });
      if (res.status !== 201) throw new Error(`POST comment answered ${res.status}`);
    });
    ctx.log(
      `social comment → room: last socket p50 ${viaComment.last.p50} ms, p99 ${viaComment.last.p99} ms`,
    );
    await closeAll(clients);
    clients.length = 0;

    // One user's connections, spread over both replicas, pushed to at 1,000/s.
    const userId = randomUUID();
    const userToken = await tokens.tokenFor(userId);
    const own = await inBatches(USER_SOCKETS, USER_SOCKETS, async (i) =>
      connect(await ticketUrl(socials[i % 2] as Social, userToken)),
    );
    clients.push(...own);
    const user = await targeted(own, opts.targetedSeconds, (seq) =>
      redis.publish(
        `${channelPrefix}user:${userId}`,
        JSON.stringify({
          v: 1,
          type: 'notification.created',
          notification: { id: String(seq), kind: 'user.followed' },
        }),
      ),
    );
    ctx.log(`social one user at ${TARGETED_RATE}/s: p50 ${user.p50} ms, p99 ${user.p99} ms`);
    return {
      kbPerSocket: round(bytesPerSocket / 1024, 1),
      rssKbPerSocket: round(rssPerSocket / 1024, 1),
      fanout,
      viaComment,
      user,
    };
  } finally {
    await closeAll(clients);
    redis.disconnect();
  }
}

async function measureBare(
  ctx: BenchContext,
  servers: [Social, Social],
  channelPrefix: string,
  opts: { rounds: number; targetedSeconds: number },
) {
  const redis = new Redis(REDIS_URL);
  const clients: Client[] = [];
  try {
    const open = (i: number) => connect(`ws://${(servers[i % 2] as Social).host}/?key=room`);
    const warm = SOCKETS / 5;
    clients.push(...(await inBatches(warm, CONNECT_CONCURRENCY, open)));
    await sleep(2_000);
    const [memoryBefore, rssBefore] = [await memoryOf(servers), rssOf(servers)];
    clients.push(...(await inBatches(SOCKETS - warm, CONNECT_CONCURRENCY, (i) => open(warm + i))));
    await sleep(2_000);
    const bytesPerSocket = ((await memoryOf(servers)) - memoryBefore) / (SOCKETS - warm);
    const rssPerSocket = (rssOf(servers) - rssBefore) / (SOCKETS - warm);
    const fanout = await broadcastRounds(clients, opts.rounds, (i) =>
      redis.publish(`${channelPrefix}room`, JSON.stringify({ type: 'm', seq: i })),
    );
    ctx.log(`bare room fan-out: last socket p50 ${fanout.last.p50} ms, p99 ${fanout.last.p99} ms`);
    await closeAll(clients);
    clients.length = 0;
    const own = await inBatches(USER_SOCKETS, USER_SOCKETS, (i) =>
      connect(`ws://${(servers[i % 2] as Social).host}/?key=user`),
    );
    clients.push(...own);
    const user = await targeted(own, opts.targetedSeconds, (seq) =>
      redis.publish(`${channelPrefix}user`, JSON.stringify({ type: 'm', seq })),
    );
    ctx.log(`bare one user at ${TARGETED_RATE}/s: p50 ${user.p50} ms, p99 ${user.p99} ms`);
    return {
      kbPerSocket: round(bytesPerSocket / 1024, 1),
      rssKbPerSocket: round(rssPerSocket / 1024, 1),
      fanout,
      user,
    };
  } finally {
    await closeAll(clients);
    redis.disconnect();
  }
}

/** A fresh database with one published movie in social's projection (as its consumer writes it). */
async function createBenchDatabase(suffix: string) {
  const dbName = `bench_social_${suffix}`;
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
  return { admin, dbName, databaseUrl: dbUrl.toString() };
}

export const benchmark: Benchmark = {
  name: 'social',
  description:
    `Live delivery: ${SOCKETS} WebSockets across two social processes (both pinned to core 0, ` +
    'clients in the runner, autocannon on core 1) beside two bare `ws` + Redis relays in the same ' +
    'run: one broadcast to a movie room reaching every socket (from the Redis publish the hub ' +
    `makes, and from POST /movies/:id/comments), one user's ${USER_SOCKETS} sockets pushed at ` +
    `${TARGETED_RATE}/s, memory per idle socket, and GET /movies/:id/comments req/s.`,
  async run(ctx): Promise<BenchResult> {
    const quick = ctx.quick;
    const rounds = quick ? 20 : 100;
    const commentRounds = quick ? 10 : 50;
    const targetedSeconds = quick ? 2 : 10;
    const loadSeconds = quick ? 2 : 8;
    const notes: string[] = [];
    const pin = hasTaskset() && ctx.cpuCount >= 2;
    if (!pin) notes.push('taskset or a second core is missing: nothing was pinned.');
    if (quick) notes.push('BENCH_QUICK=1: short runs; a smoke test only.');

    const suffix = randomBytes(3).toString('hex');
    const keyPrefix = `bench-social-${suffix}:`;
    const { admin, dbName, databaseUrl } = await createBenchDatabase(suffix);
    const issuer = await tokenIssuer();
    const socials: Social[] = [];
    const bare: Social[] = [];
    try {
      const env = {
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        AMQP_URL,
        REDIS_URL,
        AUTH_JWKS_URL: issuer.url,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        WS_TICKET_SECRET: randomBytes(32).toString('hex'),
        REDIS_KEY_PREFIX: keyPrefix,
        MIGRATE_ON_START: 'true',
      };
      const cpu = pin ? 0 : undefined;
      // The first migrates; the second starts on the migrated schema.
      socials.push(await startSocial(env, cpu));
      socials.push(await startSocial({ ...env, MIGRATE_ON_START: 'false' }, cpu));
      const movieId = randomUUID();
      await admin.query(
        `INSERT INTO ${dbName}.movies (id, slug, title, published, published_at, state_at) ` +
          'VALUES (?, ?, ?, true, NOW(3), NOW(3))',
        [movieId, `bench-${movieId}`, 'The Bench'],
      );
      ctx.log('both socials are ready');
      const [first, second] = socials as [Social, Social];
      const social = await measureSocial(ctx, [first, second], issuer, movieId, `${keyPrefix}ws:`, {
        rounds,
        commentRounds,
        targetedSeconds,
      });

      const bareEnv = { REDIS_URL, BENCH_CHANNEL_PREFIX: `bench-bare-${suffix}:` };
      for (let i = 0; i < 2; i++) {
        bare.push(await startBare(bareEnv, cpu));
      }
      const baseline = await measureBare(
        ctx,
        [bare[0] as Social, bare[1] as Social],
        `bench-bare-${suffix}:`,
        { rounds, targetedSeconds },
      );

      const page = await runLoad(`${first.base}/movies/${movieId}/comments`, {
        cpu: pin ? 1 : undefined,
        connections: 50,
        durationSeconds: loadSeconds,
      });
      if (page.errors > 0 || page.non2xx > 0) {
        notes.push(`comments page: ${page.errors} errors, ${page.non2xx} non-2xx answers.`);
      }
      ctx.log(`comments page: ${Math.round(page.requestsPerSecond)} req/s`);

      const figures = {
        sockets: SOCKETS,
        fanout_last_p50_ms: social.fanout.last.p50,
        fanout_last_p99_ms: social.fanout.last.p99,
        fanout_first_p50_ms: social.fanout.first.p50,
        comment_to_all_p50_ms: social.viaComment.last.p50,
        comment_to_all_p99_ms: social.viaComment.last.p99,
        bare_fanout_last_p50_ms: baseline.fanout.last.p50,
        bare_fanout_last_p99_ms: baseline.fanout.last.p99,
        user_1000_per_s_p50_ms: social.user.p50,
        user_1000_per_s_p99_ms: social.user.p99,
        bare_user_1000_per_s_p50_ms: baseline.user.p50,
        bare_user_1000_per_s_p99_ms: baseline.user.p99,
        kb_per_idle_socket: social.kbPerSocket,
        bare_kb_per_idle_socket: baseline.kbPerSocket,
        rss_kb_per_idle_socket: social.rssKbPerSocket,
        bare_rss_kb_per_idle_socket: baseline.rssKbPerSocket,
        comments_page_req_per_s: Math.round(page.requestsPerSecond),
        comments_page_p99_ms: page.latencyP99Ms,
      };
      notes.push(
        `Goals (issue #17): fan-out p99 ≤ 40 ms (${figures.fanout_last_p99_ms}), one user at ` +
          `1,000/s p99 ≤ 5 ms (${figures.user_1000_per_s_p99_ms}), ≤ 16 KB per idle socket ` +
          `(${figures.kb_per_idle_socket}).`,
        'Fan-out starts at the Redis publish the hub makes for pushToRoom (what a consumer or ' +
          'service does after its commit); "comment → all" starts before POST /movies/:id/comments ' +
          '(validation, transaction, outbox row, then the push). Latencies are taken in the runner, ' +
          `which also hosts the ${SOCKETS} client sockets.`,
      );
      const row = (label: string, s: Stats, b?: Stats): (string | number)[] => [
        label,
        s.p50,
        s.p99,
        s.max,
        b?.p50 ?? '',
        b?.p99 ?? '',
      ];
      return {
        figures,
        table: {
          columns: [
            'measurement',
            'social p50 ms',
            'social p99 ms',
            'social max ms',
            'bare p50 ms',
            'bare p99 ms',
          ],
          rows: [
            row(
              `room broadcast → last of ${SOCKETS} sockets`,
              social.fanout.last,
              baseline.fanout.last,
            ),
            row(`room broadcast → first socket`, social.fanout.first, baseline.fanout.first),
            row(`POST comment → last of ${SOCKETS} sockets`, social.viaComment.last),
            row(
              `one user, ${USER_SOCKETS} sockets, ${TARGETED_RATE}/s`,
              social.user,
              baseline.user,
            ),
            [
              'JS memory per idle socket after GC (KB)',
              social.kbPerSocket,
              '',
              '',
              baseline.kbPerSocket,
              '',
            ],
            [
              'RSS change per idle socket (KB, noisy)',
              social.rssKbPerSocket,
              '',
              '',
              baseline.rssKbPerSocket,
              '',
            ],
            [
              'GET /movies/:id/comments req/s (50 conn.)',
              Math.round(page.requestsPerSecond),
              page.latencyP99Ms,
              '',
              '',
              '',
            ],
          ],
        },
        notes,
      };
    } finally {
      await Promise.all(socials.map(stopSocial));
      await Promise.all(bare.map(stopSocial));
      issuer.server.close();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    }
  },
};
