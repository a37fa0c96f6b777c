import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { getInfra } from '../src/index.js';
import { readTestEnv } from '../src/config.js';
import { resolveInfra } from '../src/infra.js';

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

/** This run's settings, outside vitest and never forcing containers. */
const testEnv = () => ({ ...readTestEnv(), insideVitest: false, forceContainers: false });

describe('resolveInfra', () => {
  it('accepts the running services as local infrastructure', async () => {
    const infra = await getInfra();
    const resolved = await resolveInfra({ ...testEnv(), ...infra });
    expect(resolved.infra).toEqual(infra);
    await resolved.stop();
  });

  it('fails naming the unreachable service and how to start it when no container runtime answers', async () => {
    const infra = await getInfra();
    const port = await closedPort();
    const failure = resolveInfra({ ...testEnv(), ...infra, redisUrl: `redis://127.0.0.1:${port}` });
    await expect(failure).rejects.toThrow(/- redis: .*\n\s+start it: redis-server --daemonize yes/);
    await expect(failure).rejects.toThrow(/docker compose up -d mysql rabbitmq redis/);
    await expect(failure).rejects.not.toThrow(/- mysql:/);
  });
});
