import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { Redis } from 'ioredis';
import { TcpProxy, eventually, getInfra } from '../src/index.js';

// Fail fast through the proxy: no reconnects or queued commands that would hide the outage.
function redisThrough(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1_000,
    commandTimeout: 500,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
}

function tcpConnect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

describe('TcpProxy', () => {
  let proxy: TcpProxy;
  const clients: Redis[] = [];
  const client = (url: string) => {
    const c = redisThrough(url);
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    proxy = await TcpProxy.start({ target: (await getInfra()).redisUrl });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await proxy.close();
  });

  it('forwards traffic to the target and rewrites URLs to itself', async () => {
    const url = proxy.rewrite((await getInfra()).redisUrl);
    expect(url).toBe(`redis://127.0.0.1:${proxy.port}`);
    const redis = client(url);
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    expect(proxy.connections).toBe(1);
  });

  it('cut() breaks live connections and refuses new ones until restore()', async () => {
    const url = proxy.rewrite((await getInfra()).redisUrl);
    const live = client(url);
    await live.connect();
    expect(await live.ping()).toBe('PONG');

    proxy.cut();
    await expect(live.ping()).rejects.toThrow();
    expect(proxy.connections).toBe(0);
    await expect(tcpConnect(proxy.port)).rejects.toThrow(/ECONNREFUSED/);

    proxy.restore();
    const fresh = client(url);
    await fresh.connect();
    expect(await fresh.ping()).toBe('PONG');
  });

  it('blackhole() holds connections without answering until restore()', async () => {
    const url = proxy.rewrite((await getInfra()).redisUrl);
    const redis = client(url);
    await redis.connect();

    proxy.blackhole();
    await expect(redis.ping()).rejects.toThrow(/timed out/i);
    expect(proxy.connections).toBe(1);

    proxy.restore();
    const fresh = client(url);
    await fresh.connect();
    expect(await fresh.ping()).toBe('PONG');
  });

  it('setLatencyMs() delays replies past a client timeout and 0 brings them back', async () => {
    const url = proxy.rewrite((await getInfra()).redisUrl);
    const redis = client(url);
    await redis.connect();

    proxy.setLatencyMs(600);
    await expect(redis.ping()).rejects.toThrow(/timed out/i);

    proxy.setLatencyMs(0);
    const fresh = client(url);
    await fresh.connect();
    await eventually(async () => expect(await fresh.ping()).toBe('PONG'), { within: 3_000 });
  });

  it('accepts host:port targets', async () => {
    const { redisUrl } = await getInfra();
    const target = new URL(redisUrl);
    const other = await TcpProxy.start({ target: `${target.hostname}:${target.port || 6379}` });
    try {
      const redis = client(other.rewrite(redisUrl));
      await redis.connect();
      expect(await redis.ping()).toBe('PONG');
    } finally {
      await other.close();
    }
  });
});
