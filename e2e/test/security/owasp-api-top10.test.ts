import { createHmac, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, freePort } from '@kavosh/testing';
import { statusOf, type Answer } from '../journey/http.js';
import { accessTokenFor, signingKeySet } from '../service-env.js';
import { startSystem, type RunningSystem } from '../system-processes.js';

/**
 * OWASP API Security Top 10 (2023), one `describe` per risk, against one whole system: every
 * request goes through the gateway, as an attacker on the internet would send it. The gateway runs
 * with its default limits ON and trusts one load balancer hop, so each test section speaks from a
 * client address of its own (X-Forwarded-For): the per-IP login limit (20 a minute) is exercised
 * where it is the subject and stays out of the way elsewhere.
 */

const STARTUP_MS = 110_000;
const EVENTUAL = { within: 25_000, interval: 150 };
/** The standard per-user limit of this system's gateway (lowered so API4 can reach it). */
const RATE_LIMIT_MAX = 400;
const ALLOWED_ORIGIN = 'https://app.kavosh.example';
const ROLES = ['user', 'editor', 'moderator', 'admin'] as const;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Json = Record<string, unknown>;
interface Operation {
  parameters?: { in: string; name: string; schema?: Json }[];
  requestBody?: { content?: Record<string, { schema?: Json }> };
  'x-kavosh-access'?:
    | 'public'
    | 'authenticated'
    | { roles: string[] }
    | { partner: string; user?: 'public' | 'authenticated' | { roles: string[] } };
}
interface Op {
  method: string;
  path: string;
  operation: Operation;
}

/**
 * The user part of an operation's rule: a partner rule (`{ partner, user? }`, docs/partners.md)
 * lets users through as its `user` says, and no user at all without one.
 */
const userAccessOf = (op: Op): 'public' | 'authenticated' | { roles: string[] } | undefined => {
  const access = op.operation['x-kavosh-access'];
  if (typeof access === 'object' && 'partner' in access) return access.user ?? { roles: [] };
  return access;
};
interface Account {
  email: string;
  password: string;
  displayName: string;
  id: string;
  accessToken: string;
  refreshToken: string;
}

/** Every operation of the merged document (gateway's own routes and each service's). */
const operationsOf = (doc: { paths: Record<string, Record<string, Operation>> }): Op[] =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      method: method.toUpperCase(),
      path,
      operation: item[method] as Operation,
    })),
  );

/** `/api/social/comments/{id}` → a regex matching concrete paths of that route. */
const routeRegex = (path: string) =>
  new RegExp(
    `^${path
      .replace(/\/$/, '')
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[^/]+')}/?$`,
  );

/** A concrete path for a route: every parameter a fresh UUID (nothing with that id exists). */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, () => randomUUID());

/** A problem body without what differs per request, so two answers can be compared. */
const stable = (body: unknown) => {
  const copy = { ...(body as Json) };
  for (const key of ['instance', 'traceId', 'requestId', 'correlationId']) delete copy[key];
  return copy;
};

