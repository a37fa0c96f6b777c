import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type KavoshApp } from '../src/index.js';
import { buildTestApp, testConfig } from './helper.js';

/** A TCP server on an ephemeral 127.0.0.1 port, held until closed. */
async function holdPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return { port: address.port, server };
}

async function freePort(): Promise<number> {
  const { port, server } = await holdPort();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function portOf(app: KavoshApp): number {
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** Whether a TCP connection to 127.0.0.1:port is accepted. */
async function accepts(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2_000) });
    return true;
  } catch {
    return false;
  }
}

describe('METRICS_PORT', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function start(metricsPort: number) {
    const config = testConfig({ METRICS_PORT: String(metricsPort) });
    const app = await buildTestApp({ config });
    app.get('/movies', async () => ({ movies: [] }));
    cleanups.push(() => app.close());
    // Port 0 (ephemeral) is outside what PORT accepts, so the config object is built directly.
    const server = await startServer(app, { ...config, HOST: '127.0.0.1', PORT: 0 });
    cleanups.push(() => server.close());
    return { app, server, port: portOf(app) };
  }

  it('answers 404 problem+json for /metrics on the main port and serves Prometheus text on its own', async () => {
    const metricsPort = await freePort();
    const { port } = await start(metricsPort);
    await fetch(`http://127.0.0.1:${port}/movies`);

    const main = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(main.status).toBe(404);
    expect(main.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await main.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });

    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await metrics.text();
    expect(body).toContain(
      'http_request_duration_seconds_count{method="GET",route="/movies",status_code="200"} 1',
    );
    expect(body).toContain(
      'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"} 1',
    );
    expect(body).toContain('process_cpu_user_seconds_total');
  });

  it('answers 404 on the metrics port for anything but GET /metrics', async () => {
    const metricsPort = await freePort();
    await start(metricsPort);
    for (const [method, path] of [
      ['GET', '/movies'],
      ['GET', '/health/live'],
      ['POST', '/metrics'],
    ] as const) {
      const res = await fetch(`http://127.0.0.1:${metricsPort}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    }
    const withQuery = await fetch(`http://127.0.0.1:${metricsPort}/metrics?x=1`);
    expect(withQuery.status).toBe(200);
  });

  it('keeps /metrics on the main port when METRICS_PORT is unset', async () => {
    const app = await buildTestApp();
    cleanups.push(() => app.close());
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });

  it('closes the metrics port with the app, without waiting for a kept-alive scrape', async () => {
    const metricsPort = await freePort();
    const { app, server, port } = await start(metricsPort);
    // A kept-alive scrape connection stays open after its answer; close must not wait for it.
    await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(await accepts(metricsPort)).toBe(true);

    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(app.server.listening).toBe(false);
    expect(await accepts(port)).toBe(false);
    expect(await accepts(metricsPort)).toBe(false);
  });

  it('fails startup with an error naming METRICS_PORT when the port is taken, main port unopened', async () => {
    const taken = await holdPort();
    cleanups.push(() => new Promise((resolve) => taken.server.close(resolve)));
    const mainPort = await freePort();
    const config = testConfig({ METRICS_PORT: String(taken.port), PORT: String(mainPort) });
    const app = await buildTestApp({ config });
    cleanups.push(() => app.close());

    await expect(startServer(app, { ...config, HOST: '127.0.0.1' })).rejects.toThrow(
      `metrics server cannot listen on METRICS_PORT 127.0.0.1:${taken.port}: listen EADDRINUSE`,
    );
    expect(app.server.listening).toBe(false);
    expect(await accepts(mainPort)).toBe(false);
  });

  it('rejects a METRICS_PORT outside 1..65535', () => {
    expect(() => testConfig({ METRICS_PORT: '70000' })).toThrow(
      'METRICS_PORT must be an integer >= 1 and <= 65535',
    );
  });
});
