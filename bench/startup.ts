// Startup: each process's cold start to ready and its idle RSS, as its image runs it
// (`node dist/main.js`, schema migrated beforehand, MIGRATE_ON_START=false), beside a bare Prisma 7
// client measured in the same run; then `npm start` in a fresh clone of HEAD (full runs only).
// Needs MariaDB, RabbitMQ (rabbitmqctl on this machine) and Redis, and a build (`npm run build`).
import { execFile, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createConnection as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createConnection, type Connection } from 'mariadb';
import { migrate } from '@kavosh/db';
import { freePort } from '@kavosh/testing';
import { round } from './lib/closed-loop.js';
import { mainThreadProfile, topSelfTime } from './lib/cpu-profile.js';
import { cpuMsOf, rssMb, spawnUntilReady, type TimedChild } from './lib/processes.js';
import type { Benchmark, BenchResult, GoalFigure } from './lib/types.js';
import { createBenchVhost } from './lib/vhost.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_URL = process.env.MYSQL_ADMIN_URL ?? 'mysql://root@127.0.0.1:3306';
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const START_GOAL_MS = 1_500;
const RSS_GOAL_MB = 160;
const NPM_START_GOAL_S = 60;
/** npm start's fixed ports: the fresh-clone run needs them free. */
const NPM_START_PORTS = [3001, 3002, 3003, 3004, 8080, 9080, 9081, 9082, 9083, 9084, 12111];
const SERVICES = ['auth', 'catalog', 'billing', 'social'] as const;
type Name = (typeof SERVICES)[number] | 'gateway';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const dirOf = (name: Name) => (name === 'gateway' ? `${ROOT}gateway` : `${ROOT}services/${name}`);

/** Newest modification time under `dir` (files only), skipping generated and built folders. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'generated' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(
      newest,
      entry.isDirectory() ? newestMtime(path) : entry.isFile() ? statSync(path).mtimeMs : 0,
    );
  }
  return newest;
}

interface Databases {
  admin: Connection;
  urls: Record<(typeof SERVICES)[number], string>;
  drop(): Promise<void>;
}

/** One fresh schema per service, migrated as npm start does before it starts them. */
async function createDatabases(suffix: string): Promise<Databases> {
  const adminUrl = new URL(ADMIN_URL);
  const admin = await createConnection({
    host: adminUrl.hostname,
    port: Number(adminUrl.port || 3306),
    user: decodeURIComponent(adminUrl.username || 'root'),
    password: decodeURIComponent(adminUrl.password),
  });
  const names = SERVICES.map((service) => `bench_start_${service}_${suffix}`);
  const urls = {} as Record<(typeof SERVICES)[number], string>;
  for (const [i, service] of SERVICES.entries()) {
    const dbName = names[i] ?? '';
    await admin.query(`CREATE DATABASE ${dbName} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    urls[service] = url.toString();
    await migrate({
      databaseUrl: urls[service],
      migrationsDir: `${dirOf(service)}/prisma/migrations`,
    });
  }
  return {
    admin,
    urls,
    drop: async () => {
      for (const dbName of names) await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    },
  };
}

/** Each process's environment, as scripts/lib/services.ts gives it under npm start. */
async function environments(
  dbs: Databases,
  amqpUrl: string,
  suffix: string,
): Promise<Record<Name, Record<string, string>>> {
  const ports = Object.fromEntries(
    await Promise.all(
      [...SERVICES, 'gateway' as const].map(async (name) => [
        name,
        { port: await freePort(), metrics: await freePort() },
      ]),
    ),
  ) as Record<Name, { port: number; metrics: number }>;
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const wsTicketSecret = randomBytes(32).toString('hex');
  const common = (name: Name) => ({
    PATH: process.env.PATH ?? '',
    PORT: String(ports[name].port),
    METRICS_PORT: String(ports[name].metrics),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    REDIS_URL,
    AUTH_JWKS_URL: `http://127.0.0.1:${ports.auth.port}/.well-known/jwks.json`,
  });
  const service = (name: (typeof SERVICES)[number]) => ({
    ...common(name),
    DATABASE_URL: dbs.urls[name],
    MIGRATE_ON_START: 'false',
    AMQP_URL: amqpUrl,
    // Every service connects as the run's one broker user.
    EVENT_PUBLISHERS: `*=${decodeURIComponent(new URL(amqpUrl).username) || 'guest'}`,
  });
  return {
    auth: {
      ...service('auth'),
      JWT_PRIVATE_JWKS: JSON.stringify({
        keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid: 'bench' }],
      }),
      REDIS_KEY_PREFIX: `bench-startup-${suffix}:`,
      AUTH_BOOTSTRAP_ADMIN_EMAIL: 'admin@bench.example.com',
      AUTH_BOOTSTRAP_ADMIN_PASSWORD: randomBytes(12).toString('hex'),
    },
    catalog: {
      ...service('catalog'),
      CURSOR_SECRET: randomBytes(32).toString('hex'),
      MEDIA_SIGNING_SECRET: randomBytes(32).toString('hex'),
      CACHE_KEY_PREFIX: `bench-startup-${suffix}:`,
      POSTER_DIR: join(tmpdir(), `bench-startup-posters-${suffix}`),
    },
    billing: service('billing'),
    social: { ...service('social'), WS_TICKET_SECRET: wsTicketSecret },
    gateway: {
      ...common('gateway'),
      WS_TICKET_SECRET: wsTicketSecret,
      REDIS_KEY_PREFIX: `bench-startup-gw-${suffix}:`,
      ...Object.fromEntries(
        SERVICES.map((name) => [
          `${name.toUpperCase()}_URL`,
          `http://127.0.0.1:${ports[name].port}`,
        ]),
      ),
    },
  };
}

