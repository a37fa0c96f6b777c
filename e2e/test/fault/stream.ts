import { randomInt, randomUUID } from 'node:crypto';
import type { PaymentSandbox } from '@kavosh/testing';

/**
 * The fault suite's client: many concurrent users acting through the gateway while faults are
 * injected. Every action is written down before it is sent and marked acknowledged only on a 2xx,
 * so that afterwards the schemas can be reconciled with what the clients were told.
 *
 * Retries are what a real client does: idempotent requests (PUT a rating, follow, set a display
 * name, log in, checkout under its Idempotency-Key) are retried until a 2xx or a definite 4xx;
 * a comment has no idempotency key, so it is re-sent only when the connection was refused (the
 * request never left), and otherwise stays "unacknowledged" (it may or may not have happened).
 */

export type ActionKind =
  'register' | 'login' | 'rate' | 'comment' | 'followUser' | 'followGenre' | 'profile' | 'checkout';

export const ACTION_KINDS: ActionKind[] = [
  'register',
  'login',
  'rate',
  'comment',
  'followUser',
  'followGenre',
  'profile',
  'checkout',
];

/** Share of the stream per action (registration and checkout are the expensive ones). */
const MIX: [ActionKind, number][] = [
  ['rate', 46],
  ['comment', 20],
  ['followUser', 12],
  ['followGenre', 8],
  ['profile', 10],
  ['register', 2],
  ['checkout', 2],
];

/** How long one action keeps retrying: longer than the longest outage of the suite. */
const RETRY_WINDOW_MS = 60_000;
const REQUEST_TIMEOUT_MS = 20_000;

export interface StreamUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
  token: string;
  busy: boolean;
  rated: Set<string>;
  followedUsers: Set<string>;
  followedGenres: Set<string>;
  checkedOut: boolean;
}

export interface Attempted<T> {
  value: T;
  acked: boolean;
}

export interface Ledger {
  runId: string;
  attempts: Record<ActionKind, number>;
  acked: Record<ActionKind, number>;
  /** Actions that ended without a 2xx (gave up, or an ambiguous failure not retried). */
  unacked: Record<ActionKind, number>;
  /** Answers that were neither 2xx nor a retryable failure, by "kind status code". */
  unexpected: Map<string, number>;
  registrations: Map<string, Attempted<{ id?: string }>>;
  /** `${userId}:${movieId}` → every value sent, in order. */
  ratings: Map<string, Attempted<number>[]>;
  /** The comment body (unique per action) → who wrote it where. */
  comments: Map<string, Attempted<{ userId: string; movieId: string }>>;
  followsUser: Map<string, Attempted<null>>;
  followsGenre: Map<string, Attempted<null>>;
  /** userId → every display name sent, in order, and whether each was acknowledged. */
  profiles: Map<string, Attempted<string>[]>;
  /** userId → the checkout's subscription and whether the sandbox took the payment. */
  checkouts: Map<string, { subscriptionId: string; paid: boolean }>;
  /** When each acknowledgement came, in ms after the stream started (the rate over time). */
  ackTimes: number[];
  /** Time from an action's first send to its end, per kind (ms, summed). */
  elapsedMs: Record<ActionKind, number>;
  startedAt: number;
  endedAt: number;
}

export interface StreamContext {
  base: string;
  sandbox: PaymentSandbox;
  movies: string[];
  genres: string[];
  planId: string;
}

interface Answer {
  status: number;
  body: Record<string, unknown> | undefined;
}

const zero = (): Record<ActionKind, number> =>
  Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as Record<ActionKind, number>;

export function newLedger(runId: string): Ledger {
  return {
    runId,
    attempts: zero(),
    acked: zero(),
    unacked: zero(),
    unexpected: new Map(),
    registrations: new Map(),
    ratings: new Map(),
    comments: new Map(),
    followsUser: new Map(),
    followsGenre: new Map(),
    profiles: new Map(),
    checkouts: new Map(),
    ackTimes: [],
    elapsedMs: zero(),
    startedAt: 0,
    endedAt: 0,
  };
}

/** Why a request failed without an answer: a refused connection never reached the server. */
const refused = (err: unknown): boolean => {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code === 'ECONNREFUSED';
};

