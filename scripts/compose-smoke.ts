// npm run test:compose: the whole stack in Docker Compose, for real. Ups docker-compose.yml (with
// docker-compose.standins.yml where the stand-in images are built: no registry here), waits for
// every healthcheck, then through the gateway: register, log in, list movies, a premium playback
// refused, a WebSocket ticket and its socket; then `compose restart catalog` while a client polls
// the movie list, with no failed request; `down -v` at the end, whatever happened.
// The images come from `npm run images` (it does not build). A separate CI step, not in npm test.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { parse, stringify } from 'yaml';
import { imageExists } from './lib/images/docker.js';
import {
  composeCommand,
  composeOrThrow,
  containerStates,
  hostPortsOf,
  runCompose,
  type Compose,
} from './lib/images/compose.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const PROJECT = 'kavosh-smoke';
const HEALTHY_WITHIN_MS = 8 * 60_000;
const RESTART_WITHIN_MS = 3 * 60_000;
const POLL_EVERY_MS = 200;
// Not built here (no Debian package, no registry): the `observability` profile keeps them out.
const LEFT_OUT = ['jaeger', 'grafana'];

const started = performance.now();
const log = (line: string) =>
  console.log(
    `compose-smoke | ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s | ${line}`,
  );
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/**
 * docker-compose.yml without the services of a profile (`cluster`, `observability`): Compose v1.29
 * refuses to load the file at all when a service `extends` one with depends_on, even one of a
 * profile that is not asked for. The rest is the same file, anchors and merges resolved.
 */
function activeProfilesOnly(file: string): string {
  const doc = parse(readFileSync(file, 'utf8'), { merge: true }) as {
    services?: Record<string, { profiles?: unknown }>;
  };
  const services = Object.entries(doc.services ?? {}).filter(([, s]) => s.profiles === undefined);
  const dir = mkdtempSync(join(tmpdir(), 'kavosh-compose-'));
  const out = join(dir, 'docker-compose.yml');
  // YAML 1.1 output quotes 'no' and the like, which Compose v1 (PyYAML) would read as booleans.
  writeFileSync(
    out,
    stringify({ ...doc, services: Object.fromEntries(services) }, { version: '1.1' }),
  );
  return out;
}

/** Until every container is healthy (or, for the one-shot migrations, exited 0). */
async function waitHealthy(compose: Compose, within: number): Promise<void> {
  const deadline = Date.now() + within;
  let last = '';
  for (;;) {
    const states = await containerStates(compose);
    const failed = states.filter(
      (s) =>
        (s.status === 'exited' && s.exitCode !== 0) ||
        s.health === 'unhealthy' ||
        s.status === 'dead',
    );
    if (failed.length > 0) {
      const logs = await runCompose(compose, [
        'logs',
        '--tail',
        '40',
        ...new Set(failed.map((s) => s.service)),
      ]);
      throw new Error(
        `failed: ${failed.map((s) => `${s.service} ${s.status} ${s.health} exit ${s.exitCode}`).join(', ')}\n${logs.output}`,
      );
    }
    const waiting = states.filter((s) =>
      s.status === 'exited'
        ? false
        : s.health !== 'healthy' && s.health !== 'none'
          ? true
          : s.status !== 'running',
    );
    const summary = waiting
      .map((s) => `${s.service}:${s.health === 'none' ? s.status : s.health}`)
      .join(' ');
    if (states.length > 0 && waiting.length === 0) return;
    if (summary !== last) log(`waiting for ${summary || 'containers'}`);
    last = summary;
    if (Date.now() > deadline) throw new Error(`not healthy within ${within / 1000} s: ${summary}`);
    await sleep(2_000);
  }
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(opts.token === undefined ? {} : { authorization: `Bearer ${opts.token}` }),
    },
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { text };
  }
  return { status: res.status, body };
}

/** Opens the socket with the ticket and resolves with its first frame. */
function firstFrame(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no WebSocket frame within 30 s'));
    }, 30_000);
    ws.once('message', (data: Buffer) => {
      clearTimeout(timer);
      ws.close();
      resolve(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
    });
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`WebSocket upgrade refused: ${res.statusCode}`));
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