// The baseline: a bare Prisma 7 client on the same adapter, generated client and database, that
// answers one query and idles. Run from auth's folder so it loads auth's built client.
const BARE_PRISMA = `
const { PrismaClient } = await import('./dist/generated/prisma/client.js');
const { PrismaMariaDb } = await import('@prisma/adapter-mariadb');
const url = new URL(process.env.DATABASE_URL);
const db = new PrismaClient({ adapter: new PrismaMariaDb({
  host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password), database: url.pathname.slice(1), connectionLimit: 10,
}) });
await db.$queryRawUnsafe('SELECT 1');
process.stdout.write('ready\\n');
setInterval(() => {}, 1 << 30);
`;

interface Round {
  readyMs: Record<string, number>;
  cpuMs: Record<string, number>;
  rssMb: Record<string, number>;
}

/**
 * One round: the bare client, then each process started alone (the previous ones idle), each
 * timed from spawn to ready; once the last is ready, `idleSeconds` of idleness, then every RSS.
 */
async function measureRound(
  envs: Record<Name, Record<string, string>>,
  idleSeconds: number,
  nodeArgs: string[] = [],
): Promise<{ round: Round; stopAll(): Promise<void> }> {
  const children: { name: string; child: TimedChild }[] = [];
  const stopAll = async () => {
    for (const { child } of children.reverse()) await child.stop();
  };
  try {
    children.push({
      name: 'bare-prisma',
      child: await spawnUntilReady({
        command: [process.execPath, ...nodeArgs, '--input-type=module', '-e', BARE_PRISMA],
        cwd: dirOf('auth'),
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: envs.auth.DATABASE_URL },
        readyLine: /^ready$/m,
        timeoutMs: 60_000,
      }),
    });
    for (const name of [...SERVICES, 'gateway' as const]) {
      const env = envs[name];
      children.push({
        name,
        child: await spawnUntilReady({
          command: [process.execPath, ...nodeArgs, 'dist/main.js'],
          cwd: dirOf(name),
          env,
          readyUrl: `http://127.0.0.1:${env.PORT}/health/ready`,
          timeoutMs: 60_000,
        }),
      });
    }
    const cpuMs = Object.fromEntries(children.map(({ name, child }) => [name, cpuMsOf(child.pid)]));
    await sleep(idleSeconds * 1000);
    return {
      round: {
        readyMs: Object.fromEntries(children.map(({ name, child }) => [name, child.readyMs])),
        cpuMs,
        rssMb: Object.fromEntries(children.map(({ name, child }) => [name, rssMb(child.pid)])),
      },
      stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connectTcp({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

async function portsFreeWithin(ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if ((await Promise.all(NPM_START_PORTS.map(portFree))).every(Boolean)) return true;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

interface NpmStartRun {
  /** Spawn to the "Kavosh is up" banner; undefined when it never came (see `failure`). */
  readySeconds: number | undefined;
  failure?: string;
  /** Seconds from spawn to each "› step" line npm start printed. */
  steps: { step: string; atSeconds: number }[];
  exitCode: number | null;
  /** The signal npm itself ended on: Ctrl-C reaches npm too, which then ends on SIGINT. */
  exitSignal: NodeJS.Signals | null;
  stopSeconds: number;
  /** Every npm start port free once it exited: its children were stopped too. */
  portsFreeAfter: boolean;
}

/** Stopped cleanly: exit 0, or npm's own SIGINT (the script stops the rest), and no port left. */
const cleanStop = (r: NpmStartRun): boolean =>
  (r.exitCode === 0 || r.exitSignal === 'SIGINT') && r.portsFreeAfter;

const NPM_START_LIMIT_S = 900;

/**
 * `npm start` in `dir` until its banner (at most NPM_START_LIMIT_S), then Ctrl-C: SIGINT to its
 * process group, as a terminal sends it; SIGKILL only if it has not exited 30 s later.
 */
async function npmStart(dir: string, log: (msg: string) => void): Promise<NpmStartRun> {
  const started = performance.now();
  const at = () => round((performance.now() - started) / 1000, 1);
  const child = spawn('npm', ['start'], {
    cwd: dir,
    // No Nx daemon left behind by the run; no colours in the lines parsed below.
    env: { ...process.env, NX_DAEMON: 'false', NO_COLOR: '1', FORCE_COLOR: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let exitSignal: NodeJS.Signals | null = null;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      exitSignal = signal;
      resolve(code);
    }),
  );
  const steps: { step: string; atSeconds: number }[] = [];
  const tail: string[] = [];
  let buffered = '';
  let failure: string | undefined;
  const readySeconds = await new Promise<number | undefined>((resolve) => {
    const timer = setTimeout(() => {
      failure = `no banner in ${NPM_START_LIMIT_S} s`;
      resolve(undefined);
    }, NPM_START_LIMIT_S * 1000);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        const step = /^› (.*)$/.exec(line);
        if (step?.[1]) {
          steps.push({ step: step[1], atSeconds: at() });
          log(`npm start: ${at()} s: ${step[1]}`);
        }
        if (/Kavosh is up/.test(line)) {
          clearTimeout(timer);
          resolve(at());
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      failure ??= `exited with ${code} before its banner: ${tail.slice(-10).join(' | ')}`;
      resolve(undefined);
    });
  });
  const stopAt = performance.now();
  if (child.pid !== undefined && child.exitCode === null) {
    process.kill(-child.pid, 'SIGINT');
    const killer = setTimeout(() => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }, 30_000);
    await exited;
    clearTimeout(killer);
  }
  return {
    readySeconds,
    ...(failure === undefined ? {} : { failure }),
    steps,
    exitCode: await exited,
    exitSignal,
    stopSeconds: round((performance.now() - stopAt) / 1000, 1),
    // The services stop on their own grace period after npm itself is gone: wait for it.
    portsFreeAfter: await portsFreeWithin(15_000),
  };
}

/**
 * `npm start` in a fresh clone of HEAD (no dist/, no generated clients, no Nx cache), then a
 * second `npm start` in the same clone (Nx cache warm) as the baseline. node_modules is hard-linked
 * from this checkout (`cp -al`), which is what `npm ci` would have produced.
 */
async function freshCloneStart(log: (msg: string) => void): Promise<{
  fresh: NpmStartRun;
  warm: NpmStartRun | undefined;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'kavosh-fresh-'));
  const clone = join(dir, 'kavosh');
  try {
    await run('git', ['clone', '--quiet', '--no-local', ROOT, clone], { timeout: 120_000 });
    const modules = (
      await run('git', ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory'], {
        cwd: ROOT,
      })
    ).stdout
      .split('\n')
      .filter(
        (path) =>
          /(^|\/)node_modules\/$/.test(path) && !path.slice(0, -1).includes('node_modules/'),
      );
    for (const path of modules) {
      if (existsSync(join(clone, path.split('/').slice(0, -2).join('/')) || clone)) {
        await run('cp', ['-al', join(ROOT, path), join(clone, path)], { timeout: 300_000 });
      }
    }
    log(`fresh clone in ${clone}, ${modules.length} node_modules folders hard-linked`);
    const fresh = await npmStart(clone, log);
    log(`npm start (fresh clone): ready in ${fresh.readySeconds} s, exit ${fresh.exitCode}`);
    // The second start only means something after a first one that came up.
    const warm = fresh.readySeconds === undefined ? undefined : await npmStart(clone, log);
    if (warm)
      log(`npm start (same clone again): ready in ${warm.readySeconds} s, exit ${warm.exitCode}`);
    return { fresh, warm };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'startup',
  description:
    'Cold start (spawn to /health/ready 200) and idle RSS of auth, catalog, billing, social and ' +
    'the gateway as their images run them (node dist/main.js, migrated schema), each started alone, ' +
    'beside a bare Prisma 7 client (spawn to first answered query) in the same run; median of 3 ' +
    'rounds; then npm start in a fresh clone of HEAD, and again in the same clone (full runs only).',
  async run(ctx): Promise<BenchResult> {
    const rounds = ctx.quick ? 1 : 3;
    const idleSeconds = 10;
    const notes: string[] = [];
    const names: Name[] = [...SERVICES, 'gateway'];
    for (const name of names) {
      const entry = `${dirOf(name)}/dist/main.js`;
      if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
      if (newestMtime(`${dirOf(name)}/src`) > statSync(entry).mtimeMs)
        notes.push(`${name}: src/ is newer than dist/main.js (build again for current figures).`);
    }
    const suffix = randomBytes(3).toString('hex');
    const vhost = await createBenchVhost('bench-startup', AMQP_URL);
    const dbs = await createDatabases(suffix);
    const samples: Round[] = [];
    let profileTops: Record<string, string> = {};
    try {
      const envs = await environments(dbs, vhost.amqpUrl, suffix);
      for (let i = 0; i < rounds; i += 1) {
        const { round: result, stopAll } = await measureRound(envs, idleSeconds);
        await stopAll();
        samples.push(result);
        ctx.log(
          `round ${i + 1}: ready ms ${Object.entries(result.readyMs)
            .map(([name, ms]) => `${name} ${Math.round(ms)}`)
            .join(', ')}`,
        );
      }
      if (!ctx.quick || process.env.BENCH_PROFILE === '1') {
        // Where the start goes: one more start under --cpu-prof, top self time per process.
        const profileDir = mkdtempSync(join(tmpdir(), 'bench-startup-prof-'));
        try {
          const tops: Record<string, string> = {};
          for (const name of names) {
            const dir = join(profileDir, name);
            const child = await spawnUntilReady({
              command: [process.execPath, '--cpu-prof', `--cpu-prof-dir=${dir}`, 'dist/main.js'],
              cwd: dirOf(name),
              env: envs[name],
              readyUrl: `http://127.0.0.1:${envs[name].PORT}/health/ready`,
              timeoutMs: 60_000,
            });
            await child.stop();
            if (process.env.BENCH_PROFILE_KEEP) {
              await run('cp', ['-r', dir, `${process.env.BENCH_PROFILE_KEEP}/${name}`]);
            }
            tops[name] = topSelfTime(mainThreadProfile(dir), 8)
              .map((entry) => `${entry.fn} ${entry.percent}%`)
              .join('; ');
          }
          profileTops = tops;
        } finally {
          rmSync(profileDir, { recursive: true, force: true });
        }
      }
    } finally {
      await dbs.drop();
      await vhost.drop();
    }

    const med = (pick: (r: Round) => Record<string, number>, name: string) =>
      round(median(samples.map((r) => pick(r)[name] ?? NaN)), 0);
    const bareReady = med((r) => r.readyMs, 'bare-prisma');
    const bareRss = med((r) => r.rssMb, 'bare-prisma');
    const goals: GoalFigure[] = [];
    const rows: (string | number)[][] = [];
    const figures: Record<string, number | string> = {
      bare_prisma_ready_ms: bareReady,
      bare_prisma_idle_rss_mb: bareRss,
    };
    for (const name of ['bare-prisma', ...names]) {
      const ready = med((r) => r.readyMs, name);
      const cpu = med((r) => r.cpuMs, name);
      const rss = med((r) => r.rssMb, name);
      const range = (pick: (r: Round) => Record<string, number>) =>
        samples.map((r) => Math.round(pick(r)[name] ?? NaN)).join('/');
      rows.push([name, ready, range((r) => r.readyMs), cpu, rss, range((r) => r.rssMb)]);
      if (name === 'bare-prisma') continue;
      figures[`${name}_ready_ms`] = ready;
      figures[`${name}_cpu_to_ready_ms`] = cpu;
      figures[`${name}_idle_rss_mb`] = rss;
      goals.push(
        {
          path: `${name}: cold start to ready (schema migrated)`,
          metric: 'ms',
          value: ready,
          baselineLabel: 'bare Prisma 7 client, spawn to first query',
          baseline: bareReady,
          ratio: round(ready / bareReady, 2),
          goal: `< ${START_GOAL_MS} ms`,
          met: ready < START_GOAL_MS,
        },
        {
          path: `${name}: idle RSS after ${idleSeconds} s`,
          metric: 'MB',
          value: rss,
          baselineLabel: 'bare Prisma 7 client, idle',
          baseline: bareRss,
          ratio: round(rss / bareRss, 2),
          goal: `<= ${RSS_GOAL_MB} MB`,
          met: rss <= RSS_GOAL_MB,
        },
      );
    }
    for (const [name, top] of Object.entries(profileTops))
      notes.push(`start profile ${name}: ${top}`);

    let outcome: Awaited<ReturnType<typeof freshCloneStart>> | undefined;
    if (ctx.quick) {
      notes.push(`BENCH_QUICK=1: one round; npm start in a fresh clone is skipped (minutes).`);
    } else if (!(await Promise.all(NPM_START_PORTS.map(portFree))).every(Boolean)) {
      notes.push(
        `npm start in a fresh clone skipped: its fixed ports (${NPM_START_PORTS.join(', ')}) are not all free (npm start has no port options).`,
      );
    } else {
      outcome = await freshCloneStart(ctx.log).catch((err: unknown) => {
        notes.push(`npm start in a fresh clone failed: ${String(err)}`);
        return undefined;
      });
    }
    if (outcome) {
      const { fresh, warm } = outcome;
      const stopOf = (r: NpmStartRun) =>
        `Ctrl-C: ${r.exitSignal ?? `exit ${r.exitCode}`} in ${r.stopSeconds} s, ports free afterwards: ${r.portsFreeAfter}`;
      const stepsOf = (r: NpmStartRun) =>
        r.steps.map((step) => `${step.atSeconds} s ${step.step.split(' (')[0]}`).join(' → ');
      const freshSeconds = fresh.readySeconds ?? NPM_START_LIMIT_S;
      figures.npm_start_fresh_clone_s = fresh.readySeconds ?? `not ready: ${fresh.failure}`;
      figures.npm_start_fresh_clone_stop = fresh.exitSignal ?? fresh.exitCode ?? 'unknown';
      rows.push(['npm start, fresh clone (s)', fresh.readySeconds ?? 'not ready', '', '', '', '']);
      notes.push(
        `npm start fresh clone: ${stepsOf(fresh)}; ready at ${fresh.readySeconds ?? fresh.failure}; ${stopOf(fresh)}.`,
        'npm start used the shared schemas kavosh_* and the default vhost (it has no options for others); node_modules hard-linked from this checkout (cp -al), NX_DAEMON=false.',
      );
      if (warm) {
        figures.npm_start_again_s = warm.readySeconds ?? `not ready: ${warm.failure}`;
        rows.push([
          'npm start again, Nx cache warm (s)',
          warm.readySeconds ?? 'not ready',
          '',
          '',
          '',
          '',
        ]);
        notes.push(
          `npm start again: ${stepsOf(warm)}; ready at ${warm.readySeconds ?? warm.failure}; ${stopOf(warm)}.`,
        );
      }
      const warmSeconds = warm?.readySeconds ?? NaN;
      goals.push({
        path: 'npm start on a fresh clone (after npm ci) to all ready',
        metric: 's',
        value: freshSeconds,
        baselineLabel: 'npm start again in the same clone (Nx cache warm)',
        baseline: warmSeconds,
        ratio: round(freshSeconds / warmSeconds, 2),
        goal: `<= ${NPM_START_GOAL_S} s, stops cleanly on Ctrl-C`,
        met:
          fresh.readySeconds !== undefined &&
          fresh.readySeconds <= NPM_START_GOAL_S &&
          cleanStop(fresh) &&
          warm !== undefined &&
          cleanStop(warm),
      });
    }
    return {
      figures,
      table: {
        columns: [
          'process',
          'ready ms (median)',
          'ready ms per round',
          'CPU ms to ready',
          'idle RSS MB',
          'RSS per round',
        ],
        rows,
      },
      goals,
      notes,
    };
  },
};
