// Billing: provider webhook handling (verify + inbox + state change + outbox) on one core, beside
// the Stripe signature check alone, and POST /checkout latency against the payment sandbox.
// Needs MariaDB, RabbitMQ and Redis running and billing's Prisma client (`npx nx run billing:generate`).
// BENCH_PROFILE=1 also profiles billing (node --cpu-prof) and notes where its CPU time went.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importJWK, SignJWT } from 'jose';
import { createConnection } from 'mariadb';
import { migrate } from '@kavosh/db';
import { freePort, startPaymentSandbox } from '@kavosh/testing';
import { mainThreadProfile, topSelfTime } from './lib/cpu-profile.js';
import type { Benchmark, BenchResult } from './lib/types.js';
import { closedLoop, round } from './lib/closed-loop.js';

const ADMIN_URL = process.env.MYSQL_ADMIN_URL ?? 'mysql://root@127.0.0.1:3306';
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BILLING_DIR = fileURLToPath(new URL('../services/billing/', import.meta.url));
const VERIFY_SCRIPT = fileURLToPath(new URL('./lib/stripe-verify.ts', import.meta.url));
const ISSUER = 'http://localhost:8080';
const AUDIENCE = 'kavosh';
const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('hex')}`;
const SUBSCRIPTIONS = 200;
const DAY_SECONDS = 86_400;

/** The Stripe-Signature header Stripe sends: HMAC-SHA256 of "<t>.<body>" under the secret. */
function signatureOf(payload: string, secret: string): string {
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

interface BenchSubscription {
  id: string;
  providerId: string;
  customerId: string;
  priceMinor: number;
  currency: string;
  periodStart: number;
}

/**
 * The k-th renewal of a subscription as Stripe sends it when the charge succeeds: invoice.paid
 * (API 2026-11-18: the subscription under parent.subscription_details, the period on the line).
 * Billing records the invoice and the payment (billing.payment.succeeded.v1) and moves the paid
 * period on (billing.subscription.activated.v1), so every delivery changes state.
 */
function renewalEvent(sub: BenchSubscription, renewal: number, created: number): string {
  const start = sub.periodStart + renewal * 30 * DAY_SECONDS;
  const invoiceId = `in_bench_${randomBytes(12).toString('hex')}`;
  return JSON.stringify({
    id: `evt_bench_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2026-11-18.endive',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'invoice.paid',
    data: {
      object: {
        id: invoiceId,
        object: 'invoice',
        number: `BENCH-${invoiceId.slice(-8).toUpperCase()}`,
        customer: sub.customerId,
        parent: {
          type: 'subscription_details',
          subscription_details: {
            subscription: sub.providerId,
            metadata: { subscriptionId: sub.id },
          },
        },
        amount_due: sub.priceMinor,
        amount_paid: sub.priceMinor,
        currency: sub.currency.toLowerCase(),
        status: 'paid',
        billing_reason: 'subscription_cycle',
        attempt_count: 1,
        created,
        period_start: start - 30 * DAY_SECONDS,
        period_end: start,
        status_transitions: { paid_at: created, finalized_at: created },
        lines: {
          object: 'list',
          data: [
            {
              id: `il_${invoiceId}`,
              object: 'line_item',
              amount: sub.priceMinor,
              currency: sub.currency.toLowerCase(),
              description: `1 × Bench plan`,
              period: { start, end: start + 30 * DAY_SECONDS },
            },
          ],
        },
      },
    },
  });
}