async function send(
  ctx: StreamContext,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${ctx.base}${path}`, {
    method,
    headers,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  let body: Record<string, unknown> | undefined;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    body = undefined;
  }
  return { status: res.status, body };
}

const retryable = (status: number) => status >= 500 || status === 429 || status === 408;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends until a 2xx or a definite answer. `safe`: the request may be repeated (idempotent);
 * otherwise only a refused connection is retried. Resolves the last answer, or undefined when
 * there was none (timeouts, resets) or the retry window closed.
 */
async function attempt(
  ledger: Ledger,
  kind: ActionKind,
  request: () => Promise<Answer>,
  opts: { safe: boolean; accept?: (answer: Answer) => boolean },
): Promise<Answer | undefined> {
  const deadline = Date.now() + RETRY_WINDOW_MS;
  let delayMs = 100;
  for (;;) {
    let answer: Answer | undefined;
    let again = false;
    try {
      answer = await request();
      if (answer.status >= 200 && answer.status < 300) return answer;
      if (opts.accept?.(answer)) return answer;
      again = opts.safe && retryable(answer.status);
      if (!retryable(answer.status)) {
        note(ledger, `${kind} ${answer.status} ${String(answer.body?.code ?? '')}`);
        return answer;
      }
    } catch (err) {
      again = opts.safe || refused(err);
    }
    if (!again || Date.now() > deadline) return answer;
    await pause(delayMs);
    delayMs = Math.min(2_000, delayMs * 2);
  }
}

const ok = (answer: Answer | undefined): answer is Answer =>
  answer !== undefined && answer.status >= 200 && answer.status < 300;

function record(ledger: Ledger, kind: ActionKind, acked: boolean, since: number): void {
  const now = Date.now();
  ledger.elapsedMs[kind] += now - since;
  if (acked) {
    ledger.acked[kind]++;
    // Setup registrations come before the stream starts.
    if (ledger.startedAt > 0) ledger.ackTimes.push(now - ledger.startedAt);
  } else ledger.unacked[kind]++;
}

const pick = <T>(items: T[]): T | undefined =>
  items.length === 0 ? undefined : items[randomInt(items.length)];

/** Registers one account and logs it in; the user joins the pool once both answered. */
export async function registerUser(
  ctx: StreamContext,
  ledger: Ledger,
  pool: StreamUser[],
): Promise<void> {
  const n = ledger.registrations.size;
  const email = `fault-${ledger.runId}-${n}-${randomUUID().slice(0, 8)}@example.com`;
  const password = `fault passphrase ${randomUUID()}`;
  const displayName = `Fault User ${ledger.runId} ${n}`;
  const entry: Attempted<{ id?: string }> = { value: {}, acked: false };
  ledger.registrations.set(email, entry);
  ledger.attempts.register++;
  const since = Date.now();
  // A retried registration that finds its email taken was created by an earlier try.
  const created = await attempt(
    ledger,
    'register',
    () => send(ctx, 'POST', '/api/auth/register', { body: { email, password, displayName } }),
    { safe: true, accept: (answer) => answer.status === 409 },
  );
  entry.acked = ok(created);
  if (ok(created) && typeof created.body?.id === 'string') entry.value.id = created.body.id;
  record(ledger, 'register', entry.acked, since);
  if (created === undefined || (created.status !== 201 && created.status !== 409)) return;
  ledger.attempts.login++;
  const loginSince = Date.now();
  const login = await attempt(
    ledger,
    'login',
    () => send(ctx, 'POST', '/api/auth/login', { body: { email, password } }),
    { safe: true },
  );
  record(ledger, 'login', ok(login), loginSince);
  if (!ok(login) || typeof login.body?.accessToken !== 'string') return;
  const me = await attempt(
    ledger,
    'login',
    () => send(ctx, 'GET', '/api/auth/me', { token: String(login.body?.accessToken) }),
    { safe: true },
  );
  if (!ok(me) || typeof me.body?.id !== 'string') return;
  entry.value.id = me.body.id;
  pool.push({
    id: me.body.id,
    email,
    password,
    displayName,
    token: login.body.accessToken,
    busy: false,
    rated: new Set(),
    followedUsers: new Set(),
    followedGenres: new Set(),
    checkedOut: false,
  });
}

async function rate(ctx: StreamContext, ledger: Ledger, user: StreamUser): Promise<void> {
  // A user rates each movie once, then changes ratings already given (a PUT sets the value).
  const fresh = ctx.movies.filter((id) => !user.rated.has(id));
  const movieId = pick(fresh.length > 0 ? fresh : ctx.movies);
  if (movieId === undefined) return;
  user.rated.add(movieId);
  const value = 1 + randomInt(10);
  const key = `${user.id}:${movieId}`;
  const sent = ledger.ratings.get(key) ?? [];
  ledger.ratings.set(key, sent);
  const entry = { value, acked: false };
  sent.push(entry);
  ledger.attempts.rate++;
  const since = Date.now();
  const answer = await attempt(
    ledger,
    'rate',
    () =>
      send(ctx, 'PUT', `/api/social/movies/${movieId}/rating`, {
        token: user.token,
        body: { value },
      }),
    { safe: true },
  );
  entry.acked = ok(answer);
  record(ledger, 'rate', entry.acked, since);
}

async function comment(ctx: StreamContext, ledger: Ledger, user: StreamUser): Promise<void> {
  const movieId = pick(ctx.movies);
  if (movieId === undefined) return;
  const body = `fault ${ledger.runId} comment ${randomUUID()}`;
  const entry = { value: { userId: user.id, movieId }, acked: false };
  ledger.comments.set(body, entry);
  ledger.attempts.comment++;
  const since = Date.now();
  const answer = await attempt(
    ledger,
    'comment',
    () =>
      send(ctx, 'POST', `/api/social/movies/${movieId}/comments`, {
        token: user.token,
        body: { body },
      }),
    { safe: false },
  );
  entry.acked = ok(answer);
  record(ledger, 'comment', entry.acked, since);
}

async function followUser(
  ctx: StreamContext,
  ledger: Ledger,
  user: StreamUser,
  followable: StreamUser[],
): Promise<void> {
  const other = pick(followable.filter((u) => u.id !== user.id && !user.followedUsers.has(u.id)));
  if (other === undefined) return rate(ctx, ledger, user);
  user.followedUsers.add(other.id);
  const entry = { value: null, acked: false };
  ledger.followsUser.set(`${user.id}:${other.id}`, entry);
  ledger.attempts.followUser++;
  const since = Date.now();
  const answer = await attempt(
    ledger,
    'followUser',
    () => send(ctx, 'POST', `/api/social/users/${other.id}/follow`, { token: user.token }),
    { safe: true },
  );
  entry.acked = ok(answer);
  record(ledger, 'followUser', entry.acked, since);
}

async function followGenre(ctx: StreamContext, ledger: Ledger, user: StreamUser): Promise<void> {
  const genreId = pick(ctx.genres.filter((id) => !user.followedGenres.has(id)));
  if (genreId === undefined) return rate(ctx, ledger, user);
  user.followedGenres.add(genreId);
  const entry = { value: null, acked: false };
  ledger.followsGenre.set(`${user.id}:${genreId}`, entry);
  ledger.attempts.followGenre++;
  const since = Date.now();
  const answer = await attempt(
    ledger,
    'followGenre',
    () => send(ctx, 'POST', `/api/social/genres/${genreId}/follow`, { token: user.token }),
    { safe: true },
  );
  entry.acked = ok(answer);
  record(ledger, 'followGenre', entry.acked, since);
}

async function profile(ctx: StreamContext, ledger: Ledger, user: StreamUser): Promise<void> {
  const names = ledger.profiles.get(user.id) ?? [];
  ledger.profiles.set(user.id, names);
  const displayName = `Fault ${ledger.runId} ${randomUUID().slice(0, 13)}`;
  const entry = { value: displayName, acked: false };
  names.push(entry);
  ledger.attempts.profile++;
  const since = Date.now();
  const answer = await attempt(
    ledger,
    'profile',
    () => send(ctx, 'PATCH', '/api/auth/me', { token: user.token, body: { displayName } }),
    { safe: true },
  );
  entry.acked = ok(answer);
  record(ledger, 'profile', entry.acked, since);
}

async function checkout(ctx: StreamContext, ledger: Ledger, user: StreamUser): Promise<void> {
  if (user.checkedOut) return rate(ctx, ledger, user);
  user.checkedOut = true;
  ledger.attempts.checkout++;
  const since = Date.now();
  const key = randomUUID();
  // 409 CHECKOUT_IN_PROGRESS: the first try with this key still runs; the same key replays it.
  const answer = await attempt(
    ledger,
    'checkout',
    () =>
      send(ctx, 'POST', '/api/billing/checkout', {
        token: user.token,
        headers: { 'idempotency-key': key },
        body: { planId: ctx.planId },
      }),
    { safe: true },
  );
  const subscriptionId = answer?.body?.subscriptionId;
  const checkoutUrl = answer?.body?.checkoutUrl;
  if (!ok(answer) || typeof subscriptionId !== 'string' || typeof checkoutUrl !== 'string') {
    record(ledger, 'checkout', false, since);
    return;
  }
  const entry = { subscriptionId, paid: false };
  ledger.checkouts.set(user.id, entry);
  record(ledger, 'checkout', true, since);
  const sessionId = new URL(checkoutUrl).pathname.split('/').at(-1) ?? '';
  // The sandbox is the provider, outside the faults: the payment's webhook reaches billing
  // through the gateway, retried by the sandbox while the gateway or billing is down.
  await ctx.sandbox.pay(sessionId).then(
    () => {
      entry.paid = true;
    },
    (err: unknown) => note(ledger, `checkout pay ${String(err).slice(0, 80)}`),
  );
}

function note(ledger: Ledger, key: string): void {
  ledger.unexpected.set(key, (ledger.unexpected.get(key) ?? 0) + 1);
}

export interface Stream {
  ledger: Ledger;
  pool: StreamUser[];
  /** Stops starting actions and resolves when the ones in flight ended. */
  stop(): Promise<void>;
  /** Acknowledged actions so far. */
  acked(): number;
}

/**
 * Runs `workers` concurrent clients until stop(). Each picks an idle user (one action per user at
 * a time, so a user's own writes are ordered) and an action from the mix.
 */
export function startStream(
  ctx: StreamContext,
  ledger: Ledger,
  pool: StreamUser[],
  opts: { workers: number },
): Stream {
  // Users followed are the ones social knew before the stream (registered in the setup).
  const followable = [...pool];
  let stopping = false;
  const total = MIX.reduce((sum, [, weight]) => sum + weight, 0);
  const choose = (): ActionKind => {
    let r = randomInt(total);
    for (const [kind, weight] of MIX) {
      if (r < weight) return kind;
      r -= weight;
    }
    return 'rate';
  };
  const worker = async () => {
    while (!stopping) {
      const kind = choose();
      if (kind === 'register') {
        await registerUser(ctx, ledger, pool);
        continue;
      }
      const user = pick(pool.filter((u) => !u.busy));
      if (user === undefined) {
        await pause(20);
        continue;
      }
      user.busy = true;
      try {
        // An action never throws on a failed request; anything else is a bug of this client.
        if (kind === 'rate') await rate(ctx, ledger, user);
        else if (kind === 'comment') await comment(ctx, ledger, user);
        else if (kind === 'followUser') await followUser(ctx, ledger, user, followable);
        else if (kind === 'followGenre') await followGenre(ctx, ledger, user);
        else if (kind === 'profile') await profile(ctx, ledger, user);
        else await checkout(ctx, ledger, user);
      } catch (err) {
        note(ledger, `client error ${kind}: ${String(err).slice(0, 120)}`);
      } finally {
        user.busy = false;
      }
    }
  };
  ledger.startedAt = Date.now();
  const running = Promise.all(Array.from({ length: opts.workers }, () => worker()));
  return {
    ledger,
    pool,
    acked: () => ACTION_KINDS.reduce((sum, kind) => sum + ledger.acked[kind], 0),
    stop: async () => {
      stopping = true;
      await running;
      ledger.endedAt = Date.now();
    },
  };
}
