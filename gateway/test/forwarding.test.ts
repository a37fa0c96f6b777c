import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  Agent,
  createServer,
  request,
  type ClientRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getInfra, uniquePrefix } from '@kavosh/testing';
import type { KavoshApp } from '@kavosh/service-kit';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { AUDIENCE, ISSUER, serveDeclarations, signToken } from './support.js';

const MiB = 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** An upstream whose answer to each path is set by the test that uses it (and that serves a JWKS). */
async function startUpstream(jwks: string) {
  const handlers = new Map<string, Handler>();
  const server: Server = createServer((req, res) => {
    if (serveDeclarations(req, res)) return;
    const path = (req.url ?? '').split('?')[0] ?? '';
    const handler = handlers.get(path);
    if (handler !== undefined) return handler(req, res);
    req.resume();
    if (path === '/.well-known/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    on: (path: string, handler: Handler) => void handlers.set(path, handler),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Reads a response to its end; rejects when it is cut off (error, or closed before its end). */
async function readAll(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('gateway forwarder: streaming both ways, header hygiene, aborts and backpressure', () => {
  let app: KavoshApp;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let gateway: URL;
  let bearer: string;

  /** Starts a request to the gateway (not ended: the caller sends its body), with a user's token. */
  const send = (method: string, path: string, headers: OutgoingHttpHeaders = {}, agent?: Agent) => {
    const req: ClientRequest = request({
      host: gateway.hostname,
      port: gateway.port,
      method,
      path,
      headers: { authorization: bearer, ...headers },
      ...(agent ? { agent } : {}),
    });
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      req.once('response', resolve);
      // Stays attached: a socket reset after the answer must not become an uncaught error.
      req.on('error', reject);
    });
    return { req, response };
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'EdDSA' };
    upstream = await startUpstream(JSON.stringify({ keys: [jwk] }));
    app = await buildApp(
      readConfig({
        LOG_LEVEL: 'silent',
        REDIS_URL: (await getInfra()).redisUrl,
        REDIS_KEY_PREFIX: `${uniquePrefix('gw-forwarding')}:`,
        RATE_LIMIT_MAX: '100000',
        BODY_LIMIT_BYTES: String(4 * MiB),
        AUTH_URL: upstream.url,
        CATALOG_URL: upstream.url,
        BILLING_URL: upstream.url,
        SOCIAL_URL: upstream.url,
        AUTH_JWKS_URL: `${upstream.url}/.well-known/jwks.json`,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
      }),
    );
    gateway = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    // Routes under /api/catalog/t/ are not in the policy table: any signed-in caller, any method.
    bearer = `Bearer ${await signToken(pair.privateKey)}`;
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });

  it('when the upstream streams its body, then the client gets the first chunk before the upstream sends the next', async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let secondSent = false;
    upstream.on('/t/stream', (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first;');
      // A gateway that buffers never shows the first chunk: the second goes anyway, and the
      // ordering check below fails instead of the test hanging.
      const fallback = setTimeout(release, 5_000);
      void released.then(() => {
        clearTimeout(fallback);
        secondSent = true;
        res.end('second');
      });
    });
    const { req, response } = send('GET', '/api/catalog/t/stream');
    req.end();
    const res = await response;
    res.setEncoding('utf8');
    let received = '';
    let secondSentAtFirstChunk: boolean | undefined;
    for await (const chunk of res) {
      if (secondSentAtFirstChunk === undefined) {
        secondSentAtFirstChunk = secondSent;
        release();
      }
      received += chunk as string;
    }
    expect(secondSentAtFirstChunk).toBe(false);
    expect(received).toBe('first;second');
  });

  it('when a 2 MiB body is sent with content-length or chunked, then the upstream receives it byte for byte', async () => {
    upstream.on('/t/body', (req, res) => {
      const hash = createHash('sha256');
      let length = 0;
      req.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        length += chunk.length;
      });
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ sha256: hash.digest('hex'), length }));
      });
    });
    const body = randomBytes(2 * MiB);
    const expected = {
      sha256: createHash('sha256').update(body).digest('hex'),
      length: body.length,
    };
    const type = { 'content-type': 'application/octet-stream' };

    const withLength = send('PUT', '/api/catalog/t/body', {
      ...type,
      'content-length': body.length,
    });
    withLength.req.end(body);
    const lengthRes = await withLength.response;
    expect(lengthRes.statusCode).toBe(200);
    expect(JSON.parse((await readAll(lengthRes)).toString('utf8'))).toEqual(expected);

    // No content-length: Node's client sends the body chunked.
    const chunked = send('POST', '/api/catalog/t/body', type);
    for (let at = 0; at < body.length; at += 100_000)
      chunked.req.write(body.subarray(at, at + 100_000));
    chunked.req.end();
    const chunkedRes = await chunked.response;
    expect(chunkedRes.statusCode).toBe(200);
    expect(JSON.parse((await readAll(chunkedRes)).toString('utf8'))).toEqual(expected);
  });

  it('when the upstream answers HEAD, 204 or 304, then the client gets the headers and no body, and the connection still works', async () => {
    upstream.on('/t/head', (req, res) => {
      req.resume();
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': '27',
        'x-upstream': 'head',
      });
      res.end(req.method === 'HEAD' ? undefined : '{"a":"twenty-seven bytes!"}');
    });
    upstream.on('/t/no-content', (req, res) => {
      req.resume();
      res.writeHead(204, { 'x-upstream': 'no-content' }).end();
    });
    upstream.on('/t/not-modified', (req, res) => {
      req.resume();
      res.writeHead(304, { etag: '"v1"' }).end();
    });
    // One kept-alive connection for all four: a body where none belongs would corrupt the next answer.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const exchange = async (method: string, path: string) => {
        const { req, response } = send(method, path, {}, agent);
        req.end();
        const res = await response;
        return { res, body: await readAll(res) };
      };
      const head = await exchange('HEAD', '/api/catalog/t/head');
      expect(head.res.statusCode).toBe(200);
      expect(head.res.headers).toMatchObject({ 'content-length': '27', 'x-upstream': 'head' });
      expect(head.body.length).toBe(0);

      const noContent = await exchange('GET', '/api/catalog/t/no-content');
      expect(noContent.res.statusCode).toBe(204);
      expect(noContent.res.headers['x-upstream']).toBe('no-content');
      expect(noContent.body.length).toBe(0);

      const notModified = await exchange('GET', '/api/catalog/t/not-modified');
      expect(notModified.res.statusCode).toBe(304);
      expect(notModified.res.headers.etag).toBe('"v1"');
      expect(notModified.body.length).toBe(0);

      const get = await exchange('GET', '/api/catalog/t/head');
      expect(get.res.statusCode).toBe(200);
      expect(get.body.toString('utf8')).toBe('{"a":"twenty-seven bytes!"}');
    } finally {
      agent.destroy();
    }
  });

  it('when the upstream sends hop-by-hop headers, cookies and a relative Location, then the client gets only end-to-end ones, every cookie, the prefixed Location and the gateway headers', async () => {
    upstream.on('/t/headers', (req, res) => {
      req.resume();
      res.setHeader('connection', 'x-hop');
      res.setHeader('x-hop', 'for the gateway only');
      res.setHeader('keep-alive', 'timeout=7, max=99');
      res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
      res.setHeader('location', '/movies/new-slug');
      res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    });
    const { req, response } = send('POST', '/api/catalog/t/headers', {
      'x-request-id': 'fwd-hygiene-1',
      'content-type': 'application/json',
    });
    req.end('{}');
    const res = await response;
    await readAll(res);
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-hop']).toBeUndefined();
    // The gateway's own server may announce its keep-alive: never the upstream's value.
    expect(res.headers['keep-alive'] ?? '').not.toContain('max=99');
    expect(res.headers.connection ?? '').not.toContain('x-hop');
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
    expect(res.headers.location).toBe('/api/catalog/movies/new-slug');
    expect(res.headers['x-request-id']).toBe('fwd-hygiene-1');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('when the client goes away mid-response, then the upstream request is aborted', async () => {
    let upstreamClose: { finished: boolean } | undefined;
    upstream.on('/t/slow', (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first');
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => {
        clearInterval(timer);
        upstreamClose = { finished: res.writableFinished };
      });
    });
    const { req, response } = send('GET', '/api/catalog/t/slow');
    req.end();
    const res = await response;
    await once(res, 'data');
    res.socket.destroy();
    await eventually(() => expect(upstreamClose).toEqual({ finished: false }), { within: 10_000 });
  });

  it('when the client reads nothing, then the gateway holds the upstream back instead of buffering its body', async () => {
    const total = 64 * MiB;
    const chunk = Buffer.alloc(64 * 1024, 'k');
    let written = 0;
    upstream.on('/t/big', (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': total });
      const pump = () => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const { req, response } = send('GET', '/api/catalog/t/big');
    req.end();
    const res = await response;
    // Not an assertion on time: the client just reads nothing for a while.
    await sleep(1_000);
    // Socket buffers on both hops hold some MiB (about 8 measured on Linux loopback); without
    // backpressure all 64 MiB are out in well under a second.
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(24 * MiB);
    let received = 0;
    for await (const data of res) received += (data as Buffer).length;
    expect(received).toBe(total);
  });

  it('when the upstream fails after its headers, then the client response is cut off, not completed', async () => {
    upstream.on('/t/broken', (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial', () => res.socket?.destroy());
    });
    const { req, response } = send('GET', '/api/catalog/t/broken');
    req.end();
    const res = await response;
    expect(res.statusCode).toBe(200);
    await expect(readAll(res)).rejects.toThrow();
    expect(res.complete).toBe(false);
  });

  it('when a small answer (declared length up to 64 KiB) fails before its end, then the client gets 502 problem+json, not a cut-off 200', async () => {
    upstream.on('/t/small-broken', (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"partial":', () => res.socket?.destroy());
    });
    const { req, response } = send('GET', '/api/catalog/t/small-broken');
    req.end();
    const res = await response;
    expect(res.statusCode).toBe(502);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse((await readAll(res)).toString('utf8'))).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
  });

  it('when answers of every size come back on one connection, then each arrives whole, byte for byte, with its own headers', async () => {
    // Both sides of BUFFERED_ANSWER_MAX_BYTES (64 KiB): read whole, or streamed.
    const sizes = [0, 1, 1_000, 64 * 1024, 64 * 1024 + 1, 3 * MiB];
    const bodies = new Map(sizes.map((size) => [String(size), randomBytes(size)]));
    upstream.on('/t/sized', (req, res) => {
      req.resume();
      const size = new URL(req.url ?? '/', 'http://upstream').searchParams.get('size') ?? '';
      const body = bodies.get(size) ?? Buffer.alloc(0);
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(body.length),
        'x-size': size,
        'set-cookie': ['a=1', 'b=2'],
      });
      res.end(body);
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const size of sizes) {
        const { req, response } = send('GET', `/api/catalog/t/sized?size=${size}`, {}, agent);
        req.end();
        const res = await response;
        expect(res.statusCode, String(size)).toBe(200);
        expect(res.headers, String(size)).toMatchObject({
          'content-length': String(size),
          'x-size': String(size),
          'set-cookie': ['a=1', 'b=2'],
        });
        expect(res.headers['x-content-type-options'], String(size)).toBe('nosniff');
        const body = await readAll(res);
        expect(body.equals(bodies.get(String(size)) ?? Buffer.alloc(1)), String(size)).toBe(true);
      }
    } finally {
      agent.destroy();
    }
  });

  it('when the upstream answers a GET with 503, then the client gets that answer and the upstream is asked once', async () => {
    let asked = 0;
    upstream.on('/t/unavailable', (req, res) => {
      asked++;
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('later');
    });
    const { req, response } = send('GET', '/api/catalog/t/unavailable');
    req.end();
    const res = await response;
    expect(res.statusCode).toBe(503);
    expect((await readAll(res)).toString('utf8')).toBe('later');
    expect(asked).toBe(1);
  });

  it('when the upstream answers before the request body is all sent, then the client gets that status and connection: close', async () => {
    upstream.on('/t/early', (req, res) => {
      req.once('data', () => {
        res.writeHead(413, { 'content-type': 'text/plain' });
        res.end('too large');
      });
    });
    // Chunked, and never ended: the answer comes while the client still has body to send.
    const { req, response } = send('POST', '/api/catalog/t/early', {
      'content-type': 'application/octet-stream',
    });
    req.write(randomBytes(64 * 1024));
    try {
      const res = await response;
      expect(res.statusCode).toBe(413);
      expect(res.headers.connection).toBe('close');
      expect((await readAll(res)).toString('utf8')).toBe('too large');
    } finally {
      req.destroy();
    }
  });
});

