import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '../src/index.js';
import { buildTestApp } from './helper.js';

/** Sends raw bytes (no client library would send them) and reads the whole answer. */
function rawExchange(port: number, request: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as unknown };
}

describe('requests the HTTP parser refuses before any route', () => {
  let app: KavoshApp;
  let port: number;

  beforeAll(async () => {
    app = await buildTestApp();
    app.get('/ok', async () => ({ ok: true }));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers a raw non-ASCII byte in the path with a problem, 400 MALFORMED_REQUEST', async () => {
    const request = Buffer.concat([
      Buffer.from('GET /ok'),
      Buffer.from([0xff]),
      Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
    ]);
    const answer = parse(await rawExchange(port, request));
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({
      status: 400,
      code: 'MALFORMED_REQUEST',
      requestId: answer.headers['x-request-id'],
    });
  });

  it('answers headers over the limit with a problem, 431 HEADERS_TOO_LARGE', async () => {
    const request = Buffer.from(
      `GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    );
    const answer = parse(await rawExchange(port, request));
    expect(answer.status).toBe(431);
    expect(answer.body).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it('still serves a well-formed request on a new connection afterwards', async () => {
    const answer = parse(
      await rawExchange(
        port,
        Buffer.from('GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      ),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: true });
  });
});
