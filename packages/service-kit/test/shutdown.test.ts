import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type KavoshApp } from '../src/index.js';
import { drainAndClose } from '../src/server.js';
import { buildTestApp, eventually, testConfig } from './helper.js';

interface Latch {
  promise: Promise<void>;
  release(): void;
}

function latch(): Latch {
  let release = () => {};
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

/** An app whose GET /slow waits for a latch, recording the order of what happens. */
async function appWithSlowRoute(
  events: string[],
): Promise<{ app: KavoshApp; entered: Latch; finish: Latch }> {
  const entered = latch();
  const finish = latch();
  const app = await buildTestApp();
  app.get('/slow', async () => {
    entered.release();
    await finish.promise;
    events.push('slow request answered');
    return { done: true };
  });
  app.addHook('onClose', async () => {
    events.push('onClose');
  });
  return { app, entered, finish };
}

describe('graceful shutdown', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it('finishes the in-flight request before onClose hooks run', async () => {
    const events: string[] = [];
    const { app, entered, finish } = await appWithSlowRoute(events);
    // Port 0 (ephemeral) is outside what PORT accepts, so the config object is built directly.
    const server = await startServer(app, { ...testConfig(), HOST: '127.0.0.1', PORT: 0 });
    cleanups.push(async () => {
      finish.release();
      await server.close();
    });
    const address = app.server.address();
    if (address === null || typeof address === 'string')
      throw new Error('server has no TCP address');

    const inFlight = fetch(`http://127.0.0.1:${address.port}/slow`);
    await entered.promise;
    const closing = server.close();
    expect(app.shuttingDown).toBe(true);
    // close() is under way but waits for the request: nothing has closed yet.
    await eventually(() => expect(app.server.listening).toBe(false));
    expect(events).toEqual([]);

    finish.release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closing;
    expect(events).toEqual(['slow request answered', 'onClose']);
  });

  it('answers readiness with 503 SHUTTING_DOWN while draining, then closes', async () => {
    const events: string[] = [];
    const { app } = await appWithSlowRoute(events);
    await app.ready();
    expect((await app.inject({ url: '/health/live' })).headers.connection).not.toBe('close');
    const closing = drainAndClose(app, { SHUTDOWN_DRAIN_MS: 1_000 });
    cleanups.push(() => closing);

    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.json()).toMatchObject({ code: 'SHUTTING_DOWN' });
    // Traffic is still served while the endpoint is being removed, each answer ending its
    // connection so kept-alive clients reconnect to a ready replica before this one stops.
    const live = await app.inject({ url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.headers.connection).toBe('close');
    expect(events).toEqual([]);

    await closing;
    expect(events).toEqual(['onClose']);
  });
});
