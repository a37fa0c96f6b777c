import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWebSocket, eventually, getInfra, type TestWebSocket } from '@kavosh/testing';
import { createBrokerVhost, type BrokerVhost } from './journey/broker-vhost.js';
import {
  answerOf,
  bearer,
  gatewayClient,
  nextFrame,
  statusOf,
  type GatewayClient,
} from './journey/http.js';
import { startMediaOrigin, type MediaOrigin } from './journey/media-origin.js';
import { countRows, findInSchema, withSchema } from './journey/sql.js';
import { accessTokenFor, SERVICES, type ServiceName } from './service-env.js';
import { startSystem, type RunningSystem } from './system-processes.js';

/**
 * One user journey through the whole system, as a client sees it: every request goes to the
 * gateway (HTTP and its WebSocket); the payment provider is the sandbox, the media origin a real
 * nginx. The steps run in order and share what they learn in `journey`. The two users are real
 * accounts; only the editor, moderator and admin are tokens signed with auth's key.
 */

interface Account {
  email: string;
  password: string;
  displayName: string;
  id: string;
  accessToken: string;
  refreshToken: string;
}

interface Movie {
  id: string;
  slug: string;
  title: string;
  premium: boolean;
  year: number;
  genres: { id: string; slug: string }[];
  ratingAverage: number | null;
  ratingCount: number;
}

interface Comment {
  id: string;
  parentId: string | null;
  state: 'visible' | 'hidden' | 'deleted';
  body: string | null;
  author: { id: string; displayName: string | null } | null;
  replyCount: number;
  replies?: { items: Comment[]; nextCursor: string | null };
}

interface Notification {
  id: string;
  kind: string;
  data: Record<string, unknown>;
}

