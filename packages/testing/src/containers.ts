import { GenericContainer, Wait } from 'testcontainers';
import type { StartedTestContainer } from 'testcontainers';

type Service = 'mysql' | 'rabbitmq' | 'redis';
type Urls = { mysqlAdminUrl?: string; amqpUrl?: string; redisUrl?: string };

// Loaded only through `await import()` when a local service is unreachable and Docker answers.
export async function startContainers(
  services: Service[],
): Promise<{ urls: Urls; stop(): Promise<void> }> {
  const started: StartedTestContainer[] = [];
  const urls: Urls = {};
  try {
    for (const service of services) {
      if (service === 'mysql') {
        const c = await new GenericContainer('mysql:8.4')
          .withEnvironment({ MYSQL_ALLOW_EMPTY_PASSWORD: 'yes', MYSQL_ROOT_HOST: '%' })
          .withExposedPorts(3306)
          .withWaitStrategy(Wait.forLogMessage(/ready for connections.*port: 3306/))
          .withStartupTimeout(120_000)
          .start();
        started.push(c);
        urls.mysqlAdminUrl = `mysql://root@${c.getHost()}:${c.getMappedPort(3306)}`;
      } else if (service === 'rabbitmq') {
        const c = await new GenericContainer('rabbitmq:4-management')
          .withExposedPorts(5672)
          .withWaitStrategy(Wait.forLogMessage(/Server startup complete/))
          .withStartupTimeout(120_000)
          .start();
        started.push(c);
        urls.amqpUrl = `amqp://guest:guest@${c.getHost()}:${c.getMappedPort(5672)}`;
      } else {
        const c = await new GenericContainer('redis:7')
          .withExposedPorts(6379)
          .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
          .start();
        started.push(c);
        urls.redisUrl = `redis://${c.getHost()}:${c.getMappedPort(6379)}`;
      }
    }
  } catch (err) {
    await Promise.allSettled(started.map((c) => c.stop()));
    throw err;
  }
  return { urls, stop: async () => void (await Promise.allSettled(started.map((c) => c.stop()))) };
}
