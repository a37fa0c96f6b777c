import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createUpstreamDocs } from './upstream-docs.js';

const DOC = { openapi: '3.1.0', info: { title: 'svc', version: '1' }, paths: { '/a': {} } };

// A real upstream whose answer the test switches: the document, a 503, or something not OpenAPI.
let answer: 'doc' | 'down' | 'html' | 'redirect' = 'doc';
let fetches = 0;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches += 1;
    if (answer === 'down') res.writeHead(503).end();
    else if (answer === 'redirect') res.writeHead(302, { location: '/elsewhere.json' }).end();
    else if (answer === 'html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(DOC));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  fetches = 0;
});

// A clock the test moves; start() is never called, so no timer fires behind the test's back.
function docsAt(clock: { now: number }) {
  return createUpstreamDocs({
    upstreams: { svc: url },
    timeoutMs: 2_000,
    retryMinMs: 1_000,
    retryMaxMs: 4_000,
    refreshMs: 60_000,
    log: pino({ level: 'silent' }),
    now: () => clock.now,
  });
}

describe('createUpstreamDocs', () => {
  it('retries a missing document on request at most once per retryMinMs, then loads it', async () => {
    const clock = { now: 1_000_000 };
    const docs = docsAt(clock);
    answer = 'down';
    await docs.refreshStale();
    await docs.refreshStale();
    expect(fetches).toBe(1);
    expect(docs.snapshot()[0]?.doc).toBeNull();

    answer = 'doc';
    clock.now += 999;
    await docs.refreshStale();
    expect(fetches).toBe(1);
    clock.now += 1;
    await docs.refreshStale();
    expect(fetches).toBe(2);
    expect(docs.snapshot()[0]).toMatchObject({ name: 'svc', doc: DOC });
  });

  it('fetches a loaded document again only after refreshMs, keeping it while the service is down', async () => {
    const clock = { now: 2_000_000 };
    const docs = docsAt(clock);
    await docs.refreshStale();
    const loaded = docs.version();
    answer = 'down';
    clock.now += 59_999;
    await docs.refreshStale();
    expect(fetches).toBe(1);
    clock.now += 1;
    await docs.refreshStale();
    expect(fetches).toBe(2);
    expect(docs.snapshot()[0]?.doc).toEqual(DOC);
    expect(docs.version()).toBe(loaded);
  });

  it.each(['html', 'redirect'] as const)(
    'refuses an answer that is not an OpenAPI document (%s)',
    async (kind) => {
      const docs = docsAt({ now: 3_000_000 });
      answer = kind;
      await docs.refreshStale();
      // A redirect is not followed: the upstream is asked once, and only for /openapi.json.
      expect(fetches).toBe(1);
      expect(docs.snapshot()[0]?.doc).toBeNull();
      expect(docs.version()).toBe(0);
    },
  );
});