/** A word full-text search will find only in this run's movie. */
const uniqueWord = () =>
  `Zar${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

// Six processes from source and a 60-movie seed: on a loaded 2-core machine, minutes.
const STARTUP_MS = 240_000;
/** How long an event may take to cross the broker on this (shared, busy) machine. */
const EVENTUAL = { within: 20_000, interval: 100 };

describe('the user journey through the gateway', () => {
  let vhost: BrokerVhost | undefined;
  let origin: MediaOrigin | undefined;
  let system: RunningSystem | undefined;
  let api: GatewayClient;
  let wsBase: string;
  let editorToken: string;
  let moderatorToken: string;
  let adminToken: string;
  const sockets: TestWebSocket[] = [];

  // Each step builds on the ones before: after the first failure the rest fail at once, naming it,
  // instead of each waiting out its own timeouts on missing state. A check nothing later depends
  // on is `independent`: its failure is reported without stopping the journey.
  let firstFailure: string | undefined;
  const step = (
    name: string,
    fn: () => Promise<void>,
    opts: { timeoutMs?: number; independent?: boolean } = {},
  ) =>
    it(
      name,
      async () => {
        if (firstFailure !== undefined) throw new Error(`not run: "${firstFailure}" failed`);
        try {
          await fn();
        } catch (err) {
          if (!opts.independent) firstFailure = name;
          throw err;
        }
      },
      opts.timeoutMs ?? 30_000,
    );

  // What the steps learn, in the order they learn it.
  const runId = randomBytes(3).toString('hex');
  const ava = {
    email: `ava-${runId}@example.com`,
    password: 'a long and unusual passphrase',
    displayName: `Ava Journey${runId}`,
  } as Account;
  const bahram = {
    email: `bahram-${runId}@example.com`,
    password: 'another long unusual passphrase',
    displayName: `Bahram Journey${runId}`,
  } as Account;
  const journey = {
    genre: { id: '', slug: '' },
    movie: { id: '', slug: '', title: '' },
    streamKey: `journey/${randomUUID()}/feature-film.mp4`,
    media: randomBytes(64 * 1024),
    checkout: { subscriptionId: '', checkoutUrl: '' },
    avaComment: { id: '', body: `The ending stayed with me for days ${runId}` },
    bahramReply: { id: '', body: `Same here, the last shot was perfect ${runId}` },
    reportedComment: { id: '', body: `Buy cheap watches at example dot com ${runId}` },
    spentRefreshToken: '',
    bahramNotificationsBefore: [] as Notification[],
  };

  const databaseOf = (name: ServiceName): string => {
    const db = system?.databases[SERVICES.indexOf(name)];
    if (!db) throw new Error(`no database for ${name}`);
    return db.url;
  };

  beforeAll(async () => {
    const infra = await getInfra();
    const mediaSecret = randomBytes(32).toString('base64url');
    // Both at once; whichever started is stopped by afterAll even when the other failed.
    const [broker, media] = await Promise.allSettled([
      createBrokerVhost(infra.amqpUrl, 'e2e-journey'),
      startMediaOrigin(mediaSecret),
    ]);
    if (broker.status === 'fulfilled') vhost = broker.value;
    if (media.status === 'fulfilled') origin = media.value;
    if (broker.status === 'rejected') throw broker.reason;
    if (media.status === 'rejected') throw media.reason;
    system = await startSystem({
      label: 'e2e-journey',
      amqpUrl: broker.value.amqpUrl,
      // Both users (and the polling below) come from one address: the edge's per-IP limit on
      // login, register and refresh (20 a minute) is the security suite's subject, not this one's.
      gatewayEnv: { RATE_LIMIT_AUTH_MAX: '200' },
      serviceEnv: {
        catalog: {
          SEED_DEMO_DATA: 'true',
          SEED_DEMO_MOVIES: '60',
          MEDIA_ORIGIN_URL: media.value.url,
          MEDIA_SIGNING_SECRET: mediaSecret,
        },
      },
    });
    const { processes, gateway, signingKeys } = system;
    api = gatewayClient(gateway.url);
    wsBase = gateway.url.replace(/^http:/, 'ws:');
    editorToken = await accessTokenFor(signingKeys, ['editor']);
    moderatorToken = await accessTokenFor(signingKeys, ['moderator']);
    adminToken = await accessTokenFor(signingKeys, ['admin']);
    await eventually(
      async () => {
        for (const proc of processes) {
          const res = await fetch(`${proc.url}/health/ready`).catch(() => undefined);
          expect(res?.status, `${proc.name}: ${await res?.text()}`).toBe(200);
        }
        const deps = await fetch(`${gateway.url}/health/dependencies`);
        expect(((await deps.json()) as { down: string[] }).down).toEqual([]);
      },
      { within: STARTUP_MS, interval: 250 },
    ).catch((err: unknown) => {
      const logs = processes.map((proc) => `--- ${proc.name}\n${proc.output().slice(-2_000)}`);
      throw new Error(`the system did not become ready:\n${logs.join('\n')}`, { cause: err });
    });
  }, STARTUP_MS + 20_000);

  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    await system?.stop();
    await origin?.stop();
    await vhost?.drop();
  }, 60_000);

  step('registers two users', async () => {
    for (const user of [ava, bahram]) {
      const res = answerOf(
        await api.typed.POST('/api/auth/register', {
          body: { email: user.email, password: user.password, displayName: user.displayName },
        }),
      );
      expect(statusOf(res)).toEqual({ status: 201 });
      expect(res.body).toMatchObject({ email: user.email, displayName: user.displayName });
      expect(res.body.role).toBe('user');
      user.id = res.body.id;
    }
    // The same email again is refused, and says nothing more than that.
    const again = answerOf(
      await api.typed.POST('/api/auth/register', {
        body: { email: ava.email, password: 'yet another passphrase', displayName: 'Imposter' },
      }),
    );
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'EMAIL_TAKEN' });
  });

  step('logs both in; a refresh rotates the token and the spent one is refused', async () => {
    for (const user of [ava, bahram]) {
      const res = answerOf(
        await api.typed.POST('/api/auth/login', {
          body: { email: user.email, password: user.password },
        }),
      );
      expect(statusOf(res)).toEqual({ status: 200 });
      expect(res.body.user.id).toBe(user.id);
      user.accessToken = res.body.accessToken;
      user.refreshToken = res.body.refreshToken ?? '';
      const me = answerOf(
        await api.typed.GET('/api/auth/me', { headers: bearer(user.accessToken) }),
      );
      expect(me.body).toMatchObject({ id: user.id, email: user.email, role: 'user' });
    }
    const wrong = answerOf(
      await api.typed.POST('/api/auth/login', {
        body: { email: ava.email, password: 'not the passphrase at all' },
      }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });

    // Bahram's client refreshes once: a new pair; the spent token is refused (within the reuse
    // grace, without revoking anything: two tabs may race).
    const rotated = answerOf(
      await api.typed.POST('/api/auth/refresh', { body: { refreshToken: bahram.refreshToken } }),
    );
    expect(statusOf(rotated)).toEqual({ status: 200 });
    expect(rotated.body.refreshToken).not.toBe(bahram.refreshToken);
    journey.spentRefreshToken = bahram.refreshToken;
    bahram.accessToken = rotated.body.accessToken;
    bahram.refreshToken = rotated.body.refreshToken ?? '';
    const replay = answerOf(
      await api.typed.POST('/api/auth/refresh', {
        body: { refreshToken: journey.spentRefreshToken },
      }),
    );
    expect(replay.status).toBe(401);
    expect((await api.get('/api/auth/me', { token: bahram.accessToken })).status).toBe(200);
  });

  step(
    'learns the users in social: Bahram follows a genre and Ava follows Bahram',
    async () => {
      const genres = answerOf(await api.typed.GET('/api/catalog/genres'));
      expect(statusOf(genres)).toEqual({ status: 200 });
      const genre = genres.body.items[0];
      if (!genre) throw new Error('the demo seed made no genre');
      journey.genre = genre;
      // Social learns the seeded movies from the published events the seed wrote to catalog's
      // outbox: all of them, before Bahram follows a genre (none of them notifies him), and he can
      // rate one. The relay backs off (1 s, doubling) while social's queue is not bound yet.
      const seeded = await api.get<{ items: Movie[] }>('/api/catalog/movies?limit=100');
      expect(seeded.body.items).toHaveLength(60);
      await eventually(
        async () => {
          for (const movie of seeded.body.items) {
            const res = await api.get(`/api/social/movies/${movie.id}/rating`);
            expect(res.status, movie.id).toBe(200);
          }
        },
        { within: STARTUP_MS, interval: 500 },
      );
      const rated = answerOf(
        await api.typed.PUT('/api/social/movies/{id}/rating', {
          params: { path: { id: seeded.body.items[0]?.id ?? '' } },
          headers: bearer(bahram.accessToken),
          body: { value: 7 },
        }),
      );
      expect(statusOf(rated)).toEqual({ status: 200 });
      expect(rated.body).toMatchObject({ mine: { value: 7 }, aggregate: { ratingCount: 1 } });
      const follow = answerOf(
        await api.typed.POST('/api/social/genres/{id}/follow', {
          params: { path: { id: genre.id } },
          headers: bearer(bahram.accessToken),
        }),
      );
      expect(statusOf(follow)).toEqual({ status: 204 });
      // Social knows Bahram once auth's registration event has crossed the broker.
      await eventually(async () => {
        const profile = answerOf(
          await api.typed.GET('/api/social/users/{id}', { params: { path: { id: bahram.id } } }),
        );
        expect(profile.body).toMatchObject({ id: bahram.id, displayName: bahram.displayName });
      }, EVENTUAL);
      const followed = answerOf(
        await api.typed.POST('/api/social/users/{id}/follow', {
          params: { path: { id: bahram.id } },
          headers: bearer(ava.accessToken),
        }),
      );
      expect(statusOf(followed)).toEqual({ status: 204 });
    },
    { timeoutMs: STARTUP_MS + 60_000 },
  );

  step('an editor publishes a premium movie with its stream on the media origin', async () => {
    const title = `The Long Road ${uniqueWord()}`;
    const created = await api.post<{ id: string; slug: string; status: string }>(
      '/api/catalog/movies',
      {
        token: editorToken,
        body: {
          title,
          synopsis: 'Two strangers cross a desert and find a city that is not on any map.',
          year: 2024,
          runtimeMinutes: 112,
          languages: ['fa', 'en'],
          premium: true,
          genreIds: [journey.genre.id],
          streamKey: journey.streamKey,
        },
      },
    );
    expect(statusOf(created)).toEqual({ status: 201 });
    expect(created.body.status).toBe('draft');
    // A user cannot publish it; the editor can, with the version the create answered.
    const byUser = await api.post(`/api/catalog/movies/${created.body.id}/publish`, {
      token: ava.accessToken,
      headers: { 'if-match': created.headers.get('etag') ?? '' },
    });
    expect(byUser.status).toBe(403);
    const published = await api.post<{ status: string }>(
      `/api/catalog/movies/${created.body.id}/publish`,
      { token: editorToken, headers: { 'if-match': created.headers.get('etag') ?? '' } },
    );
    expect(statusOf(published)).toEqual({ status: 200 });
    expect(published.body.status).toBe('published');
    journey.movie = { id: created.body.id, slug: created.body.slug, title };
    await origin?.put(journey.streamKey, journey.media);
  });

  step('browses, filters and searches the seeded catalog', async () => {
    const first = await api.get<{ items: Movie[]; nextCursor: string | null }>(
      '/api/catalog/movies?limit=20',
    );
    expect(statusOf(first)).toEqual({ status: 200 });
    expect(first.body.items).toHaveLength(20);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.get<{ items: Movie[] }>(
      `/api/catalog/movies?limit=20&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
    );
    expect(second.body.items).toHaveLength(20);
    const firstIds = new Set(first.body.items.map((m) => m.id));
    expect(second.body.items.filter((m) => firstIds.has(m.id))).toEqual([]);

    // Filters: a genre and premium, then a year range; every item satisfies them.
    const filtered = await api.get<{ items: Movie[] }>(
      `/api/catalog/movies?genre=${journey.genre.slug}&premium=true&limit=100`,
    );
    expect(statusOf(filtered)).toEqual({ status: 200 });
    expect(filtered.body.items.length).toBeGreaterThan(0);
    for (const movie of filtered.body.items) {
      expect(movie.premium).toBe(true);
      expect(movie.genres.map((g) => g.id)).toContain(journey.genre.id);
    }
    expect(filtered.body.items.map((m) => m.id)).toContain(journey.movie.id);
    const years = await api.get<{ items: Movie[] }>(
      '/api/catalog/movies?yearFrom=2023&yearTo=2024&limit=100',
    );
    expect(years.body.items.map((m) => m.id)).toContain(journey.movie.id);
    for (const movie of years.body.items) expect([2023, 2024]).toContain(movie.year);

    // Full-text search finds this run's movie by a word of its title, and a seeded one too.
    const word = journey.movie.title.split(' ').at(-1) ?? '';
    const found = await api.get<{ items: Movie[] }>(`/api/catalog/movies?q=${word}`);
    expect(found.body.items.map((m) => m.id)).toEqual([journey.movie.id]);
    const seeded = first.body.items.find((m) => m.id !== journey.movie.id);
    const seededWord = seeded?.title.split(' ').sort((a, b) => b.length - a.length)[0] ?? '';
    const search = await api.get<{ items: Movie[] }>(
      `/api/catalog/movies?q=${encodeURIComponent(seededWord)}&limit=100`,
    );
    expect(search.body.items.map((m) => m.id)).toContain(seeded?.id);

    const detail = await api.get<Movie>(`/api/catalog/movies/${journey.movie.slug}`);
    expect(statusOf(detail)).toEqual({ status: 200 });
    expect(detail.body).toMatchObject({ id: journey.movie.id, premium: true, ratingCount: 0 });
    expect(detail.body).not.toHaveProperty('streamKey');
    // Bad input is a problem, not a crash.
    const bad = await api.get('/api/catalog/movies?limit=1000');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  step('refuses premium playback without a subscription', async () => {
    const res = await api.get(`/api/catalog/movies/${journey.movie.id}/playback`, {
      token: ava.accessToken,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 403, code: 'SUBSCRIPTION_REQUIRED' });
    expect(
      (await api.get(`/api/catalog/movies/${journey.movie.id}/playback`)).status,
      'anonymous',
    ).toBe(401);
  });

  step('checks out with an Idempotency-Key; the same key replays the same answer', async () => {
    const plans = answerOf(await api.typed.GET('/api/billing/plans'));
    expect(statusOf(plans)).toEqual({ status: 200 });
    const monthly = plans.body.items.find((p) => p.interval === 'month' && !p.archived);
    if (!monthly) throw new Error(`no monthly plan: ${plans.text}`);

    const key = randomUUID();
    const checkout = () =>
      api.post<{ subscriptionId: string; checkoutUrl: string; status: string; planId: string }>(
        '/api/billing/checkout',
        {
          token: ava.accessToken,
          headers: { 'idempotency-key': key },
          body: { planId: monthly.id },
        },
      );
    const noKey = await api.post('/api/billing/checkout', {
      token: ava.accessToken,
      body: { planId: monthly.id },
    });
    expect(noKey.status).toBe(400);
    const first = await checkout();
    expect(statusOf(first)).toEqual({ status: 201 });
    expect(first.body).toMatchObject({ planId: monthly.id, status: 'pending' });
    const replayed = await checkout();
    expect(statusOf(replayed)).toEqual({ status: 201 });
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(first.body);
    // The same key with another body is refused, not silently answered with the first.
    const otherBody = await api.post('/api/billing/checkout', {
      token: ava.accessToken,
      headers: { 'idempotency-key': key },
      body: { planId: randomUUID() },
    });
    expect(otherBody.status).toBe(422);
    journey.checkout = first.body;

    const pending = await api.get('/api/billing/subscription', { token: ava.accessToken });
    expect(pending.body).toMatchObject({ id: first.body.subscriptionId, status: 'pending' });
    // Bahram cannot read Ava's subscription (admins only may name a user).
    const idor = await api.get(`/api/billing/subscription?userId=${ava.id}`, {
      token: bahram.accessToken,
    });
    expect(idor.status).toBe(403);
  });

  step(
    "pays in the provider's emulator; its webhook through the gateway activates the subscription",
    async () => {
      const sessionId = new URL(journey.checkout.checkoutUrl).pathname.split('/').at(-1) ?? '';
      expect(sessionId).not.toBe('');
      const paid = await system?.paymentSandbox.pay(sessionId);
      expect(paid).toMatchObject({ status: 'succeeded' });
      const subscription = await eventually(async () => {
        const res = await api.get<{
          id: string;
          status: string;
          currentPeriodEnd: string | null;
          history: { to: string; cause: string }[];
        }>('/api/billing/subscription', { token: ava.accessToken });
        expect(res.body).toMatchObject({ id: journey.checkout.subscriptionId, status: 'active' });
        return res.body;
      }, EVENTUAL);
      expect(Date.parse(subscription.currentPeriodEnd ?? '')).toBeGreaterThan(Date.now());
      expect(subscription.history).toContainEqual(
        expect.objectContaining({ to: 'active', cause: 'provider_event' }),
      );
      // The webhook reached billing through the public edge, signed, and was accepted.
      // Every one of them is accepted in the end (the sandbox retries a refused delivery).
      await eventually(async () => {
        const deliveries = (await system?.paymentSandbox.deliveries()) ?? [];
        expect(deliveries.length).toBeGreaterThan(0);
        for (const delivery of deliveries) {
          expect(delivery.url).toBe(`${api.base}/api/billing/webhooks/provider`);
          expect(delivery, delivery.eventType).toMatchObject({ status: 'delivered' });
        }
      }, EVENTUAL);

      // Anyone can reach that URL: an unsigned or forged delivery changes nothing.
      const forged = await api.post('/api/billing/webhooks/provider', {
        headers: { 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
        body: { id: 'evt_forged', type: 'customer.subscription.deleted', data: { object: {} } },
      });
      expect(forged.status).toBe(400);
      expect(forged.body).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
      const after = await api.get<{ status: string; history: unknown[] }>(
        '/api/billing/subscription',
        { token: ava.accessToken },
      );
      expect(after.body).toMatchObject({ status: 'active' });
      expect(after.body.history).toHaveLength(subscription.history.length);
    },
  );

  step('the entitlement reaches catalog and the signed playback URL works on nginx', async () => {
    const playback = await eventually(async () => {
      const res = await api.get<{ url: string; expiresAt: string }>(
        `/api/catalog/movies/${journey.movie.id}/playback`,
        { token: ava.accessToken },
      );
      expect(statusOf(res)).toEqual({ status: 200 });
      return res.body;
    }, EVENTUAL);
    const signed = new URL(playback.url);
    expect(signed.origin).toBe(origin?.url);
    const media = await fetch(signed);
    expect(media.status).toBe(200);
    expect(Buffer.from(await media.arrayBuffer()).equals(journey.media)).toBe(true);

    const tampered = new URL(signed);
    tampered.searchParams.set('expires', String(Number(signed.searchParams.get('expires')) + 3600));
    expect((await fetch(tampered)).status).toBe(403);
    const otherPath = new URL(signed);
    otherPath.pathname = otherPath.pathname.replace('feature', 'other');
    expect((await fetch(otherPath)).status).toBe(403);
    // Bahram has no subscription: still refused.
    const bahramPlayback = await api.get(`/api/catalog/movies/${journey.movie.id}/playback`, {
      token: bahram.accessToken,
    });
    expect(bahramPlayback.body).toMatchObject({ code: 'SUBSCRIPTION_REQUIRED' });
  });

  step("rates the movie; catalog's average follows social's", async () => {
    const rate = async (user: Account, value: number) =>
      answerOf(
        await api.typed.PUT('/api/social/movies/{id}/rating', {
          params: { path: { id: journey.movie.id } },
          headers: bearer(user.accessToken),
          body: { value },
        }),
      );
    // Social learned of the movie from catalog's publish event.
    await eventually(async () => {
      const res = await rate(ava, 8);
      expect(statusOf(res)).toEqual({ status: 200 });
    }, EVENTUAL);
    const out = await rate(bahram, 11);
    expect(out.status).toBe(400);
    const second = await rate(bahram, 3);
    expect(second.body).toMatchObject({
      mine: { value: 3 },
      aggregate: { ratingCount: 2, ratingSum: 11, averageRating: 5.5 },
    });
    await eventually(async () => {
      const movie = await api.get<Movie>(`/api/catalog/movies/${journey.movie.id}`);
      expect(movie.body).toMatchObject({ ratingCount: 2, ratingAverage: 5.5 });
    }, EVENTUAL);
  });

  step(
    "comments; the other user replies; the first user's WebSocket receives the notification",
    async () => {
      const ticket = answerOf(
        await api.typed.POST('/api/social/ws-ticket', { headers: bearer(ava.accessToken) }),
      );
      expect(statusOf(ticket)).toEqual({ status: 200 });
      const ws = await connectWebSocket(`${wsBase}/api/social/ws?ticket=${ticket.body.ticket}`);
      sockets.push(ws);
      expect(await nextFrame(ws, () => true).then((r) => r.frame)).toMatchObject({ type: 'ready' });

      const comment = answerOf(
        await api.typed.POST('/api/social/movies/{id}/comments', {
          params: { path: { id: journey.movie.id } },
          headers: bearer(ava.accessToken),
          body: { body: journey.avaComment.body },
        }),
      );
      expect(statusOf(comment)).toEqual({ status: 201 });
      journey.avaComment.id = comment.body.id;
      const reply = answerOf(
        await api.typed.POST('/api/social/movies/{id}/comments', {
          params: { path: { id: journey.movie.id } },
          headers: bearer(bahram.accessToken),
          body: { body: journey.bahramReply.body, parentId: comment.body.id },
        }),
      );
      expect(statusOf(reply)).toEqual({ status: 201 });
      expect(reply.body).toMatchObject({ parentId: comment.body.id, depth: 1 });
      journey.bahramReply.id = reply.body.id;
      // Bahram cannot edit Ava's comment.
      const idor = await api.patch(`/api/social/comments/${comment.body.id}`, {
        token: bahram.accessToken,
        body: { body: 'rewritten by someone else' },
      });
      expect(idor.status).toBe(403);

      // Social's notification consumer turns the reply's event into Ava's notification, live.
      const { frame } = await nextFrame(
        ws,
        (f) =>
          f.type === 'notification.created' &&
          (f.notification as Notification | undefined)?.kind === 'comment.replied',
        EVENTUAL.within,
      );
      expect(frame).toMatchObject({
        v: 1,
        type: 'notification.created',
        notification: {
          kind: 'comment.replied',
          read: false,
          data: {
            commentId: reply.body.id,
            parentId: comment.body.id,
            movieId: journey.movie.id,
            actorId: bahram.id,
            actorName: bahram.displayName,
          },
        },
      });
      const listed = await api.get<{ items: Notification[] }>('/api/social/notifications', {
        token: ava.accessToken,
      });
      expect(listed.body.items.map((n) => n.id)).toContain((frame.notification as Notification).id);
      ws.close(1000);
    },
  );

  step('a moderator hides a comment another user reported; readers see it hidden', async () => {
    const posted = await api.post<Comment>(`/api/social/movies/${journey.movie.id}/comments`, {
      token: ava.accessToken,
      body: { body: journey.reportedComment.body },
    });
    expect(statusOf(posted)).toEqual({ status: 201 });
    journey.reportedComment.id = posted.body.id;
    const report = await api.post(`/api/social/comments/${posted.body.id}/report`, {
      token: bahram.accessToken,
      body: { reason: 'spam' },
    });
    expect(statusOf(report)).toEqual({ status: 201 });
    // A user cannot moderate.
    const byUser = await api.post(`/api/social/moderation/comments/${posted.body.id}/hide`, {
      token: bahram.accessToken,
      body: { reason: 'spam' },
    });
    expect(byUser.status).toBe(403);

    const queue = await api.get<{ items: { comment: { id: string }; openReports: number }[] }>(
      '/api/social/moderation/reports',
      { token: moderatorToken },
    );
    expect(statusOf(queue)).toEqual({ status: 200 });
    expect(queue.body.items).toContainEqual(
      expect.objectContaining({ comment: expect.objectContaining({ id: posted.body.id }) }),
    );
    const hidden = await api.post<Comment>(
      `/api/social/moderation/comments/${posted.body.id}/hide`,
      { token: moderatorToken, body: { reason: 'advertising' } },
    );
    expect(statusOf(hidden)).toEqual({ status: 200 });
    expect(hidden.body).toMatchObject({ state: 'hidden', body: journey.reportedComment.body });

    const anonymous = await api.get<{ items: Comment[] }>(
      `/api/social/movies/${journey.movie.id}/comments`,
    );
    expect(anonymous.body.items.find((c) => c.id === posted.body.id)).toMatchObject({
      state: 'hidden',
      body: null,
      author: null,
    });
    const asModerator = await api.get<{ items: Comment[] }>(
      `/api/social/movies/${journey.movie.id}/comments`,
      { token: moderatorToken },
    );
    expect(asModerator.body.items.find((c) => c.id === posted.body.id)).toMatchObject({
      state: 'hidden',
      body: journey.reportedComment.body,
    });
  });

  step('rotates refresh tokens: reusing a spent one revokes the whole family', async () => {
    // Past the reuse grace (5 s after it was spent, in the login step), replaying the spent token
    // is taken for theft: 401 REFRESH_TOKEN_REUSED and the family's live token dies too.
    await eventually(
      async () => {
        const reuse = await api.post('/api/auth/refresh', {
          body: { refreshToken: journey.spentRefreshToken },
        });
        expect(reuse.status).toBe(401);
        expect(reuse.body).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
      },
      { within: 15_000, interval: 500 },
    );
    const live = await api.post('/api/auth/refresh', {
      body: { refreshToken: bahram.refreshToken },
    });
    expect(live.status).toBe(401);
    expect(live.body).toMatchObject({ code: 'TOKEN_INVALID' });
    // A fresh login starts a new family.
    const login = await api.post<{ accessToken: string; refreshToken: string }>('/api/auth/login', {
      body: { email: bahram.email, password: bahram.password },
    });
    expect(statusOf(login)).toEqual({ status: 200 });
    bahram.accessToken = login.body.accessToken;
    bahram.refreshToken = login.body.refreshToken;
    const fresh = await api.post('/api/auth/refresh', {
      body: { refreshToken: bahram.refreshToken },
    });
    expect(statusOf(fresh)).toEqual({ status: 200 });
  });

  step('Bahram keeps his notifications up to here', async () => {
    const notifications = await eventually(async () => {
      const res = await api.get<{ items: Notification[] }>('/api/social/notifications', {
        token: bahram.accessToken,
      });
      const kinds = res.body.items.map((n) => n.kind).sort();
      expect(kinds).toEqual(['movie.published', 'user.followed']);
      return res.body.items;
    }, EVENTUAL);
    expect(notifications.find((n) => n.kind === 'movie.published')?.data).toMatchObject({
      movieId: journey.movie.id,
      genreIds: [journey.genre.id],
    });
    expect(notifications.find((n) => n.kind === 'user.followed')?.data).toMatchObject({
      followerId: ava.id,
      followerName: ava.displayName,
    });
    journey.bahramNotificationsBefore = notifications;
  });

  step(
    'before the deletion, each service holds what it needs of both users',
    async () => {
      // The erasure checks below are only worth something if the data was there to erase.
      const wanted: Record<ServiceName, string[]> = {
        auth: ['users.email', 'users.display_name'],
        catalog: [],
        billing: ['customers.email', 'customers.display_name'],
        social: ['profiles.display_name'],
      };
      await eventually(async () => {
        for (const user of [ava, bahram]) {
          const held: Record<string, string[]> = {};
          for (const name of SERVICES) {
            const found = await withSchema(databaseOf(name), (conn) =>
              findInSchema(conn, [user.email, user.displayName]),
            );
            held[name] = [...new Set(found.map((o) => `${o.table}.${o.column}`))];
          }
          for (const name of SERVICES)
            expect(held[name], `${name}: ${user.email}`).toEqual(
              expect.arrayContaining(wanted[name]),
            );
        }
      }, EVENTUAL);
    },
    { independent: true },
  );

  step('Ava deletes her account', async () => {
    const wrongPassword = await api.delete('/api/auth/me', {
      token: ava.accessToken,
      body: { password: 'not the passphrase at all' },
    });
    expect(wrongPassword.status).toBe(403);
    const deleted = await api.delete('/api/auth/me', {
      token: ava.accessToken,
      body: { password: ava.password },
    });
    expect(statusOf(deleted)).toEqual({ status: 204 });
    const login = await api.post('/api/auth/login', {
      body: { email: ava.email, password: ava.password },
    });
    expect(login.status).toBe(401);
    expect((await api.get('/api/auth/me', { token: ava.accessToken })).status).toBe(404);
    const refresh = await api.post('/api/auth/refresh', {
      body: { refreshToken: ava.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  step("her data is gone from every service's API", async () => {
    await eventually(async () => {
      // Social: no profile, no ratings, comments emptied in place, no notifications.
      const profile = await api.get(`/api/social/users/${ava.id}`);
      expect(profile.status).toBe(404);
      const rating = await api.get(`/api/social/movies/${journey.movie.id}/rating`, {
        token: ava.accessToken,
      });
      expect(rating.body).toMatchObject({
        mine: null,
        aggregate: { ratingCount: 1, ratingSum: 3 },
      });
      // Catalog: the entitlement is gone (her token is still unexpired), the average recomputed.
      const playback = await api.get(`/api/catalog/movies/${journey.movie.id}/playback`, {
        token: ava.accessToken,
      });
      expect(playback.body).toMatchObject({ code: 'SUBSCRIPTION_REQUIRED' });
      const movie = await api.get<Movie>(`/api/catalog/movies/${journey.movie.id}`);
      expect(movie.body).toMatchObject({ ratingCount: 1, ratingAverage: 3 });
      // Billing: the subscription ended with the account (an admin may look it up).
      const subscription = await api.get<{ status: string; history: { detail: string }[] }>(
        `/api/billing/subscription?userId=${ava.id}`,
        { token: adminToken },
      );
      expect(subscription.body).toMatchObject({ status: 'expired' });
    }, EVENTUAL);
    const comments = await api.get<{ items: Comment[] }>(
      `/api/social/movies/${journey.movie.id}/comments`,
    );
    for (const id of [journey.avaComment.id, journey.reportedComment.id]) {
      expect(comments.body.items.find((c) => c.id === id)).toMatchObject({
        state: 'deleted',
        body: null,
        author: null,
      });
    }
  });

  step(
    'no notification of hers is left in social',
    async () => {
      // Including ones for billing's events about her ending subscription, which cross the broker
      // on another queue than the deletion and may arrive after it.
      await eventually(async () => {
        const notifications = await api.get<{ items: Notification[] }>(
          '/api/social/notifications',
          { token: ava.accessToken },
        );
        expect(notifications.body.items).toEqual([]);
      }, EVENTUAL);
    },
    { independent: true },
  );

  step(
    'her personal data is in no table of any schema',
    async () => {
      const secrets = [
        ava.email,
        ava.displayName,
        journey.avaComment.body,
        journey.reportedComment.body,
      ];
      const leftovers: Record<string, unknown> = {};
      for (const name of SERVICES) {
        const found = await withSchema(databaseOf(name), (conn) => findInSchema(conn, secrets));
        if (found.length > 0) leftovers[name] = found;
      }
      expect(leftovers).toEqual({});
    },
    { independent: true },
  );

  step(
    'her rows are gone from every schema',
    async () => {
      await withSchema(databaseOf('auth'), async (conn) => {
        expect(
          await countRows(conn, 'SELECT COUNT(*) AS n FROM users WHERE id = ?', [ava.id]),
        ).toBe(0);
        expect(
          await countRows(conn, 'SELECT COUNT(*) AS n FROM refresh_tokens WHERE user_id = ?', [
            ava.id,
          ]),
        ).toBe(0);
      });
      await withSchema(databaseOf('catalog'), async (conn) => {
        expect(
          await countRows(conn, 'SELECT COUNT(*) AS n FROM entitlements WHERE user_id = ?', [
            ava.id,
          ]),
        ).toBe(0);
      });
      await withSchema(databaseOf('billing'), async (conn) => {
        const customers: { email: string | null; display_name: string | null; erased: number }[] =
          await conn.query(
            'SELECT email, display_name, erased_at IS NOT NULL AS erased FROM customers WHERE user_id = ?',
            [ava.id],
          );
        expect(customers).toEqual([{ email: null, display_name: null, erased: 1 }]);
        expect(
          await countRows(
            conn,
            'SELECT COUNT(*) AS n FROM invoices WHERE user_id = ? AND (customer_name IS NOT NULL OR customer_email IS NOT NULL)',
            [ava.id],
          ),
        ).toBe(0);
        expect(
          await countRows(
            conn,
            "SELECT COUNT(*) AS n FROM subscriptions WHERE user_id = ? AND (status <> 'expired' OR active_user_id IS NOT NULL)",
            [ava.id],
          ),
        ).toBe(0);
      });
      await withSchema(databaseOf('social'), async (conn) => {
        for (const [table, column] of [
          ['profiles', 'user_id'],
          ['ratings', 'user_id'],
          ['comments', 'author_id'],
          ['notifications', 'user_id'],
          ['notifications', 'actor_id'],
          ['user_follows', 'follower_id'],
          ['user_follows', 'followee_id'],
        ] as const) {
          expect(
            await countRows(conn, `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`, [
              ava.id,
            ]),
            `${table}.${column}`,
          ).toBe(0);
        }
        expect(
          await countRows(conn, 'SELECT COUNT(*) AS n FROM erased_users WHERE user_id = ?', [
            ava.id,
          ]),
        ).toBe(1);
      });
    },
    { independent: true },
  );

  step(
    'only tombstones and records kept by design still carry her id',
    async () => {
      const carriers: Record<string, string[]> = {};
      for (const name of SERVICES) {
        const found = await withSchema(databaseOf(name), (conn) => findInSchema(conn, [ava.id]));
        carriers[name] = found.map((o) => `${o.table}.${o.column}`);
      }
      expect(carriers).toEqual({
        auth: [],
        // Tombstones: a late event about her must not bring anything back (docs/social.md).
        catalog: ['erased_users.user_id'],
        social: ['erased_users.user_id'],
        billing: [
          // The customer row stays as a tombstone (email and name erased).
          'customers.user_id',
          // Checkout keys expire after 24 h; they hold a fingerprint and the checkout answer.
          'idempotency_keys.user_id',
          // Invoices and payments are kept as the law requires, with the customer's name and
          // email erased; subscriptions and their audit trail are what those records refer to.
          'invoices.user_id',
          'payments.user_id',
          'subscriptions.user_id',
          'subscription_changes.cause_ref',
        ],
      });
    },
    { independent: true },
  );

  step('the payment provider no longer has her as a customer', async () => {
    const ids = await withSchema(databaseOf('billing'), async (conn) => {
      const rows: { customer: string | null; subscription: string | null }[] = await conn.query(
        `SELECT c.provider_customer_id AS customer, s.provider_subscription_id AS subscription
           FROM customers c JOIN subscriptions s ON s.user_id = c.user_id
          WHERE c.user_id = ?`,
        [ava.id],
      );
      return rows[0];
    });
    const sandbox = system?.paymentSandbox;
    if (!ids?.customer || !ids.subscription || !sandbox) throw new Error('no provider ids');
    const stripe = async (path: string) =>
      (await fetch(`${sandbox.url}${path}`, {
        headers: { authorization: `Bearer ${sandbox.apiKey}` },
      }).then((res) => res.json())) as Record<string, unknown>;
    expect(await stripe(`/v1/customers/${ids.customer}`)).toMatchObject({ deleted: true });
    expect(await stripe(`/v1/subscriptions/${ids.subscription}`)).toMatchObject({
      status: 'canceled',
    });
  });

  step("the other user's view stays consistent", async () => {
    // The thread keeps its shape: Ava's comment stays where it was, emptied, with Bahram's reply.
    const comments = await api.get<{ items: Comment[] }>(
      `/api/social/movies/${journey.movie.id}/comments`,
      { token: bahram.accessToken },
    );
    expect(comments.body.items.map((c) => c.id)).toEqual([
      journey.reportedComment.id,
      journey.avaComment.id,
    ]);
    const thread = comments.body.items.find((c) => c.id === journey.avaComment.id);
    expect(thread).toMatchObject({ state: 'deleted', body: null, author: null, replyCount: 1 });
    expect(thread?.replies?.items).toEqual([
      expect.objectContaining({
        id: journey.bahramReply.id,
        parentId: journey.avaComment.id,
        state: 'visible',
        body: journey.bahramReply.body,
        author: expect.objectContaining({ id: bahram.id, displayName: bahram.displayName }),
      }),
    ]);
    // His rating alone makes the average, in social and in catalog.
    const rating = await api.get(`/api/social/movies/${journey.movie.id}/rating`, {
      token: bahram.accessToken,
    });
    expect(rating.body).toMatchObject({
      mine: { value: 3 },
      aggregate: { ratingCount: 1, ratingSum: 3, averageRating: 3 },
    });
    const movie = await api.get<Movie>(`/api/catalog/movies/${journey.movie.id}`);
    expect(movie.body).toMatchObject({ ratingCount: 1, ratingAverage: 3 });
    // His notifications are intact, except the one Ava caused (it carried her name).
    const notifications = await api.get<{ items: Notification[] }>('/api/social/notifications', {
      token: bahram.accessToken,
    });
    expect(notifications.body.items).toEqual(
      journey.bahramNotificationsBefore.filter((n) => n.kind !== 'user.followed'),
    );
    // His follows and his own account are untouched.
    const me = await api.get('/api/auth/me', { token: bahram.accessToken });
    expect(me.body).toMatchObject({ id: bahram.id, email: bahram.email });
    const genres = await api.get<{ items: { genreId: string }[] }>('/api/social/me/genres', {
      token: bahram.accessToken,
    });
    expect(genres.body.items.map((g) => g.genreId)).toEqual([journey.genre.id]);
  });
});
