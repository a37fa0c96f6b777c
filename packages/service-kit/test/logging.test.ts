import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '../src/index.js';
import { buildTestApp, captureLogs, eventually, type LogCapture } from './helper.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids and logs', () => {
  let app: KavoshApp;
  let logs: LogCapture;

  beforeAll(async () => {
    logs = captureLogs();
    app = await buildTestApp({ logger: logs.logger });
    app.get('/movies/:id', async (req) => ({ id: req.params }));
    // Logs everything a careless handler might: the request, its headers, its body.
    app.post('/sessions', async (req, reply) => {
      void reply.header('set-cookie', 'refresh=SETCOOKIE-SECRET-6; HttpOnly');
      req.log.info({ req, headers: req.headers, body: req.body }, 'session requested');
      req.log.info({ response: { headers: reply.getHeaders() } }, 'session answered');
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('generates a request id when none arrives and echoes it', async () => {
    const res = await app.inject({ url: '/movies/1' });
    expect(res.headers['x-request-id']).toMatch(UUID);
  });

  it('honours a well-formed incoming x-request-id', async () => {
    const res = await app.inject({ url: '/movies/1', headers: { 'x-request-id': 'gw-7f3a:0001' } });
    expect(res.headers['x-request-id']).toBe('gw-7f3a:0001');
  });

  it('replaces a malformed incoming x-request-id', async () => {
    const res = await app.inject({
      url: '/movies/1',
      headers: { 'x-request-id': 'evil\tvalue; drop' },
    });
    expect(res.headers['x-request-id']).toMatch(UUID);
  });

  it('writes one access line with route, status and duration under request_id', async () => {
    const res = await app.inject({
      url: '/movies/42?token=QS-SECRET',
      headers: { 'x-request-id': 'access-1' },
    });
    expect(res.statusCode).toBe(200);
    await eventually(() => {
      const lines = logs.entries().filter((e) => e.request_id === 'access-1');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        level: 30,
        msg: 'request completed',
        service: 'kit-test',
        method: 'GET',
        route: '/movies/:id',
        url: '/movies/42?token=[REDACTED]',
        status_code: 200,
        duration_ms: expect.any(Number),
      });
    });
    expect(logs.text()).not.toContain('QS-SECRET');
  });

  it('writes probe access lines at debug', async () => {
    await app.inject({ url: '/health/live', headers: { 'x-request-id': 'probe-1' } });
    await eventually(() => {
      expect(logs.entries().find((e) => e.request_id === 'probe-1')).toMatchObject({
        level: 20,
        route: '/health/live',
      });
    });
  });

  it('binds trace_id and span_id from a valid traceparent', async () => {
    await app.inject({
      url: '/movies/1',
      headers: {
        'x-request-id': 'traced-1',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
    });
    await eventually(() => {
      expect(logs.entries().find((e) => e.request_id === 'traced-1')).toMatchObject({
        trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
        span_id: '00f067aa0ba902b7',
      });
    });
  });

  it('redacts credentials, cookies and secret fields from every log line', async () => {
    const secrets = [
      'AUTH-SECRET-1',
      'COOKIE-SECRET-2',
      'APIKEY-SECRET-3',
      'PASSWORD-SECRET-4',
      'REFRESH-SECRET-5',
      'SETCOOKIE-SECRET-6',
      'NEWPASSWORD-SECRET-7',
      'TICKET-SECRET-8',
    ];
    const res = await app.inject({
      method: 'POST',
      url: '/sessions?ticket=TICKET-SECRET-8',
      headers: {
        'x-request-id': 'redact-1',
        authorization: 'Bearer AUTH-SECRET-1',
        cookie: 'sid=COOKIE-SECRET-2',
        'x-api-key': 'APIKEY-SECRET-3',
      },
      payload: {
        email: 'ada@example.com',
        password: 'PASSWORD-SECRET-4',
        session: {
          refreshToken: 'REFRESH-SECRET-5',
          change: { newPassword: 'NEWPASSWORD-SECRET-7' },
        },
      },
    });
    expect(res.statusCode).toBe(200);
    await eventually(() => {
      expect(logs.entries().filter((e) => e.request_id === 'redact-1')).toHaveLength(3);
    });
    const text = logs.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('session requested');
    expect(text).toContain('"set-cookie":"[REDACTED]"');
  });
});