async function journey(gateway: string): Promise<{ token: string }> {
  const email = `smoke-${randomBytes(4).toString('hex')}@example.com`;
  const password = `smoke ${randomBytes(12).toString('base64url')} passphrase`;
  const registered = await call(gateway, 'POST', '/api/auth/register', {
    body: { email, password, displayName: 'Compose Smoke' },
  });
  check(
    registered.status === 201,
    `register: ${registered.status} ${JSON.stringify(registered.body)}`,
  );
  log(`register: 201, user ${String(registered.body.id)}`);

  const login = await call(gateway, 'POST', '/api/auth/login', { body: { email, password } });
  check(
    login.status === 200 && typeof login.body.accessToken === 'string',
    `login: ${login.status} ${JSON.stringify(login.body)}`,
  );
  const token = String(login.body.accessToken);
  log('login: 200, access token issued');

  const list = await call(gateway, 'GET', '/api/catalog/movies?limit=100');
  const items = Array.isArray(list.body.items)
    ? (list.body.items as Record<string, unknown>[])
    : [];
  check(
    list.status === 200 && items.length > 0,
    `list movies: ${list.status} ${JSON.stringify(list.body).slice(0, 300)}`,
  );
  log(`list movies: 200, ${items.length} movies on the first page`);

  const premium = items.find((movie) => movie.premium === true);
  check(premium !== undefined, 'no premium movie on the first page of the demo catalog');
  const playback = await call(
    gateway,
    'GET',
    `/api/catalog/movies/${String(premium.id)}/playback`,
    { token },
  );
  check(
    playback.status === 403 && playback.body.code === 'SUBSCRIPTION_REQUIRED',
    `premium playback: ${playback.status} ${JSON.stringify(playback.body)}`,
  );
  log(
    `premium playback of "${String(premium.title)}" without a subscription: 403 SUBSCRIPTION_REQUIRED`,
  );

  const ticket = await call(gateway, 'POST', '/api/social/ws-ticket', { token });
  check(
    ticket.status === 200 && typeof ticket.body.ticket === 'string',
    `ws ticket: ${ticket.status} ${JSON.stringify(ticket.body)}`,
  );
  const frame = await firstFrame(
    `${gateway.replace(/^http/, 'ws')}/api/social/ws?ticket=${String(ticket.body.ticket)}`,
  );
  check(frame.type === 'ready', `first WebSocket frame: ${JSON.stringify(frame)}`);
  log('WebSocket ticket: 200; the socket through the gateway says "ready"');
  return { token };
}

/** Polls the movie list while `compose restart catalog` runs; every answer must be a 200. */
async function restartWhilePolling(compose: Compose, gateway: string): Promise<void> {
  const outcomes: string[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      try {
        const res = await call(gateway, 'GET', '/api/catalog/movies?limit=5');
        outcomes.push(res.status === 200 ? 'ok' : `${res.status} ${String(res.body.code)}`);
      } catch (err) {
        outcomes.push(`error ${err instanceof Error ? err.message : String(err)}`);
      }
      await sleep(POLL_EVERY_MS);
    }
  })();
  try {
    await sleep(1_000);
    const before = outcomes.length;
    log('compose restart catalog (one replica) while a client polls GET /api/catalog/movies');
    await composeOrThrow(compose, ['restart', 'catalog']);
    await waitHealthy(compose, RESTART_WITHIN_MS);
    await sleep(1_000);
    check(outcomes.length > before, 'the poller made no request during the restart');
  } finally {
    polling = false;
    await poller;
  }
  const failed = outcomes.filter((o) => o !== 'ok');
  log(`restart: ${outcomes.length} requests while catalog restarted, ${failed.length} failed`);
  check(
    failed.length === 0,
    `requests failed during the restart: ${[...new Set(failed)].join('; ')}`,
  );
}

async function main(): Promise<void> {
  const standins =
    imageExists('kavosh/standin-mysql:bookworm') && !process.env.COMPOSE_SMOKE_OFFICIAL;
  const base = activeProfilesOnly(`${root}/docker-compose.yml`);
  const files = [base, ...(standins ? [`${root}/docker-compose.standins.yml`] : [])];
  const ports = standins ? hostPortsOf(`${root}/docker-compose.standins.yml`) : {};
  const compose: Compose = {
    argv: [...composeCommand(), '--project-directory', root],
    files,
    env: {
      ...process.env,
      COMPOSE_PROJECT_NAME: PROJECT,
      // Catalog fills its empty database with the demo movies (some premium) before it listens.
      SEED_DEMO_DATA: 'true',
      ...ports,
    },
  };
  const gateway = `http://127.0.0.1:${ports.GATEWAY_HOST_PORT ?? '8080'}`;
  log(`compose: ${compose.argv.join(' ')} -p ${PROJECT} -f ${files.join(' -f ')}`);
  log(
    `services of profiles not asked for are left out of ${base} (Compose v1.29 would refuse their extends)`,
  );
  log(standins ? `stand-in data stores; host ports ${JSON.stringify(ports)}` : 'official images');
  log(
    `left out by the "observability" profile (no image can be built here): ${LEFT_OUT.join(', ')}`,
  );

  const env = spawnSync('npm', ['run', '--silent', 'compose:env'], { cwd: root, encoding: 'utf8' });
  check(env.status === 0, `npm run compose:env failed: ${env.stdout}${env.stderr}`);
  log(`compose:env: ${env.stdout.trim()}`);

  try {
    await runCompose(compose, ['down', '-v', '--remove-orphans']);
    const up = performance.now();
    await composeOrThrow(compose, ['up', '-d', '--no-build']);
    await waitHealthy(compose, HEALTHY_WITHIN_MS);
    const states = await containerStates(compose);
    log(`up: every healthcheck passes after ${((performance.now() - up) / 1000).toFixed(0)} s`);
    for (const s of states.sort((a, b) => a.service.localeCompare(b.service)))
      log(
        `  ${s.service.padEnd(16)} ${s.status === 'exited' ? `exited ${s.exitCode}` : s.health === 'none' ? s.status : s.health}`,
      );
    for (const service of LEFT_OUT)
      check(
        !states.some((s) => s.service === service),
        `${service} started though its profile was not asked for`,
      );
    await journey(gateway);
    await restartWhilePolling(compose, gateway);
    log('passed');
  } finally {
    const down = await runCompose(compose, ['down', '-v', '--remove-orphans']);
    log(down.code === 0 ? 'down -v: done' : `down -v failed (exit ${down.code}):\n${down.output}`);
  }
}

main().catch((err: unknown) => {
  console.error(`compose-smoke | FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