async function verifyLoop(
  pinned: boolean,
  seconds: number,
  payload: string,
): Promise<{ perSecond: number; perCpuSecond: number }> {
  const node = [process.execPath, '--import', 'tsx', '--conditions=source', VERIFY_SCRIPT];
  const [cmd, ...args] = pinned ? ['taskset', '-c', '0', ...node] : node;
  const child = spawn(cmd ?? process.execPath, [...args, String(seconds)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child.stdin.end(
    JSON.stringify({
      payload,
      header: signatureOf(payload, WEBHOOK_SECRET),
      secret: WEBHOOK_SECRET,
    }),
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const parsed: unknown = JSON.parse(out.trim() || '{}');
  if (
    code !== 0 ||
    typeof parsed !== 'object' ||
    parsed === null ||
    !('perSecond' in parsed) ||
    !('perCpuSecond' in parsed)
  ) {
    throw new Error(`stripe-verify exited with ${code}: ${out}`);
  }
  return { perSecond: Number(parsed.perSecond), perCpuSecond: Number(parsed.perCpuSecond) };
}

/** User + system CPU seconds a process has used so far (Linux /proc; USER_HZ 100). */
function cpuSecondsOf(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Self time of a .cpuprofile by package (node_modules/<name>, or the repo folder), in %. */
function selfTimeByPackage(file: string, top = 8): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const owner = new Map(
    profile.nodes.map((node) => {
      const { url, functionName } = node.callFrame;
      const pkg =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
        /\/work\/main\/((?:packages|services)\/[^/]+)/.exec(url)?.[1] ??
        (url.startsWith('node:') ? 'node internals' : functionName || '(native)');
      return [node.id, pkg];
    }),
  );
  const totals = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const pkg = owner.get(id) ?? '(unknown)';
    if (pkg === '(idle)') return;
    const delta = profile.timeDeltas[i] ?? 0;
    totals.set(pkg, (totals.get(pkg) ?? 0) + delta);
    busy += delta;
  });
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([pkg, micros]) => `${pkg} ${round((micros / busy) * 100, 1)}%`)
    .join('; ');
}

