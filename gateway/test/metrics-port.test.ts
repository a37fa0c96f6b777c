import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, getInfra, uniquePrefix } from '@kavosh/testing';
import { startServer, type KavoshApp } from '@kavosh/service-kit';
import { buildApp } from '../src/app.js';
import { readConfig } from '../src/config.js';
import { startUpstream } from './support.js';

describe('gateway metrics port', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let app: KavoshApp;
  let server: { close(): Promise<void> };
  let publicUrl: string;
  let metricsUrl: string;

  beforeAll(async () => {
    upstream = await startUpstream();
    const [port, metricsPort] = [await freePort(), await freePort()];
    const config = readConfig({
      ...upstream.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      REDIS_URL: (await getInfra()).redisUrl,
      REDIS_KEY_PREFIX: `${uniquePrefix('gw-metrics')}:`,
    });
    app = await buildApp(config);
    server = await startServer(app, config);
    publicUrl = `http://127.0.0.1:${port}`;
    metricsUrl = `http://127.0.0.1:${metricsPort}`;
  });
  afterAll(async () => {
    await server?.close();
    await upstream?.close();
  });

  it('serves metrics on a separate port by default (9080)', () => {
    expect(readConfig(upstream.env).METRICS_PORT).toBe(9080);
  });

  it('answers 404 for GET /metrics on its public port and Prometheus text on METRICS_PORT', async () => {
    const open = await fetch(`${publicUrl}/health/live`);
    expect(open.status).toBe(200);

    const refused = await fetch(`${publicUrl}/metrics`);
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });

    const scraped = await fetch(`${metricsUrl}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = await scraped.text();
    expect(body).toContain('# TYPE gateway_upstream_requests_total counter');
    expect(body).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} 1\b/,
    );
    // The metrics port serves metrics only: not the gateway's routes.
    expect((await fetch(`${metricsUrl}/health/live`)).status).toBe(404);
  });
});
