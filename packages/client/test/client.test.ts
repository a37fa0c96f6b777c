import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKavoshClient } from '../src/index.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

// A real HTTP server that records each request and answers what the test asks through the path.
let server: Server;
let baseUrl: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.url?.startsWith('/api/auth/login')) {
        res.writeHead(401, { 'content-type': 'application/problem+json' });
        res.end(JSON.stringify({ status: 401, code: 'INVALID_CREDENTIALS', title: 'No' }));
      } else if (req.method === 'DELETE') {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ items: [], nextCursor: null }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createKavoshClient', () => {
  it('fills path parameters, writes the query and answers the JSON body as data', async () => {
    const client = createKavoshClient({ baseUrl, headers: { 'x-request-id': 'client-test' } });
    const { data, error, response } = await client.GET('/api/catalog/movies', {
      params: { query: { q: 'blade runner', limit: 5, premium: false } },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual({ items: [], nextCursor: null });
    const request = seen.at(-1);
    expect(request?.url).toBe('/api/catalog/movies?q=blade%20runner&limit=5&premium=false');
    expect(request?.headers['x-request-id']).toBe('client-test');
  });

  it('sends a body as JSON with the caller headers, and a problem as error', async () => {
    const client = createKavoshClient({ baseUrl });
    const { data, error, response } = await client.POST('/api/auth/login', {
      body: { email: 'a@example.com', password: 'correct horse' },
      headers: { 'x-kavosh-test': '1' },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const request = seen.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-kavosh-test']).toBe('1');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      email: 'a@example.com',
      password: 'correct horse',
    });
  });

  it('encodes a path parameter and answers no data for 204', async () => {
    const client = createKavoshClient({ baseUrl });
    const { data, error, response } = await client.DELETE('/api/social/users/{id}/follow', {
      params: { path: { id: 'a/b c' } },
    });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
    expect(seen.at(-1)?.url).toBe('/api/social/users/a%2Fb%20c/follow');
  });
});
