import type { Connection } from 'mariadb';
import { withSchema } from '../journey/sql.js';
import type { ServiceName } from '../service-env.js';
import type { Ledger } from './stream.js';

/** One reconciliation: how many items agreed, how many did not, and the first few that did not. */
export interface Check {
  name: string;
  passed: number;
  failed: number;
  failures: string[];
}

export function check(name: string): Check & { pass(): void; fail(why: string): void } {
  const result: Check = { name, passed: 0, failed: 0, failures: [] };
  return Object.assign(result, {
    pass: () => {
      result.passed++;
    },
    fail: (why: string) => {
      result.failed++;
      if (result.failures.length < 5) result.failures.push(why);
    },
  });
}

export type Schemas = Record<ServiceName, string>;

type Row = Record<string, unknown>;
const query = async (conn: Connection, sql: string, params: unknown[] = []): Promise<Row[]> =>
  (await conn.query(sql, params)) as Row[];
const read = <T>(url: string, sql: string, params: unknown[] = []) =>
  withSchema(url, (conn) => query(conn, sql, params)) as Promise<T[]>;

/** Events each schema has not yet published (sent_at is null: waiting, backing off or parked). */
export async function undrainedOutboxes(schemas: Schemas): Promise<Record<ServiceName, number>> {
  const entries = await Promise.all(
    Object.entries(schemas).map(async ([name, url]) => {
      const [row] = await read<{ n: bigint }>(
        url,
        'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL',
      );
      return [name, Number(row?.n ?? 0)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ServiceName, number>;
}

/**
 * Every reconciliation between the ledger (what clients sent and were told) and the schemas (what
 * the services and their projections hold).
 */
export async function reconcile(ledger: Ledger, schemas: Schemas): Promise<Check[]> {
  const checks: Check[] = [];
  const like = `fault-${ledger.runId}-%`;

  // auth: accounts.
  const users = await read<{ id: string; email: string; display_name: string }>(
    schemas.auth,
    'SELECT id, email, display_name FROM users WHERE email LIKE ?',
    [like],
  );
  const userByEmail = new Map(users.map((u) => [u.email, u]));
  const accounts = check('acknowledged registrations exist in auth');
  for (const [email, entry] of ledger.registrations) {
    if (!entry.acked) continue;
    if (userByEmail.has(email)) accounts.pass();
    else accounts.fail(`${email} acknowledged but missing`);
  }
  checks.push(accounts);
  const extraAccounts = check('every auth account was sent by a client (no stray or doubled one)');
  for (const u of users) {
    if (ledger.registrations.has(u.email)) extraAccounts.pass();
    else extraAccounts.fail(`${u.email} never sent`);
  }
  checks.push(extraAccounts);

  // Projections of auth's events in billing and social, and the last display name.
  const customers = new Set(
    (await read<{ user_id: string }>(schemas.billing, 'SELECT user_id FROM customers')).map(
      (r) => r.user_id,
    ),
  );
  const profiles = new Map(
    (
      await read<{ user_id: string; display_name: string }>(
        schemas.social,
        'SELECT user_id, display_name FROM profiles',
      )
    ).map((r) => [r.user_id, r.display_name]),
  );
  const billingCustomers = check('billing has one customer per auth account');
  const socialProfiles = check("social's profile of each account carries auth's display name");
  const names = check('the last acknowledged display name holds in auth');
  for (const u of users) {
    if (customers.has(u.id)) billingCustomers.pass();
    else billingCustomers.fail(`${u.id} has no billing customer`);
    const profile = profiles.get(u.id);
    if (profile === u.display_name) socialProfiles.pass();
    else socialProfiles.fail(`${u.id}: social "${profile}", auth "${u.display_name}"`);
    const sent = ledger.profiles.get(u.id) ?? [];
    const lastAcked = sent.map((e) => e.acked).lastIndexOf(true);
    if (lastAcked < 0) continue;
    // Names sent after the last acknowledged one may or may not have been applied.
    const allowed = sent.slice(lastAcked).map((e) => e.value);
    if (allowed.includes(u.display_name)) names.pass();
    else names.fail(`${u.id}: "${u.display_name}", expected one of ${allowed.join(' | ')}`);
  }
  checks.push(billingCustomers, socialProfiles, names);
  if (customers.size !== users.length)
    billingCustomers.fail(`${customers.size} customers for ${users.length} accounts`);

  // social: ratings, and catalog's projection of their aggregates.
  const ratings = await read<{ user_id: string; movie_id: string; value: number }>(
    schemas.social,
    'SELECT user_id, movie_id, value FROM ratings',
  );
  const ratingRows = new Map(ratings.map((r) => [`${r.user_id}:${r.movie_id}`, Number(r.value)]));
  const ackedRatings = check('the last acknowledged rating of each user and movie holds');
  for (const [key, sent] of ledger.ratings) {
    const stored = ratingRows.get(key);
    const lastAcked = sent.map((e) => e.acked).lastIndexOf(true);
    if (lastAcked < 0 && stored === undefined) continue;
    // Values sent after the last acknowledged one may or may not have been applied.
    const allowed = sent.slice(Math.max(0, lastAcked)).map((e) => e.value);
    if (stored !== undefined && allowed.includes(stored)) ackedRatings.pass();
    else ackedRatings.fail(`${key}: stored ${stored}, expected one of ${allowed.join(' | ')}`);
  }
  checks.push(ackedRatings);
  const strayRatings = check('every rating row was sent by a client');
  for (const key of ratingRows.keys()) {
    if (ledger.ratings.has(key)) strayRatings.pass();
    else strayRatings.fail(`${key} never sent`);
  }
  checks.push(strayRatings);
  const aggregates = await read<{ movie_id: string; rating_count: number; rating_sum: bigint }>(
    schemas.social,
    'SELECT movie_id, rating_count, rating_sum FROM rating_aggregates',
  );
  const catalogMovies = new Map(
    (
      await read<{ id: string; rating_count: number; rating_sum: bigint }>(
        schemas.catalog,
        'SELECT id, rating_count, rating_sum FROM movies',
      )
    ).map((m) => [m.id, `${Number(m.rating_count)}/${Number(m.rating_sum)}`]),
  );
  const truth = new Map<string, { count: number; sum: number }>();
  for (const r of ratings) {
    const t = truth.get(r.movie_id) ?? { count: 0, sum: 0 };
    t.count++;
    t.sum += Number(r.value);
    truth.set(r.movie_id, t);
  }
  const socialAggregates = check("social's rating aggregates equal its ratings (count and sum)");
  const catalogAggregates = check("catalog's rating count and sum equal social's, per movie");
  for (const a of aggregates) {
    const t = truth.get(a.movie_id) ?? { count: 0, sum: 0 };
    const social = `${Number(a.rating_count)}/${Number(a.rating_sum)}`;
    if (social === `${t.count}/${t.sum}`) socialAggregates.pass();
    else socialAggregates.fail(`${a.movie_id}: aggregate ${social}, rows ${t.count}/${t.sum}`);
    // A movie no client rated is one of the demo seed's, whose catalog figures are synthetic.
    if (!truth.has(a.movie_id) && Number(a.rating_count) === 0) continue;
    const catalog = catalogMovies.get(a.movie_id);
    if (catalog === social) catalogAggregates.pass();
    else catalogAggregates.fail(`${a.movie_id}: catalog ${catalog}, social ${social}`);
  }
  if (aggregates.length < truth.size)
    socialAggregates.fail(`${truth.size - aggregates.length} rated movies without an aggregate`);
  checks.push(socialAggregates, catalogAggregates);

  // social: comments, each sent once with a unique body.
  const comments = await read<{ body: string; n: bigint }>(
    schemas.social,
    'SELECT body, COUNT(*) AS n FROM comments GROUP BY body',
  );
  const commentRows = new Map(comments.map((c) => [c.body, Number(c.n)]));
  const ackedComments = check('acknowledged comments exist exactly once');
  for (const [body, entry] of ledger.comments) {
    const n = commentRows.get(body) ?? 0;
    if (!entry.acked && n === 0) continue;
    if (n === 1) ackedComments.pass();
    else ackedComments.fail(`${body}: ${n} rows`);
  }
  checks.push(ackedComments);
  const strayComments = check('every comment row was sent by a client, once');
  for (const [body, n] of commentRows) {
    if (ledger.comments.has(body) && n === 1) strayComments.pass();
    else strayComments.fail(`${body}: ${n} rows, sent ${ledger.comments.has(body)}`);
  }
  checks.push(strayComments);

  // social: follows.
  for (const [label, table, left, right, sent] of [
    ['user follows', 'user_follows', 'follower_id', 'followee_id', ledger.followsUser],
    ['genre follows', 'genre_follows', 'user_id', 'genre_id', ledger.followsGenre],
  ] as const) {
    const rows = new Set(
      (await read<Row>(schemas.social, `SELECT ${left} AS a, ${right} AS b FROM ${table}`)).map(
        (r) => `${String(r.a)}:${String(r.b)}`,
      ),
    );
    const acked = check(`acknowledged ${label} exist`);
    for (const [key, entry] of sent) {
      if (!entry.acked) continue;
      if (rows.has(key)) acked.pass();
      else acked.fail(`${key} acknowledged but missing`);
    }
    const stray = check(`every ${label.slice(0, -1)} row was sent by a client`);
    for (const key of rows) {
      if (sent.has(key)) stray.pass();
      else stray.fail(`${key} never sent`);
    }
    checks.push(acked, stray);
  }

  // billing → catalog: paid checkouts became active subscriptions and entitlements.
  const subscriptions = await read<{ id: string; user_id: string; status: string }>(
    schemas.billing,
    'SELECT id, user_id, status FROM subscriptions',
  );
  const entitlements = new Map(
    (
      await read<{ subscription_id: string; state: string }>(
        schemas.catalog,
        'SELECT subscription_id, state FROM entitlements',
      )
    ).map((e) => [e.subscription_id, e.state]),
  );
  const paid = check('each paid checkout is one active subscription with a catalog entitlement');
  for (const [userId, entry] of ledger.checkouts) {
    const mine = subscriptions.filter((s) => s.user_id === userId);
    const sub = mine.find((s) => s.id === entry.subscriptionId);
    if (mine.length !== 1 || !sub) paid.fail(`${userId}: ${mine.length} subscriptions`);
    else if (entry.paid && !['active', 'trialing'].includes(sub.status))
      paid.fail(`${sub.id}: paid but ${sub.status}`);
    else if (entry.paid && entitlements.get(sub.id) !== 'active')
      paid.fail(`${sub.id}: entitlement ${entitlements.get(sub.id)}`);
    else paid.pass();
  }
  const strayEntitlements = check('every entitlement belongs to a checkout a client made');
  const checkoutSubs = new Set([...ledger.checkouts.values()].map((c) => c.subscriptionId));
  for (const id of entitlements.keys()) {
    if (checkoutSubs.has(id)) strayEntitlements.pass();
    else strayEntitlements.fail(`${id} has no checkout`);
  }
  checks.push(paid, strayEntitlements);

  // social: one notification per event and recipient (a redelivered event adds none).
  const doubled = await read<{ source_event_id: string; n: bigint }>(
    schemas.social,
    `SELECT source_event_id, COUNT(*) AS n FROM notifications WHERE source_event_id IS NOT NULL
      GROUP BY source_event_id, user_id, kind HAVING COUNT(*) > 1`,
  );
  const [notes] = await read<{ n: bigint }>(
    schemas.social,
    'SELECT COUNT(*) AS n FROM notifications WHERE source_event_id IS NOT NULL',
  );
  const notifications = check('one notification per event and recipient');
  notifications.passed = Number(notes?.n ?? 0) - doubled.length;
  for (const d of doubled) notifications.fail(`event ${d.source_event_id}: ${Number(d.n)} rows`);
  checks.push(notifications);

  const outboxes = check('every outbox drained (no unsent or parked event)');
  for (const [name, n] of Object.entries(await undrainedOutboxes(schemas))) {
    if (n === 0) outboxes.pass();
    else outboxes.fail(`${name}: ${n} unsent`);
  }
  checks.push(outboxes);
  return checks;
}

/** `N passed, N failed` per check, and the first failures of each. */
export function formatChecks(checks: Check[]): string {
  return checks
    .map(
      (c) =>
        `  ${c.failed === 0 ? 'ok  ' : 'FAIL'} ${c.name}: ${c.passed} passed, ${c.failed} failed` +
        c.failures.map((f) => `\n         ${f}`).join(''),
    )
    .join('\n');
}
