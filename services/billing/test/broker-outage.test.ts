import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent, publishInTx } from '@kavosh/messaging';
import type { KavoshApp } from '@kavosh/service-kit';
import { eventually, getInfra, TcpProxy, type TestService } from '@kavosh/testing';
import { createDatabase, type Database } from '../src/db.js';
import { startBilling, watchEvents } from './helper.js';

// Readiness is "this process can serve": a service whose broker is down (even at startup) stays
// in rotation and keeps writing; its events wait in the outbox until the broker returns.
describe('billing while the broker is unreachable', () => {
  let proxy: TcpProxy;
  let billing: TestService<KavoshApp>;
  let db: Database;
  let observer: Awaited<ReturnType<typeof watchEvents>>;

  beforeAll(async () => {
    const infra = await getInfra();
    proxy = await TcpProxy.start({ target: infra.amqpUrl });
    proxy.cut();
    billing = await startBilling({ rewriteAmqpUrl: (url) => proxy.rewrite(url) });
    db = createDatabase(billing.databaseUrl);
    // Watches billing's isolated exchange directly (not through the proxy).
    observer = await watchEvents({
      amqpUrl: infra.amqpUrl,
      exchange: `${billing.prefix}.events`,
      name: 'billing-observer',
    });
  });
  afterAll(async () => {
    await observer?.close();
    await db?.$disconnect();
    await billing?.close();
    await proxy?.close();
  });

  it('started without the broker: ready, with the broker named down at /health/dependencies', async () => {
    const ready = await billing.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });

    const deps = await billing.app.inject({ url: '/health/dependencies' });
    expect(deps.statusCode).toBe(200);
    expect(deps.json()).toMatchObject({
      status: 'degraded',
      down: ['broker'],
      dependencies: {
        database: { state: 'up', readiness: true },
        broker: { state: 'down', readiness: false },
      },
    });
    const metrics = await billing.app.metrics.metrics();
    expect(metrics).toContain('kavosh_dependency_up{dependency="broker"} 0');
    expect(metrics).toContain('kavosh_dependency_up{dependency="database"} 1');
  });

  it('keeps an event written during the cut in the outbox and publishes it once the broker returns', async () => {
    const event = createEvent({
      type: 'billing.test.happened.v1',
      source: 'billing',
      subject: 'outage-1',
      data: { n: 1 },
    });
    await db.$transaction(async (tx) => publishInTx(tx, event));
    const unsent = async () => {
      const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(
        'SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL',
      );
      return row?.n;
    };
    expect(await unsent()).toBe(1n);
    expect(observer.received).toEqual([]);

    proxy.restore();
    await eventually(() => expect(observer.received).toEqual([event.id]), { within: 20_000 });
    await eventually(async () => expect(await unsent()).toBe(0n));
    const deps = await billing.app.inject({ url: '/health/dependencies' });
    expect(deps.json()).toMatchObject({ status: 'ok', down: [] });
    expect((await billing.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
  });
});