describe('gateway forwarder: bounded waits for an upstream connection and for a whole answer', () => {
  let app: KavoshApp;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let gateway: URL;
  let bearer: string;

  const get = (path: string) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({
        host: gateway.hostname,
        port: gateway.port,
        path,
        headers: { authorization: bearer },
      });
      req.once('response', resolve);
      req.on('error', reject);
      req.end();
    });

  /** An answer whose headers come at once and whose body drips a byte every 100 ms. */
  const drip = (forMs: number) => (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' });
    const timer = setInterval(() => res.write('.'), 100);
    const stop = setTimeout(() => {
      clearInterval(timer);
      res.end();
    }, forMs);
    res.on('close', () => {
      clearInterval(timer);
      clearTimeout(stop);
    });
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'EdDSA' };
    upstream = await startUpstream(JSON.stringify({ keys: [jwk] }));
    app = await buildApp(
      readConfig({
        LOG_LEVEL: 'silent',
        REDIS_URL: (await getInfra()).redisUrl,
        REDIS_KEY_PREFIX: `${uniquePrefix('gw-bounded')}:`,
        RATE_LIMIT_MAX: '100000',
        AUTH_URL: upstream.url,
        // One connection to catalog: a second request has to wait for it.
        CATALOG_URL: upstream.url,
        UPSTREAM_CONNECTIONS: '1',
        UPSTREAM_TIMEOUT_MS: '300',
        UPSTREAM_DEADLINE_MS: '1000',
        BILLING_URL: upstream.url,
        SOCIAL_URL: upstream.url,
        AUTH_JWKS_URL: `${upstream.url}/.well-known/jwks.json`,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
      }),
    );
    gateway = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    bearer = `Bearer ${await signToken(pair.privateKey)}`;
  });
  afterAll(async () => {
    await app?.close();
    await upstream?.close();
  });

  it('when every upstream connection stays busy, then a waiting request is answered 504 within the timeout and never sent', async () => {
    // Each chunk comes well within the 300 ms timeout: the connection stays busy for 2 s.
    upstream.on('/t/busy', drip(2_000));
    let quickSeen = 0;
    upstream.on('/t/quick', (req, res) => {
      quickSeen++;
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('quick');
    });
    const busy = await get('/api/catalog/t/busy');
    busy.resume();
    const started = performance.now();
    const waiting = await get('/api/catalog/t/quick');
    const waited = performance.now() - started;
    const body = JSON.parse((await readAll(waiting)).toString('utf8')) as { code?: string };
    expect(waiting.statusCode).toBe(504);
    expect(body.code).toBe('UPSTREAM_TIMEOUT');
    // Not a timing assertion on the gateway's speed: unbounded, it would wait the whole 2 s.
    expect(waited).toBeLessThan(1_500);
    expect(quickSeen).toBe(0);
    busy.destroy();
    // The connection is free again for the next request.
    await eventually(
      async () => {
        const next = await get('/api/catalog/t/quick');
        expect(next.statusCode).toBe(200);
        expect((await readAll(next)).toString('utf8')).toBe('quick');
      },
      { within: 5_000 },
    );
  });

  it('when the upstream drips its answer past the deadline, then the client response is cut off', async () => {
    let upstreamClosed = false;
    upstream.on('/t/drip', (req, res) => {
      res.on('close', () => (upstreamClosed = true));
      drip(60_000)(req, res);
    });
    const res = await get('/api/catalog/t/drip');
    expect(res.statusCode).toBe(200);
    // Without a deadline the answer would go on for a minute: 4 s settles it either way.
    const outcome = await Promise.race([
      readAll(res).then(
        () => 'completed',
        () => 'cut off',
      ),
      sleep(4_000).then(() => 'still streaming'),
    ]);
    expect(outcome).toBe('cut off');
    expect(res.complete).toBe(false);
    await eventually(() => expect(upstreamClosed).toBe(true), { within: 5_000 });
  });
});