/** A JWKS for billing's token checks, served by this process; tokens for any user. */
async function startTokenIssuer() {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const publicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: 'bench', alg: 'EdDSA' };
  const key = await importJWK({ ...publicJwk, d: jwk.d }, 'EdDSA');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    tokenFor: (userId: string) =>
      new SignJWT({ roles: ['user'], jti: randomUUID() })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'bench' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime('30m')
        .sign(key),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const benchmark: Benchmark = {
  name: 'billing',
  description:
    'Billing pinned to core 0: signed invoice.paid webhooks (a paid renewal each: verify + ' +
    'provider-event inbox + invoice and payment rows + row-locked state change + audit row + two ' +
    'outbox events) with 16 ' +
    'concurrent deliveries, beside stripe.webhooks.constructEvent alone in a loop on the same ' +
    'core; then POST /checkout (customer + checkout session at the payment sandbox, a real ' +
    'process) p50/p99 with 4 concurrent clients.',
  async run(ctx): Promise<BenchResult> {
    const seconds = ctx.quick ? 3 : 10;
    const notes: string[] = [];
    const pin = spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0 && ctx.cpuCount >= 2;
    if (!pin) notes.push('taskset or a second core is missing: billing was not pinned.');
    if (ctx.quick) notes.push('BENCH_QUICK=1: 3 s runs, figures are a smoke test only.');
    notes.push(
      `load average at start: ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')}`,
    );
    notes.push(
      'The payment sandbox and the load generator share the other cores; the outbox relay ' +
        'publishes to RabbitMQ on billing’s core during the webhook run, as in production.',
    );

    const dbName = `bench_billing_${randomBytes(3).toString('hex')}`;
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
    const databaseUrl = dbUrl.toString();
    await migrate({ databaseUrl, migrationsDir: `${BILLING_DIR}prisma/migrations` });

    const sandbox = await startPaymentSandbox();
    const issuer = await startTokenIssuer();
    const port = await freePort();
    const profileDir =
      process.env.BENCH_PROFILE === '1'
        ? mkdtempSync(join(tmpdir(), 'kavosh-billing-prof-'))
        : undefined;
    const node = [
      process.execPath,
      ...(profileDir
        ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-interval=250']
        : []),
      '--import',
      'tsx',
      '--conditions=source',
      'src/main.ts',
    ];
    const [cmd, ...args] = pin ? ['taskset', '-c', '0', ...node] : node;
    const child = spawn(cmd ?? process.execPath, args, {
      cwd: BILLING_DIR,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        AMQP_URL,
        REDIS_URL,
        MIGRATE_ON_START: 'false',
        AUTH_JWKS_URL: issuer.jwksUrl,
        STRIPE_HOST: sandbox.host,
        STRIPE_PORT: String(sandbox.port),
        STRIPE_PROTOCOL: 'http',
        STRIPE_SECRET_KEY: sandbox.apiKey,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    const stopBilling = async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    };
    try {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const ready = await fetch(`${base}/health/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error('billing did not start');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      ctx.log('billing is ready');
      const listed = (await (await fetch(`${base}/plans`)).json()) as {
        items: {
          id: string;
          name: string;
          tier: string;
          price: { amountMinor: number; currency: string };
          interval: string;
        }[];
      };
      const first = listed.items[0];
      const plan = first && {
        ...first,
        priceMinor: first.price.amountMinor,
        currency: first.price.currency,
      };
      if (!plan) throw new Error('billing has no plan (SEED_DEFAULT_PLANS)');

      // Active subscriptions the webhooks renew, as a checkout and its webhooks would leave them.
      const now = Math.floor(Date.now() / 1000);
      const subs: BenchSubscription[] = [];
      for (let i = 0; i < SUBSCRIPTIONS; i += 1) {
        const sub = {
          id: randomUUID(),
          providerId: `sub_bench_${i}_${randomBytes(4).toString('hex')}`,
          customerId: `cus_bench_${i}`,
          priceMinor: plan.priceMinor,
          currency: plan.currency,
          periodStart: now,
        };
        const userId = randomUUID();
        await admin.query(
          `INSERT INTO ${dbName}.subscriptions (id, user_id, active_user_id, plan_id, plan_name, tier,
             price_minor, currency, \`interval\`, trial_days, status, cancel_at_period_end,
             current_period_start, current_period_end, provider_customer_id, provider_subscription_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'active', 0, FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?, ?)`,
          [
            sub.id,
            userId,
            userId,
            plan.id,
            plan.name,
            plan.tier,
            plan.priceMinor,
            plan.currency,
            plan.interval,
            now,
            now + 30 * DAY_SECONDS,
            sub.customerId,
            sub.providerId,
          ],
        );
        subs.push(sub);
      }

      // Signed ahead, so the load generator only sends: enough for the fastest run we expect.
      const planned = ctx.quick ? 6_000 : 20_000;
      const deliveries = Array.from({ length: planned }, (_, k) => {
        const sub = subs[k % subs.length] as BenchSubscription;
        const payload = renewalEvent(sub, Math.floor(k / subs.length) + 1, now + k);
        return { payload, signature: signatureOf(payload, WEBHOOK_SECRET) };
      });
      let next = 0;
      const deliver = async (): Promise<boolean | 'done'> => {
        const delivery = deliveries[next++];
        if (!delivery) return 'done';
        const res = await fetch(`${base}/webhooks/provider`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': delivery.signature },
          body: delivery.payload,
        });
        await res.arrayBuffer();
        return res.status === 200;
      };
      await closedLoop(16, 1, deliver); // warm-up
      const cpuBefore = cpuSecondsOf(child.pid);
      const webhooks = await closedLoop(16, seconds, deliver);
      // Events per second of billing's own CPU: what one core would do, however busy the machine.
      const webhookPerCpuSecond = round(webhooks.n / (cpuSecondsOf(child.pid) - cpuBefore), 1);
      if (next >= deliveries.length)
        notes.push('the pre-signed webhooks ran out: raise `planned`.');
      ctx.log(`webhooks x16: ${webhooks.perSecond}/s, ${webhooks.failures} not 200`);
      const outcomes = (await admin.query(
        `SELECT COALESCE(outcome, 'none') AS outcome, COUNT(*) AS n
         FROM ${dbName}.provider_events GROUP BY outcome ORDER BY outcome`,
      )) as { outcome: string; n: bigint }[];
      const [outbox] = (await admin.query(
        `SELECT COUNT(*) AS n FROM ${dbName}.outbox WHERE type = 'billing.subscription.activated.v1'`,
      )) as { n: bigint }[];
      notes.push(
        `after the webhook run: provider events by outcome ${outcomes
          .map((o) => `${o.outcome} ${o.n}`)
          .join(', ')}; ${outbox?.n ?? 0} billing.subscription.activated.v1 in the outbox.`,
      );

      const verify = await verifyLoop(pin, seconds / 2, deliveries[0]?.payload ?? '{}');
      ctx.log(`constructEvent alone: ${verify.perSecond}/s (${verify.perCpuSecond} per CPU s)`);

      // One checkout per user (one subscription each): tokens signed ahead.
      const tokens = await Promise.all(
        Array.from({ length: ctx.quick ? 600 : 2_000 }, () => issuer.tokenFor(randomUUID())),
      );
      let nextToken = 0;
      const checkout = async (): Promise<boolean | 'done'> => {
        const token = tokens[nextToken++];
        if (!token) return 'done';
        const res = await fetch(`${base}/checkout`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${token}`,
            'idempotency-key': randomUUID(),
          },
          body: JSON.stringify({ planId: plan.id }),
        });
        await res.arrayBuffer();
        return res.status === 201;
      };
      await closedLoop(4, 1, checkout); // warm-up
      const checkouts = await closedLoop(4, seconds, checkout);
      if (nextToken >= tokens.length)
        notes.push('the pre-signed tokens ran out: raise their count.');
      ctx.log(
        `checkout x4: ${checkouts.perSecond}/s p50 ${checkouts.p50Ms} ms p99 ${checkouts.p99Ms} ms`,
      );

      if (profileDir) {
        await stopBilling(); // --cpu-prof writes the profile at exit
        const file = mainThreadProfile(profileDir);
        notes.push(
          `billing profile (whole run, start-up included), self time by package: ${selfTimeByPackage(file)}`,
          `top functions: ${topSelfTime(file, 8)
            .map((t) => `${t.fn} ${t.percent}%`)
            .join('; ')}`,
        );
        rmSync(profileDir, { recursive: true, force: true });
      }
      return {
        figures: {
          webhook_c16_per_s: webhooks.perSecond,
          webhook_c16_p50_ms: webhooks.p50Ms,
          webhook_c16_p99_ms: webhooks.p99Ms,
          webhook_failures: webhooks.failures,
          webhook_per_cpu_s: webhookPerCpuSecond,
          stripe_construct_event_per_s: verify.perSecond,
          stripe_construct_event_per_cpu_s: verify.perCpuSecond,
          webhook_to_verify_cpu_ratio: round(webhookPerCpuSecond / verify.perCpuSecond, 4),
          checkout_c4_per_s: checkouts.perSecond,
          checkout_c4_p50_ms: checkouts.p50Ms,
          checkout_c4_p99_ms: checkouts.p99Ms,
          checkout_failures: checkouts.failures,
        },
        table: {
          columns: ['measurement', 'per s', 'per CPU s', 'p50 ms', 'p99 ms', 'failures'],
          rows: [
            [
              'webhook: verify + inbox + state change + outbox (billing on 1 core, 16 deliveries)',
              webhooks.perSecond,
              webhookPerCpuSecond,
              webhooks.p50Ms,
              webhooks.p99Ms,
              webhooks.failures,
            ],
            [
              'stripe.webhooks.constructEvent alone (1 core)',
              verify.perSecond,
              verify.perCpuSecond,
              '',
              '',
              '',
            ],
            [
              'POST /checkout against the sandbox (4 clients)',
              checkouts.perSecond,
              '',
              checkouts.p50Ms,
              checkouts.p99Ms,
              checkouts.failures,
            ],
          ],
        },
        notes,
      };
    } finally {
      await stopBilling();
      await sandbox.stop();
      await issuer.close();
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
      await admin.end();
    }
  },
};