/** A Stripe-Signature header over `payload`, as the provider signs webhooks. */
const stripeSignature = (payload: string, secret: string, at = Math.floor(Date.now() / 1000)) =>
  `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${payload}`).digest('hex')}`;

/** What an error answer must never carry: stack frames, SQL, driver or ORM internals, paths. */
const LEAK =
  /(\n\s+at\s|\.ts:\d+|node_modules|\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|prisma|mariadb|ER_[A-Z_]+|sqlMessage|ECONNREFUSED|\/work\/)/i;

describe('OWASP API Security Top 10 (2023) through the gateway', () => {
  let system: RunningSystem;
  let base: string;
  let doc: { paths: Record<string, Record<string, Operation>> };
  let ops: Op[];
  /** Every request this suite sent through the gateway and its answer's status (API9 reads it). */
  const sent: { method: string; path: string; status: number }[] = [];
  const tokens = {} as Record<(typeof ROLES)[number], string>;

  /** One client address per test section (trusted X-Forwarded-For behind one proxy hop). */
  let lastOctet = 0;
  const freshIp = () => {
    lastOctet += 1;
    return `198.51.${100 + Math.floor(lastOctet / 250)}.${(lastOctet % 250) + 1}`;
  };
  /** The client address of the section running now. */
  let ip = freshIp();

  async function call<T = Json>(
    method: string,
    path: string,
    opts: {
      token?: string;
      body?: unknown;
      raw?: string | Buffer;
      headers?: Record<string, string>;
      ip?: string;
    } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? ip, ...opts.headers };
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] ??= 'application/json';
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(20_000),
      ...(body === undefined ? {} : { body }),
    });
    sent.push({ method, path: path.split('?')[0] ?? path, status: res.status });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }
  async function register(name: string): Promise<Account> {
    const account = {
      email: `${name}-${randomBytes(4).toString('hex')}@example.com`,
      password: `${name} has a long unusual passphrase ${randomBytes(3).toString('hex')}`,
      displayName: `${name[0]?.toUpperCase() ?? 'X'}${name.slice(1)} Security`,
    } as Account;
    const created = await call<{ id: string }>('POST', '/api/auth/register', {
      body: { email: account.email, password: account.password, displayName: account.displayName },
    });
    expect(statusOf(created)).toEqual({ status: 201 });
    account.id = created.body.id;
    await login(account);
    return account;
  }

  async function login(account: Account) {
    const res = await call<{ accessToken: string; refreshToken: string }>(
      'POST',
      '/api/auth/login',
      { body: { email: account.email, password: account.password } },
    );
    expect(statusOf(res)).toEqual({ status: 200 });
    account.accessToken = res.body.accessToken;
    account.refreshToken = res.body.refreshToken;
  }

  /** Users social has learned of (auth's registration event crossed the broker). */
  const knownToSocial = (account: Account) =>
    eventually(async () => {
      const profile = await call(`GET`, `/api/social/users/${account.id}`);
      expect(statusOf(profile)).toEqual({ status: 200 });
    }, EVENTUAL);

  /** A pending checkout of the monthly plan for `account`. */
  async function checkout(account: Account, key = randomUUID()) {
    const res = await call<{ subscriptionId: string; checkoutUrl: string }>(
      'POST',
      '/api/billing/checkout',
      {
        token: account.accessToken,
        headers: { 'idempotency-key': key },
        body: { planId: plan.id },
      },
    );
    expect(statusOf(res)).toEqual({ status: 201 });
    const sessionId = new URL(res.body.checkoutUrl).pathname.split('/').at(-1) ?? '';
    return { ...res.body, sessionId, key, answer: res };
  }

  let plan: { id: string; priceMinor: number; currency: string };
  let movieId: string;
  // A has something of every kind; B is the attacker; C talks to A.
  let ava: Account;
  let bahram: Account;
  let cyrus: Account;
  const avas = {
    subscriptionId: '',
    invoiceId: '',
    commentId: '',
    notificationId: '',
    conversationId: '',
    messageId: '',
  };

  beforeAll(async () => {
    system = await startSystem({
      label: 'e2e-security',
      gatewayEnv: {
        TRUSTED_PROXY_HOPS: '1',
        RATE_LIMIT_MAX: String(RATE_LIMIT_MAX),
        CORS_ORIGINS: ALLOWED_ORIGIN,
        OPENAPI_RETRY_MIN_MS: '200',
        OPENAPI_RETRY_MAX_MS: '1000',
      },
    });
    base = system.gateway.url;
    await eventually(
      async () => {
        for (const proc of system.processes) {
          const res = await fetch(`${proc.url}/health/ready`).catch(() => undefined);
          expect(res?.status, proc.name).toBe(200);
        }
        const res = await fetch(`${base}/openapi.json`);
        const merged = (await res.json()) as typeof doc & {
          'x-kavosh-upstreams': Record<string, { status: string }>;
        };
        for (const upstream of Object.values(merged['x-kavosh-upstreams'])) {
          expect(upstream.status).toBe('loaded');
        }
        doc = merged;
      },
      { within: STARTUP_MS, interval: 500 },
    ).catch((err: unknown) => {
      const logs = system.processes.map((p) => `--- ${p.name}\n${p.output().slice(-2_000)}`);
      throw new Error(`the system did not become ready:\n${logs.join('\n')}`, { cause: err });
    });
    ops = operationsOf(doc);
    for (const role of ROLES) tokens[role] = await accessTokenFor(system.signingKeys, [role]);

    const plans = await call<{
      items: {
        id: string;
        interval: string;
        archived: boolean;
        price: { amountMinor: number; currency: string };
      }[];
    }>('GET', '/api/billing/plans');
    const monthly = plans.body.items.find((p) => p.interval === 'month' && !p.archived);
    if (!monthly) throw new Error(`no monthly plan: ${plans.text}`);
    plan = {
      id: monthly.id,
      priceMinor: monthly.price.amountMinor,
      currency: monthly.price.currency,
    };

    ava = await register('ava');
    bahram = await register('bahram');
    cyrus = await register('cyrus');
    const movie = await call<{ id: string }>('POST', '/api/catalog/movies', {
      token: tokens.editor,
      body: {
        title: `Security Film ${randomBytes(4).toString('hex')}`,
        synopsis: 'A film that exists so users can rate and comment on it.',
        year: 2024,
        premium: true,
        streamKey: `security/${randomUUID()}/film.mp4`,
      },
    });
    expect(statusOf(movie)).toEqual({ status: 201 });
    movieId = movie.body.id;
    const published = await call('POST', `/api/catalog/movies/${movieId}/publish`, {
      token: tokens.editor,
      headers: { 'if-match': movie.headers.get('etag') ?? '' },
    });
    expect(statusOf(published)).toEqual({ status: 200 });
    for (const user of [ava, bahram, cyrus]) await knownToSocial(user);
  }, STARTUP_MS + 60_000);

  afterAll(async () => {
    await system?.stop();
  }, 60_000);

  describe('API1:2023 Broken Object Level Authorization', () => {
    beforeAll(async () => {
      ip = freshIp();
      // Ava subscribes and pays: a subscription, an invoice and a payment of hers.
      const started = await checkout(ava);
      avas.subscriptionId = started.subscriptionId;
      await system.paymentSandbox.pay(started.sessionId);
      avas.invoiceId = await eventually(async () => {
        const sub = await call('GET', '/api/billing/subscription', { token: ava.accessToken });
        expect(sub.body).toMatchObject({ id: avas.subscriptionId, status: 'active' });
        const invoices = await call<{ items: { id: string }[] }>('GET', '/api/billing/invoices', {
          token: ava.accessToken,
        });
        const first = invoices.body.items[0];
        expect(first).toBeDefined();
        return first?.id ?? '';
      }, EVENTUAL);
      // A comment of hers, a reply by Cyrus (her notification), a rating, a block, a chat.
      const comment = await eventually(async () => {
        const res = await call<{ id: string }>('POST', `/api/social/movies/${movieId}/comments`, {
          token: ava.accessToken,
          body: { body: 'Ava wrote this and only Ava may change it.' },
        });
        expect(statusOf(res)).toEqual({ status: 201 });
        return res.body;
      }, EVENTUAL);
      avas.commentId = comment.id;
      const reply = await call('POST', `/api/social/movies/${movieId}/comments`, {
        token: cyrus.accessToken,
        body: { body: 'Cyrus replies to Ava.', parentId: comment.id },
      });
      expect(statusOf(reply)).toEqual({ status: 201 });
      avas.notificationId = await eventually(async () => {
        const res = await call<{ items: { id: string }[] }>('GET', '/api/social/notifications', {
          token: ava.accessToken,
        });
        expect(res.body.items.length).toBeGreaterThan(0);
        return res.body.items[0]?.id ?? '';
      }, EVENTUAL);
      const rated = await call('PUT', `/api/social/movies/${movieId}/rating`, {
        token: ava.accessToken,
        body: { value: 9 },
      });
      expect(statusOf(rated)).toEqual({ status: 200 });
      const blocked = await call('POST', `/api/social/users/${cyrus.id}/block`, {
        token: ava.accessToken,
      });
      expect(statusOf(blocked)).toEqual({ status: 204 });
      await call('DELETE', `/api/social/users/${cyrus.id}/block`, { token: ava.accessToken });
      const conversation = await call<{ id: string }>('POST', '/api/social/conversations', {
        token: ava.accessToken,
        body: { userId: cyrus.id },
      });
      expect([200, 201]).toContain(conversation.status);
      avas.conversationId = conversation.body.id;
      const message = await call<{ id: string }>(
        'POST',
        `/api/social/conversations/${avas.conversationId}/messages`,
        { token: ava.accessToken, body: { body: 'A private word for Cyrus only.' } },
      );
      expect(statusOf(message)).toEqual({ status: 201 });
      avas.messageId = message.body.id;
      // Ava keeps one block in place (of a random user) for the blocks check.
      const keep = await call('POST', `/api/social/users/${bahram.id}/block`, {
        token: ava.accessToken,
      });
      expect(statusOf(keep)).toEqual({ status: 204 });
    }, 120_000);

    it("auth: Bahram reaches only his own account, never Ava's", async () => {
      const me = await call('GET', '/api/auth/me', { token: bahram.accessToken });
      expect(me.body).toMatchObject({ id: bahram.id });
      expect(me.text).not.toContain(ava.email);
      for (const [method, path] of [
        ['GET', `/api/auth/users/${ava.id}`],
        ['DELETE', `/api/auth/users/${ava.id}`],
        ['GET', `/api/auth/users/?email=${encodeURIComponent(ava.email)}`],
      ] as const) {
        const res = await call(method, path, { token: bahram.accessToken });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.text).not.toContain(ava.email);
      }
      // PATCH /me renames only the caller, whatever id is smuggled in the query.
      const renamed = await call('PATCH', `/api/auth/me?id=${ava.id}`, {
        token: bahram.accessToken,
        body: { displayName: 'Bahram Renamed' },
      });
      expect([200, 400]).toContain(renamed.status);
      const avaMe = await call('GET', '/api/auth/me', { token: ava.accessToken });
      expect(avaMe.body).toMatchObject({ id: ava.id, displayName: ava.displayName });
    });

    it("billing: Bahram can read or change none of Ava's subscription, invoices or payments", async () => {
      const token = bahram.accessToken;
      for (const path of [
        `/api/billing/subscription?userId=${ava.id}`,
        `/api/billing/invoices?userId=${ava.id}`,
        `/api/billing/payments?userId=${ava.id}`,
      ]) {
        const res = await call('GET', path, { token });
        expect(res.status, path).toBe(403);
        expect(res.text).not.toContain(avas.subscriptionId);
      }
      for (const path of [
        `/api/billing/invoices/${avas.invoiceId}`,
        `/api/billing/invoices/${avas.invoiceId}/pdf`,
      ]) {
        const res = await call('GET', path, { token });
        expect(res.status, path).toBe(404);
        expect(res.text).not.toContain(ava.id);
      }
      // His own lists hold nothing of hers.
      for (const path of ['/api/billing/invoices', '/api/billing/payments']) {
        const res = await call<{ items: unknown[] }>('GET', path, { token });
        expect(statusOf(res)).toEqual({ status: 200 });
        expect(res.body.items).toEqual([]);
      }
      const own = await call('GET', '/api/billing/subscription', { token });
      expect(own.status).toBe(404);
      // Cancel and resume act on the caller's subscription only: Ava's stays as it was.
      expect((await call('POST', '/api/billing/subscription/cancel', { token })).status).toBe(404);
      expect((await call('POST', '/api/billing/subscription/resume', { token })).status).toBe(404);
      const avaSub = await call('GET', '/api/billing/subscription', { token: ava.accessToken });
      expect(avaSub.body).toMatchObject({ id: avas.subscriptionId, status: 'active' });
      expect(avaSub.body.cancelAtPeriodEnd ?? false).toBe(false);
      // Ava herself gets her invoice (the check above is about ownership, not a broken route).
      const mine = await call('GET', `/api/billing/invoices/${avas.invoiceId}`, {
        token: ava.accessToken,
      });
      expect(statusOf(mine)).toEqual({ status: 200 });
    });

    it("social: Bahram cannot edit or delete Ava's comment, nor read her notifications", async () => {
      const edit = await call('PATCH', `/api/social/comments/${avas.commentId}`, {
        token: bahram.accessToken,
        body: { body: 'rewritten by Bahram' },
      });
      expect([403, 404]).toContain(edit.status);
      const remove = await call('DELETE', `/api/social/comments/${avas.commentId}`, {
        token: bahram.accessToken,
      });
      expect([403, 404]).toContain(remove.status);
      const comments = await call<{ items: { id: string; body: string | null; state: string }[] }>(
        'GET',
        `/api/social/movies/${movieId}/comments`,
      );
      expect(comments.body.items.find((c) => c.id === avas.commentId)).toMatchObject({
        state: 'visible',
        body: 'Ava wrote this and only Ava may change it.',
      });

      const unreadBefore = await call('GET', '/api/social/notifications/unread-count', {
        token: ava.accessToken,
      });
      const markRead = await call('POST', '/api/social/notifications/read', {
        token: bahram.accessToken,
        body: { upTo: avas.notificationId },
      });
      expect(markRead.status).toBe(404);
      const unreadAfter = await call('GET', '/api/social/notifications/unread-count', {
        token: ava.accessToken,
      });
      expect(unreadAfter.body).toEqual(unreadBefore.body);
      const his = await call<{ items: { id: string }[] }>('GET', '/api/social/notifications', {
        token: bahram.accessToken,
      });
      expect(his.body.items.map((n) => n.id)).not.toContain(avas.notificationId);
    });

    it("social: Bahram cannot read, write to or mark Ava's conversation with Cyrus", async () => {
      const token = bahram.accessToken;
      const path = `/api/social/conversations/${avas.conversationId}`;
      const read = await call('GET', `${path}/messages`, { token });
      expect(read.status).toBe(404);
      expect(read.text).not.toContain('A private word');
      const write = await call('POST', `${path}/messages`, {
        token,
        body: { body: 'Bahram slips in' },
      });
      expect(write.status).toBe(404);
      const mark = await call('POST', `${path}/read`, { token, body: { upTo: avas.messageId } });
      expect(mark.status).toBe(404);
      const list = await call<{ items: { id: string }[] }>('GET', '/api/social/conversations', {
        token,
      });
      expect(list.body.items.map((c) => c.id)).not.toContain(avas.conversationId);
      const cyrusSees = await call<{ items: { body: string }[] }>('GET', `${path}/messages`, {
        token: cyrus.accessToken,
      });
      expect(cyrusSees.body.items.map((m) => m.body)).toEqual(['A private word for Cyrus only.']);
    });

    it("social: Bahram's blocks and ratings are his own; Ava's stay untouched", async () => {
      const blocks = await call<{ items: { userId?: string; id?: string }[] }>(
        'GET',
        '/api/social/me/blocks',
        { token: bahram.accessToken },
      );
      expect(statusOf(blocks)).toEqual({ status: 200 });
      expect(blocks.body.items).toEqual([]);
      // Unblocking Bahram acts on Bahram's own list: Ava's block of him holds.
      await call('DELETE', `/api/social/users/${bahram.id}/block`, { token: bahram.accessToken });
      const avaBlocks = await call('GET', '/api/social/me/blocks', { token: ava.accessToken });
      expect(avaBlocks.text).toContain(bahram.id);
      const chat = await call('POST', '/api/social/conversations', {
        token: bahram.accessToken,
        body: { userId: ava.id },
      });
      expect(chat.status).toBe(403);

      const before = await call<{ aggregate: { ratingCount: number } }>(
        'GET',
        `/api/social/movies/${movieId}/rating`,
      );
      const unrate = await call('DELETE', `/api/social/movies/${movieId}/rating`, {
        token: bahram.accessToken,
      });
      expect(unrate.status).toBeLessThan(500);
      const after = await call<{ aggregate: { ratingCount: number } }>(
        'GET',
        `/api/social/movies/${movieId}/rating`,
      );
      expect(after.body.aggregate).toEqual(before.body.aggregate);
      const avaRating = await call('GET', `/api/social/movies/${movieId}/rating`, {
        token: ava.accessToken,
      });
      expect(avaRating.body).toMatchObject({ mine: { value: 9 } });
    });

    it("catalog: Ava's entitlement plays for her, never for Bahram", async () => {
      await eventually(async () => {
        const mine = await call('GET', `/api/catalog/movies/${movieId}/playback`, {
          token: ava.accessToken,
        });
        expect(mine.body).not.toMatchObject({ code: 'SUBSCRIPTION_REQUIRED' });
        expect(mine.status).toBeLessThan(500);
      }, EVENTUAL);
      const his = await call('GET', `/api/catalog/movies/${movieId}/playback?userId=${ava.id}`, {
        token: bahram.accessToken,
      });
      expect(his.status).toBeGreaterThanOrEqual(400);
      const plain = await call('GET', `/api/catalog/movies/${movieId}/playback`, {
        token: bahram.accessToken,
      });
      expect(plain.body).toMatchObject({ code: 'SUBSCRIPTION_REQUIRED' });
    });
  });

  describe('API2:2023 Broken Authentication', () => {
    beforeAll(() => {
      ip = freshIp();
    });

    /** Tokens that must all be refused: each a different attack on the bearer token. */
    async function forgedTokens(): Promise<Record<string, string>> {
      const [jwk] = (JSON.parse(system.signingKeys) as { keys: (JWK & { kid: string })[] }).keys;
      if (!jwk) throw new Error('no signing key');
      const key = await importJWK(jwk, 'EdDSA');
      const sign = (claims: Json, opts: { exp?: number; iss?: string; aud?: string } = {}) =>
        new SignJWT({ roles: ['admin'], jti: randomUUID(), ...claims })
          .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: jwk.kid })
          .setIssuer(opts.iss ?? 'http://localhost:8080')
          .setAudience(opts.aud ?? 'kavosh')
          .setSubject(ava.id)
          .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
          .setExpirationTime(opts.exp ?? Math.floor(Date.now() / 1000) + 300)
          .sign(key);
      const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const [header, payload, signature] = ava.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Json;
      const hmacKey = Buffer.from(JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }));
      const hsHeader = b64({ alg: 'HS256', typ: 'at+jwt', kid: jwk.kid });
      const hsPayload = b64({ ...claims, roles: ['admin'] });
      return {
        'payload tampered (roles: admin), signature kept': `${header}.${b64({ ...claims, roles: ['admin'] })}.${signature}`,
        'alg none': `${b64({ alg: 'none', typ: 'at+jwt', kid: jwk.kid })}.${hsPayload}.`,
        'HS256 keyed with the public key (algorithm confusion)': `${hsHeader}.${hsPayload}.${createHmac('sha256', hmacKey).update(`${hsHeader}.${hsPayload}`).digest('base64url')}`,
        'signed by another key under the same kid': await accessTokenFor(signingKeySet(jwk.kid), [
          'admin',
        ]),
        expired: await sign({}, { exp: Math.floor(Date.now() / 1000) - 120 }),
        'another issuer': await sign({}, { iss: 'https://evil.example' }),
        'another audience': await sign({}, { aud: 'someone-else' }),
        'unknown role': await sign({ roles: ['superuser'] }),
        'not a JWT': 'definitely-not-a-token',
        'truncated signature': ava.accessToken.slice(0, -8),
      };
    }

    it('refuses every forged, expired, alg-none or foreign-key token with 401', async () => {
      const accepted: string[] = [];
      for (const [attack, token] of Object.entries(await forgedTokens())) {
        for (const path of ['/api/auth/me', '/api/auth/users/', '/api/billing/subscription']) {
          const res = await call('GET', path, { token });
          if (res.status !== 401) accepted.push(`${attack} on ${path}: ${res.status}`);
          else expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        }
      }
      expect(accepted).toEqual([]);
      // The same request with the real token is served: the refusals are about the token.
      const real = await call('GET', '/api/auth/me', { token: ava.accessToken });
      expect(statusOf(real)).toEqual({ status: 200 });
      // No identity from headers a client may set.
      const spoofed = await call('GET', '/api/auth/me', {
        headers: { 'x-user-id': ava.id, 'x-user-roles': 'admin', 'x-identity': ava.id },
      });
      expect(spoofed.status).toBe(401);
    });

    it('a replayed refresh token past its grace revokes the whole family', async () => {
      const dara = await register('dara');
      const spent = dara.refreshToken;
      const rotated = await call<{ refreshToken: string }>('POST', '/api/auth/refresh', {
        body: { refreshToken: spent },
      });
      expect(statusOf(rotated)).toEqual({ status: 200 });
      await eventually(
        async () => {
          const reuse = await call('POST', '/api/auth/refresh', {
            body: { refreshToken: spent },
            ip: freshIp(),
          });
          expect(reuse.body).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
        },
        { within: 20_000, interval: 500 },
      );
      const live = await call('POST', '/api/auth/refresh', {
        body: { refreshToken: rotated.body.refreshToken },
      });
      expect(live.status).toBe(401);
    }, 60_000);

    it('throttles password guessing per account, even from many addresses', async () => {
      const eli = await register('eli');
      const answers: number[] = [];
      for (let attempt = 0; attempt < 12 && !answers.includes(429); attempt += 1) {
        const res = await call('POST', '/api/auth/login', {
          body: { email: eli.email, password: `wrong guess number ${attempt}` },
          ip: freshIp(),
        });
        answers.push(res.status);
        if (res.status === 429) {
          expect(res.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
      expect(answers).toContain(429);
      expect(answers.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    });

    it('does not tell an unknown email from a wrong password', async () => {
      const known = await call('POST', '/api/auth/login', {
        body: { email: bahram.email, password: 'surely not his passphrase' },
      });
      const unknown = await call('POST', '/api/auth/login', {
        body: {
          email: `nobody-${randomUUID()}@example.com`,
          password: 'surely not his passphrase',
        },
      });
      expect(known.status).toBe(401);
      expect(unknown.status).toBe(known.status);
      expect(stable(unknown.body)).toEqual(stable(known.body));
      expect(unknown.headers.get('content-type')).toBe(known.headers.get('content-type'));
      // Password reset/refresh with garbage: refused the same way whatever the token looks like.
      const garbage = await call('POST', '/api/auth/refresh', {
        body: { refreshToken: 'x'.repeat(64) },
      });
      expect(garbage.status).toBe(401);
    });
  });

  describe('API3:2023 Broken Object Property Level Authorization', () => {
    beforeAll(() => {
      ip = freshIp();
    });

    it('refuses properties a client may not set (mass assignment), changing nothing', async () => {
      const email = `mass-${randomBytes(4).toString('hex')}@example.com`;
      const attempts: [string, string, unknown, string?][] = [
        [
          'POST',
          '/api/auth/register',
          { email, password: 'a long unusual passphrase', displayName: 'Mass', role: 'admin' },
        ],
        [
          'POST',
          '/api/auth/register',
          { email, password: 'a long unusual passphrase', displayName: 'Mass', roles: ['admin'] },
        ],
        ['PATCH', '/api/auth/me', { displayName: 'Ava', role: 'admin' }, ava.accessToken],
        [
          'PATCH',
          '/api/auth/me',
          { displayName: 'Ava', email: 'takeover@example.com' },
          ava.accessToken,
        ],
        ['POST', '/api/billing/checkout', { planId: plan.id, status: 'active' }, cyrus.accessToken],
        ['POST', '/api/billing/checkout', { planId: plan.id, priceMinor: 1 }, cyrus.accessToken],
        ['POST', '/api/billing/checkout', { planId: plan.id, userId: ava.id }, cyrus.accessToken],
        [
          'POST',
          `/api/social/movies/${movieId}/comments`,
          { body: 'forged', authorId: ava.id },
          cyrus.accessToken,
        ],
        [
          'PATCH',
          `/api/social/comments/${avas.commentId}`,
          { body: 'x', state: 'hidden' },
          ava.accessToken,
        ],
        [
          'PATCH',
          `/api/social/comments/${avas.commentId}`,
          { body: 'x', authorId: cyrus.id },
          ava.accessToken,
        ],
        [
          'PUT',
          `/api/social/movies/${movieId}/rating`,
          { value: 10, userId: ava.id },
          cyrus.accessToken,
        ],
        [
          'POST',
          '/api/social/conversations',
          { userId: cyrus.id, participants: [bahram.id] },
          ava.accessToken,
        ],
      ];
      const let_through: string[] = [];
      for (const [method, path, body, token] of attempts) {
        const res = await call(method, path, {
          body,
          ...(token ? { token } : {}),
          headers: { 'idempotency-key': randomUUID() },
        });
        if (res.status !== 400)
          let_through.push(`${method} ${path} ${JSON.stringify(body)}: ${res.status}`);
      }
      expect(let_through).toEqual([]);
      // Nothing was created or changed by them.
      const login = await call('POST', '/api/auth/login', {
        body: { email, password: 'a long unusual passphrase' },
      });
      expect(login.status).toBe(401);
      const me = await call('GET', '/api/auth/me', { token: ava.accessToken });
      expect(me.body).toMatchObject({ role: 'user', email: ava.email });
      expect(
        (await call('GET', '/api/billing/subscription', { token: cyrus.accessToken })).status,
      ).toBe(404);
    });

    it("never shows a user's email (or other private fields) to anyone else", async () => {
      const publicReads = [
        `/api/social/users/${ava.id}`,
        `/api/social/movies/${movieId}/comments`,
        `/api/social/comments/${avas.commentId}/replies`,
        `/api/social/movies/${movieId}/rating`,
        `/api/catalog/movies/${movieId}`,
      ];
      for (const path of publicReads) {
        for (const token of [undefined, bahram.accessToken]) {
          const res = await call('GET', path, token ? { token } : {});
          expect(res.status, path).toBe(200);
          for (const secret of [
            ava.email,
            cyrus.email,
            'passwordHash',
            'streamKey',
            'providerCustomerId',
          ]) {
            expect(res.text, `${path} shows ${secret}`).not.toContain(secret);
          }
        }
      }
      const followers = await call('GET', `/api/social/users/${ava.id}/followers`, {
        token: bahram.accessToken,
      });
      expect(followers.text).not.toContain(ava.email);
      const conversations = await call('GET', '/api/social/conversations', {
        token: cyrus.accessToken,
      });
      expect(conversations.text).toContain(ava.id);
      expect(conversations.text).not.toContain(ava.email);
    });
    it("shows a hidden or deleted comment's text only to moderators, on every read path", async () => {
      const secretText = `hidden words ${randomBytes(6).toString('hex')}`;
      const goneText = `deleted words ${randomBytes(6).toString('hex')}`;
      const hidden = await call<{ id: string }>('POST', `/api/social/movies/${movieId}/comments`, {
        token: cyrus.accessToken,
        body: { body: secretText, parentId: avas.commentId },
      });
      expect(statusOf(hidden)).toEqual({ status: 201 });
      const gone = await call<{ id: string }>('POST', `/api/social/movies/${movieId}/comments`, {
        token: cyrus.accessToken,
        body: { body: goneText, parentId: avas.commentId },
      });
      expect(statusOf(gone)).toEqual({ status: 201 });
      const hide = await call('POST', `/api/social/moderation/comments/${hidden.body.id}/hide`, {
        token: tokens.moderator,
        body: { reason: 'abusive' },
      });
      expect(statusOf(hide)).toEqual({ status: 200 });
      const removed = await call('DELETE', `/api/social/comments/${gone.body.id}`, {
        token: cyrus.accessToken,
      });
      expect(removed.status).toBeLessThan(300);
      const reads = [
        `/api/social/movies/${movieId}/comments?limit=50`,
        `/api/social/comments/${avas.commentId}/replies?limit=50`,
      ];
      for (const path of reads) {
        for (const token of [undefined, ava.accessToken, bahram.accessToken]) {
          const res = await call('GET', path, token ? { token } : {});
          expect(res.status, path).toBe(200);
          expect(res.text, path).not.toContain(secretText);
          expect(res.text, path).not.toContain(goneText);
        }
      }
      // The moderator does see what was hidden (the check above is not about a missing reply).
      const asModerator = await call('GET', reads[1] ?? '', { token: tokens.moderator });
      expect(asModerator.text).toContain(secretText);
    });

    it('shows drafts (movies, articles) to editors only', async () => {
      const draft = await call<{ id: string; slug: string }>('POST', '/api/catalog/movies', {
        token: tokens.editor,
        body: {
          title: `Unreleased ${randomBytes(4).toString('hex')}`,
          synopsis: 'Not announced yet.',
          year: 2027,
          streamKey: `security/${randomUUID()}/draft.mp4`,
        },
      });
      expect(statusOf(draft)).toEqual({ status: 201 });
      for (const token of [undefined, bahram.accessToken, tokens.moderator]) {
        const opts = token ? { token } : {};
        expect((await call('GET', `/api/catalog/movies/${draft.body.id}`, opts)).status).toBe(404);
        const listed = await call('GET', '/api/catalog/movies?status=draft&limit=100', opts);
        expect(listed.text).not.toContain(draft.body.id);
        const articles = await call('GET', '/api/catalog/articles?status=draft', opts);
        expect(articles.status === 200 ? articles.text : '').not.toMatch(/"status":"draft"/);
      }
      const editorView = await call('GET', `/api/catalog/movies/${draft.body.id}`, {
        token: tokens.editor,
      });
      expect(statusOf(editorView)).toEqual({ status: 200 });
    });
  });

  describe('API4:2023 Unrestricted Resource Consumption', () => {
    beforeAll(() => {
      ip = freshIp();
    });

    it('caps every page size the document declares (maximum + 1 is refused)', async () => {
      const uncapped: string[] = [];
      const capped = ops.filter((op) => op.method === 'GET' && op.path.startsWith('/api/'));
      for (const op of capped) {
        const limit = op.operation.parameters?.find((p) => p.in === 'query' && p.name === 'limit');
        if (!limit) continue;
        const maximum = Number(limit.schema?.maximum);
        if (!Number.isFinite(maximum)) {
          uncapped.push(`${op.path}: limit without maximum`);
          continue;
        }
        const access = userAccessOf(op);
        const token = access === 'public' ? undefined : tokens.admin;
        const res = await call('GET', `${concrete(op.path)}?limit=${maximum + 1}`, {
          ...(token ? { token } : {}),
        });
        if (res.status !== 400) uncapped.push(`${op.path}?limit=${maximum + 1}: ${res.status}`);
      }
      expect(uncapped).toEqual([]);
      // Every list of the catalog and social takes a limit (none returns everything).
      expect(
        capped.filter((op) => op.operation.parameters?.some((p) => p.name === 'limit')).length,
      ).toBeGreaterThan(10);
    });

    it('refuses bodies over the limit with 413 before any service reads them', async () => {
      const huge = JSON.stringify({
        email: 'a@example.com',
        password: 'x',
        displayName: 'y'.repeat(2 * 1024 * 1024),
      });
      const register = await call('POST', '/api/auth/register', {
        raw: huge,
        headers: { 'content-type': 'application/json' },
      });
      expect(register.status).toBe(413);
      expect(register.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const comment = await call('POST', `/api/social/movies/${movieId}/comments`, {
        token: ava.accessToken,
        raw: JSON.stringify({ body: 'z'.repeat(3 * 1024 * 1024) }),
        headers: { 'content-type': 'application/json' },
      });
      expect(comment.status).toBe(413);
    });

    it('caps poster uploads (an editor sending 7 MiB is refused with 413)', async () => {
      const boundary = `----kavosh${randomBytes(8).toString('hex')}`;
      const form = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="poster"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        Buffer.alloc(7 * 1024 * 1024, 1),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await call('POST', `/api/catalog/movies/${movieId}/poster`, {
        token: tokens.editor,
        raw: form,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(res.status).toBe(413);
    });

    it('limits login attempts per address: 429 with RateLimit headers and Retry-After', async () => {
      const attacker = freshIp();
      let limited: Answer | undefined;
      let first: Answer | undefined;
      for (let i = 0; i < 40 && !limited; i += 1) {
        const res = await call('POST', '/api/auth/login', {
          ip: attacker,
          body: { email: `spray-${i}@example.com`, password: 'spraying passwords' },
        });
        first ??= res;
        if (res.status === 429) limited = res;
      }
      expect(first?.headers.get('ratelimit-limit')).toBe('20');
      expect(limited?.body).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited?.headers.get('ratelimit-remaining')).toBe('0');
      // Another address is not punished for it.
      const other = await call('POST', '/api/auth/login', {
        ip: freshIp(),
        body: { email: 'spray-x@example.com', password: 'spraying passwords' },
      });
      expect(other.status).toBe(401);
    });

    it("limits each user's requests (standard limit) with 429 RATE_LIMITED", async () => {
      const token = await accessTokenFor(system.signingKeys, ['user']);
      let limited: Answer | undefined;
      let remaining: string | null = null;
      for (let i = 0; i < RATE_LIMIT_MAX + 60 && !limited; i += 1) {
        const res = await call('GET', '/api/social/notifications/unread-count', { token });
        remaining ??= res.headers.get('ratelimit-remaining');
        if (res.status === 429) limited = res;
      }
      expect(remaining).not.toBeNull();
      expect(limited?.body).toMatchObject({ code: 'RATE_LIMITED' });
      expect(limited?.headers.get('ratelimit-limit')).toBe(String(RATE_LIMIT_MAX));
    }, 90_000);

    it('bounds the expensive search: an over-long or pathological query is refused or answered', async () => {
      const tooLong = await call('GET', `/api/catalog/movies?q=${'a'.repeat(2_000)}`);
      expect(tooLong.status).toBe(400);
      for (const q of ['*'.repeat(100), '"'.repeat(100), '+-~<>()'.repeat(10), 'a* b* c* d* e*']) {
        const res = await call('GET', `/api/catalog/movies?q=${encodeURIComponent(q)}&limit=100`);
        expect([200, 400], q).toContain(res.status);
      }
      const deepCursor = await call('GET', `/api/catalog/movies?cursor=${'A'.repeat(5_000)}`);
      expect(deepCursor.status).toBe(400);
    });
  });

  describe('API5:2023 Broken Function Level Authorization', () => {
    beforeAll(() => {
      ip = freshIp();
    });

    it('refuses every admin, editor and moderator route to each role below it (403) and to anonymous callers (401)', async () => {
      const restricted = ops.filter((op) => typeof userAccessOf(op) === 'object');
      expect(restricted.length).toBeGreaterThan(25);
      const wrong: string[] = [];
      for (const op of restricted) {
        const allowed = (userAccessOf(op) as { roles: string[] }).roles;
        const path = concrete(op.path);
        const body = op.operation.requestBody ? {} : undefined;
        const anonymous = await call(op.method, path, body === undefined ? {} : { body });
        if (anonymous.status !== 401)
          wrong.push(`${op.method} ${op.path} anonymous: ${anonymous.status}`);
        for (const role of ROLES.filter((r) => !allowed.includes(r))) {
          const res = await call(op.method, path, {
            token: tokens[role],
            ...(body === undefined ? {} : { body }),
          });
          if (res.status !== 403 || (res.body as Json | undefined)?.code !== 'FORBIDDEN') {
            wrong.push(`${op.method} ${op.path} as ${role}: ${res.status}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    }, 90_000);

    it("a real user's token cannot reach admin functions by method or path tricks", async () => {
      const token = bahram.accessToken;
      const tricks: [string, string][] = [
        ['PATCH', `/api/auth/users/${bahram.id}/role`],
        ['POST', `/api/auth/users/${bahram.id}/role`],
        ['PATCH', `/api/auth/users/${bahram.id}/role/`],
        ['PATCH', `/API/auth/users/${bahram.id}/role`],
        ['PATCH', `/api/auth/users/${bahram.id}/./role`],
        ['PATCH', `/api/auth/users/%2e%2e/users/${bahram.id}/role`],
        ['GET', '/api/auth/users?limit=1'],
        ['GET', '/api/social/moderation/reports;x'],
      ];
      const served: string[] = [];
      for (const [method, path] of tricks) {
        const res = await call(method, path, {
          token,
          ...(method === 'GET' ? {} : { body: { role: 'admin' } }),
        });
        if (res.status < 400) served.push(`${method} ${path}: ${res.status}`);
      }
      expect(served).toEqual([]);
      const me = await call('GET', '/api/auth/me', { token: bahram.accessToken });
      expect(me.body).toMatchObject({ role: 'user' });
    });
  });

  describe('API6:2023 Unrestricted Access to Sensitive Business Flows', () => {
    beforeAll(() => {
      ip = freshIp();
    });

    it('a replayed checkout (same Idempotency-Key) answers the same and opens one provider session', async () => {
      const fay = await register('fay');
      const before = await system.paymentSandbox.state();
      const first = await checkout(fay);
      const again = await checkout(fay, first.key);
      expect(again.answer.body).toEqual(first.answer.body);
      expect(again.answer.headers.get('idempotent-replayed')).toBe('true');
      const replays = await Promise.all(
        Array.from({ length: 3 }, () =>
          call('POST', '/api/billing/checkout', {
            token: fay.accessToken,
            headers: { 'idempotency-key': first.key },
            body: { planId: plan.id },
          }),
        ),
      );
      for (const res of replays) expect(res.body).toEqual(first.answer.body);
      const after = await system.paymentSandbox.state();
      expect(after.sessions - before.sessions).toBe(1);
      // Another key while the first is pending replaces it (docs/billing.md): the old session is
      // expired at the provider first, so the buyer can never pay twice.
      const other = await call<{ subscriptionId: string }>('POST', '/api/billing/checkout', {
        token: fay.accessToken,
        headers: { 'idempotency-key': randomUUID() },
        body: { planId: plan.id },
      });
      expect([201, 409]).toContain(other.status);
      if (other.status === 201) {
        expect(other.body.subscriptionId).not.toBe(first.subscriptionId);
        await expect(system.paymentSandbox.pay(first.sessionId)).rejects.toThrow();
        const current = await call('GET', '/api/billing/subscription', { token: fay.accessToken });
        expect(current.body).toMatchObject({ id: other.body.subscriptionId, status: 'pending' });
      }
    });

    it('a second checkout while subscribed is refused with 409', async () => {
      const res = await call('POST', '/api/billing/checkout', {
        token: ava.accessToken,
        headers: { 'idempotency-key': randomUUID() },
        body: { planId: plan.id },
      });
      expect(res.status).toBe(409);
    });

    it('a replayed webhook (same event id) has no second effect', async () => {
      const deliveries = await system.paymentSandbox.deliveries();
      const delivered = deliveries.filter((d) => d.status === 'delivered');
      expect(delivered.length).toBeGreaterThan(0);
      const subscription = () =>
        call<{ history: unknown[]; status: string; currentPeriodEnd: string }>(
          'GET',
          '/api/billing/subscription',
          { token: ava.accessToken },
        );
      const invoices = () =>
        call<{ items: unknown[] }>('GET', '/api/billing/invoices', { token: ava.accessToken });
      const payments = () =>
        call<{ items: unknown[] }>('GET', '/api/billing/payments', { token: ava.accessToken });
      const before = [
        (await subscription()).body,
        (await invoices()).body,
        (await payments()).body,
      ];
      const replayed = new Set<string>();
      for (const delivery of delivered) {
        if (replayed.has(delivery.eventId)) continue;
        replayed.add(delivery.eventId);
        await system.paymentSandbox.resend(delivery.eventId);
      }
      await eventually(async () => {
        for (const eventId of replayed) {
          const attempts = await system.paymentSandbox.deliveries({ event: eventId });
          expect(attempts.filter((d) => d.status === 'delivered').length).toBeGreaterThan(1);
        }
      }, EVENTUAL);
      const after = [(await subscription()).body, (await invoices()).body, (await payments()).body];
      expect(after).toEqual(before);
    });
  });

  describe('API7:2023 Server Side Request Forgery', () => {
    // Where the system fetches URLs, each from configuration: the gateway's upstreams
    // (AUTH_URL …), the JWKS (AUTH_JWKS_URL), billing's provider (STRIPE_HOST/PORT), the provider's
    // webhook endpoint (registered by operators), catalog's MEDIA_ORIGIN_URL (only signed into
    // playback URLs, never fetched). Checkout's success/cancel URLs are billing configuration.
    let canary: Server;
    let canaryUrl: string;
    const hits: string[] = [];
    beforeAll(async () => {
      ip = freshIp();
      const port = await freePort();
      canary = createServer((req, res) => {
        hits.push(`${req.method} ${req.url}`);
        res.end('{"keys":[]}');
      });
      await new Promise<void>((resolve) => canary.listen(port, '127.0.0.1', resolve));
      canaryUrl = `http://127.0.0.1:${port}/canary`;
    });
    afterAll(async () => {
      await new Promise((resolve) => canary?.close(resolve));
    });

    it('takes no URL as input: no request property or parameter names or formats a URL', () => {
      const found: string[] = [];
      const walk = (schema: unknown, where: string) => {
        if (!schema || typeof schema !== 'object') return;
        const node = schema as Json;
        if (node.format === 'uri' || node.format === 'url') found.push(where);
        for (const [name, child] of Object.entries((node.properties ?? {}) as Json)) {
          if (/(url|uri|href|callback|redirect|webhook|endpoint)$/i.test(name))
            found.push(`${where}.${name}`);
          walk(child, `${where}.${name}`);
        }
        for (const key of ['items', 'anyOf', 'oneOf', 'allOf'] as const) {
          const value = node[key];
          for (const child of Array.isArray(value) ? value : [value])
            walk(child, `${where}[${key}]`);
        }
      };
      for (const op of ops) {
        for (const parameter of op.operation.parameters ?? []) {
          if (/(url|uri|href|callback|redirect)$/i.test(parameter.name))
            found.push(`${op.method} ${op.path} ${parameter.name}`);
          walk(parameter.schema, `${op.method} ${op.path} ${parameter.name}`);
        }
        for (const [type, media] of Object.entries(op.operation.requestBody?.content ?? {})) {
          walk(media.schema, `${op.method} ${op.path} ${type}`);
        }
      }
      expect(found).toEqual([]);
    });

    it('fetches nothing a client names: URLs in bodies, headers and token headers reach no one', async () => {
      const url = canaryUrl;
      const refused = [
        await call('POST', '/api/billing/checkout', {
          token: cyrus.accessToken,
          headers: { 'idempotency-key': randomUUID() },
          body: { planId: plan.id, successUrl: url, cancelUrl: url },
        }),
        await call('POST', `/api/catalog/movies/${movieId}/poster`, {
          token: tokens.editor,
          body: { url },
        }),
        await call('PATCH', `/api/catalog/movies/${movieId}`, {
          token: tokens.editor,
          body: { posterUrl: url },
          headers: { 'if-match': '"1"' },
        }),
      ];
      for (const res of refused) expect([400, 412, 415, 428]).toContain(res.status);
      // Text that is a URL is stored as text, never fetched.
      const comment = await call('POST', `/api/social/movies/${movieId}/comments`, {
        token: cyrus.accessToken,
        body: { body: `look at ${url}` },
      });
      expect(statusOf(comment)).toEqual({ status: 201 });
      // A token pointing at its own key set (jku, x5u) is refused without fetching it.
      const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
      const forged = await new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'attacker', jku: url, x5u: url })
        .setIssuer('http://localhost:8080')
        .setAudience('kavosh')
        .setSubject(randomUUID())
        .setExpirationTime('5m')
        .sign(await importJWK({ ...jwk, kty: 'OKP', crv: 'Ed25519' } as JWK, 'EdDSA'));
      expect((await call('GET', '/api/auth/me', { token: forged })).status).toBe(401);
      // Host and forwarding headers do not pick the upstream.
      const canaryHost = new URL(url).host;
      for (const headers of [
        { 'x-forwarded-host': canaryHost } as Record<string, string>,
        { forwarded: `host=${canaryHost}` },
        { 'x-original-url': url, 'x-rewrite-url': url },
      ]) {
        const res = await call('GET', '/api/catalog/genres', { headers });
        expect(res.status).toBe(200);
      }
      // An absolute-form request target naming the canary is not proxied there.
      const raw = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(base).port), '127.0.0.1', () => {
          socket.write(`GET ${url} HTTP/1.1\r\nHost: ${canaryHost}\r\nConnection: close\r\n\r\n`);
        });
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
      expect(raw).toMatch(/^HTTP\/1\.1 [45]\d\d/);
      expect(hits).toEqual([]);
    });
  });

  describe('API8:2023 Security Misconfiguration', () => {
    beforeAll(() => {
      ip = freshIp();
    });

    it('sends the security headers on API answers and errors', async () => {
      for (const path of ['/api/catalog/genres', '/api/auth/me', '/api/nope']) {
        const res = await call('GET', path);
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('x-powered-by'), path).toBeNull();
        expect(res.headers.get('content-security-policy') ?? '', path).toMatch(
          /frame-ancestors 'none'|default-src 'none'/,
        );
        expect(
          res.headers.get('strict-transport-security') ?? res.headers.get('x-frame-options'),
          path,
        ).not.toBeNull();
        expect(res.headers.get('server') ?? '', path).not.toMatch(/\d/);
      }
    });

    it('allows only the configured browser origin (CORS)', async () => {
      const preflight = (origin: string) =>
        call('OPTIONS', '/api/auth/me', {
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      const evil = await preflight('https://evil.example');
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      expect(evil.headers.get('access-control-allow-credentials')).toBeNull();
      const nullOrigin = await preflight('null');
      expect(nullOrigin.headers.get('access-control-allow-origin')).toBeNull();
      const lookalike = await preflight(`${ALLOWED_ORIGIN}.evil.example`);
      expect(lookalike.headers.get('access-control-allow-origin')).toBeNull();
      const good = await preflight(ALLOWED_ORIGIN);
      expect(good.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
      const simple = await call('GET', '/api/catalog/genres', {
        headers: { origin: 'https://evil.example' },
      });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers broken input with problem+json, no stack trace, SQL or internals', async () => {
      const probes: [
        string,
        string,
        { raw?: string; token?: string; headers?: Record<string, string> },
      ][] = [
        [
          'POST',
          '/api/auth/login',
          { raw: '{"email":', headers: { 'content-type': 'application/json' } },
        ],
        [
          'POST',
          '/api/auth/register',
          { raw: '[]', headers: { 'content-type': 'application/json' } },
        ],
        [
          'POST',
          '/api/auth/login',
          { raw: 'email=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        ],
        ['GET', "/api/catalog/movies/'%20OR%201=1--", {}],
        ['GET', '/api/catalog/movies?year=%00', {}],
        ['GET', '/api/catalog/movies?cursor=%E0%A4%A', {}],
        ['GET', `/api/social/users/${'9'.repeat(40)}`, {}],
        ['GET', '/api/billing/invoices/not-a-uuid', { token: ava.accessToken }],
        [
          'POST',
          '/api/billing/webhooks/provider',
          {
            raw: '{"id":',
            headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
          },
        ],
        [
          'GET',
          '/api/auth/me',
          { headers: { cookie: 'kavosh_refresh=%zz; a=%', authorization: 'Bearer ' } },
        ],
        [
          'POST',
          `/api/social/movies/${movieId}/comments`,
          {
            // Deeply nested JSON: refused by validation, not by a parser's stack overflow.
            raw: `{"body":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
            token: ava.accessToken,
            headers: { 'content-type': 'application/json' },
          },
        ],
      ];
      const bad: string[] = [];
      for (const [method, path, opts] of probes) {
        const res = await call(method, path, opts);
        if (res.status >= 500 || res.status < 400) bad.push(`${method} ${path}: ${res.status}`);
        if (!/^application\/problem\+json/.test(res.headers.get('content-type') ?? '')) {
          bad.push(`${method} ${path}: ${res.headers.get('content-type')}`);
        }
        if (LEAK.test(res.text)) bad.push(`${method} ${path} leaks: ${res.text.slice(0, 300)}`);
      }
      expect(bad).toEqual([]);
    });

    it('reaches no debug or internal route through the gateway; only the merged docs on purpose', async () => {
      const reachable: string[] = [];
      const internal = [
        '/metrics',
        ...['auth', 'catalog', 'billing', 'social'].flatMap((name) =>
          [
            '/metrics',
            '/health/dependencies',
            '/health/ready',
            '/openapi.json',
            '/docs',
            '/docs/',
            '/documentation/json',
          ].map((path) => `/api/${name}${path}`),
        ),
      ];
      for (const path of internal) {
        for (const token of [undefined, tokens.admin]) {
          const res = await call('GET', path, token ? { token } : {});
          if (res.status !== 404)
            reachable.push(`${path}${token ? ' (admin)' : ''}: ${res.status}`);
        }
      }
      expect(reachable).toEqual([]);
      // What the gateway serves on purpose: the merged description and its UI, and its own health.
      expect((await call('GET', '/openapi.json')).status).toBe(200);
      expect((await call('GET', '/docs/')).status).toBe(200);
      const deps = await call('GET', '/health/dependencies');
      expect(deps.status).toBe(200);
      // Its health answer names dependencies, never where they live or how to log in to them.
      expect(deps.text).not.toMatch(
        /127\.0\.0\.1|localhost:\d|amqp:\/\/|redis:\/\/|mysql:\/\/|password/i,
      );
    });
  });

  describe('API9:2023 Improper Inventory Management', () => {
    it('has an access policy on every route of the merged OpenAPI', () => {
      const undeclared = ops.filter((op) => op.operation['x-kavosh-access'] === undefined);
      expect(undeclared.map((op) => `${op.method} ${op.path}`)).toEqual([]);
    });

    it('exercises every route of the merged OpenAPI in this suite', async () => {
      ip = freshIp();
      // The routes the sections above did not need: each called once, refused or served as its
      // policy says (public answers without a token, the rest want one).
      const seen = (op: Op) =>
        sent.some((s) => s.method === op.method && routeRegex(op.path).test(s.path));
      const bySections = ops.filter(seen).length;
      const policyBroken: string[] = [];
      for (const op of ops.filter((candidate) => !seen(candidate))) {
        const access = userAccessOf(op);
        const res = await call(
          op.method,
          concrete(op.path),
          op.operation.requestBody ? { body: {} } : {},
        );
        if (access !== 'public' && res.status !== 401)
          policyBroken.push(`${op.method} ${op.path}: ${res.status}`);
        if (res.status >= 500) policyBroken.push(`${op.method} ${op.path}: ${res.status}`);
      }
      expect(policyBroken).toEqual([]);
      const missed = ops.filter((op) => !seen(op)).map((op) => `${op.method} ${op.path}`);
      expect(missed).toEqual([]);
      // Most routes are exercised for what they do, not only by the sweep above.
      expect(bySections / ops.length).toBeGreaterThan(0.8);
    }, 60_000);

    it('serves nothing that is not in the document: every undocumented path this suite tried was refused', async () => {
      // No old or shadow versions answer beside the documented API.
      for (const path of [
        '/api/v1/auth/me',
        '/api/v0/catalog/movies',
        '/v1/api/catalog/movies',
        '/api/internal/users',
      ]) {
        expect((await call('GET', path, { token: tokens.admin })).status, path).toBe(404);
      }
      const documented = (s: (typeof sent)[number]) =>
        ops.some((op) => op.method === s.method && routeRegex(op.path).test(s.path));
      // CORS preflights are answered for every path by design (without CORS headers when refused).
      const shadows = sent
        .filter((s) => s.method !== 'OPTIONS' && !documented(s) && s.status < 400)
        .map((s) => `${s.method} ${s.path}: ${s.status}`);
      expect(shadows).toEqual([]);
      expect(sent.filter((s) => !documented(s)).length).toBeGreaterThan(30);
    });
  });

  describe('API10:2023 Unsafe Consumption of APIs', () => {
    let pending: { subscriptionId: string; sessionId: string };
    const secret = () => system.paymentSandbox.webhookSecret ?? '';
    const event = (session: Json, type = 'checkout.session.completed') =>
      JSON.stringify({
        id: `evt_security_${randomBytes(8).toString('hex')}`,
        object: 'event',
        type,
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        api_version: '2025-01-01',
        data: {
          object: {
            id: pending.sessionId,
            object: 'checkout.session',
            status: 'complete',
            payment_status: 'paid',
            client_reference_id: pending.subscriptionId,
            metadata: { subscriptionId: pending.subscriptionId },
            amount_total: plan.priceMinor,
            currency: plan.currency.toLowerCase(),
            customer: null,
            subscription: null,
            expires_at: Math.floor(Date.now() / 1000) + 3600,
            ...session,
          },
        },
      });
    const deliver = (body: string, signature?: string) =>
      call('POST', '/api/billing/webhooks/provider', {
        raw: body,
        headers: {
          'content-type': 'application/json',
          ...(signature === undefined ? {} : { 'stripe-signature': signature }),
        },
      });
    const stillPending = async (who: Account) => {
      const sub = await call('GET', '/api/billing/subscription', { token: who.accessToken });
      expect(sub.body).toMatchObject({ id: pending.subscriptionId, status: 'pending' });
    };
    let gus: Account;

    beforeAll(async () => {
      ip = freshIp();
      gus = await register('gus');
      pending = await checkout(gus);
    });

    it('refuses provider webhooks with a missing, wrong, stale or malformed signature', async () => {
      const body = event({});
      const now = Math.floor(Date.now() / 1000);
      const refusals = [
        await deliver(body),
        await deliver(body, stripeSignature(body, `whsec_${randomBytes(24).toString('hex')}`)),
        await deliver(body, stripeSignature(body, secret(), now - 3600)),
        await deliver(body, 'v1=deadbeef'),
        await deliver(body.replace('"paid"', '"unpaid"'), stripeSignature(body, secret())),
        await deliver(
          body,
          `t=${now},v0=${createHmac('sha256', secret()).update(`${now}.${body}`).digest('hex')}`,
        ),
      ];
      for (const res of refusals) {
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
      }
      await stillPending(gus);
    });

    it('refuses a correctly signed webhook whose amount or currency differs from the sale', async () => {
      for (const mismatch of [
        { amount_total: plan.priceMinor + 1 },
        { amount_total: 1 },
        { currency: plan.currency.toLowerCase() === 'usd' ? 'eur' : 'usd' },
      ]) {
        const body = event(mismatch);
        const res = await deliver(body, stripeSignature(body, secret()));
        expect(res.status, JSON.stringify(mismatch)).toBe(422);
        expect(res.body).toMatchObject({ code: 'AMOUNT_MISMATCH' });
      }
      await stillPending(gus);
      const playback = await call('GET', `/api/catalog/movies/${movieId}/playback`, {
        token: gus.accessToken,
      });
      expect(playback.body).toMatchObject({ code: 'SUBSCRIPTION_REQUIRED' });
    });

    it('takes a correctly signed event for the right amount (the refusals above were about the checks)', async () => {
      const body = event({});
      const res = await deliver(body, stripeSignature(body, secret()));
      expect(statusOf(res)).toEqual({ status: 200 });
      expect(res.body).toMatchObject({ received: true });
      expect(res.body.outcome).not.toBe('duplicate');
      // The same event again, freshly signed (a captured delivery replayed): recorded once only.
      const replayed = await deliver(body, stripeSignature(body, secret()));
      expect(statusOf(replayed)).toEqual({ status: 200 });
      expect(replayed.body).toMatchObject({ received: true, outcome: 'duplicate' });
    });
  });
});
