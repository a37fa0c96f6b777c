import { GenericContainer, Wait } from 'testcontainers';
import type { StartedTestContainer } from 'testcontainers';
import type { ContainerImages } from './config.js';

type Service = 'mysql' | 'rabbitmq' | 'redis';
type Urls = { mysqlAdminUrl?: string; amqpUrl?: string; redisUrl?: string; rabbitmqCtl?: string[] };

// Generous: a loaded 2-core CI machine initialises a MySQL data directory slowly.
const STARTUP_TIMEOUT_MS = 180_000;

/**
 * Starts the given services from `images` (the official images by default; the stand-ins of
 * infra/standins through KAVOSH_TEST_*_IMAGE, which honour the same variables). Loaded only through
 * `await import()`, when a local service is unreachable and Docker answers, or KAVOSH_TESTCONTAINERS=1.
 * stop() stops and removes every container it started: with Ryuk disabled
 * (TESTCONTAINERS_RYUK_DISABLED=true, where its image cannot be pulled) nothing else would.
 */
export async function startContainers(
  services: Service[],
  images: ContainerImages,
): Promise<{ urls: Urls; stop(): Promise<void> }> {
  const started: StartedTestContainer[] = [];
  const urls: Urls = {};
  const stopAll = async () =>
    void (await Promise.allSettled(
      started.map((c) => c.stop({ remove: true, removeVolumes: true })),
    ));
  try {
    for (const service of services) {
      if (service === 'mysql') {
        // Both MySQL's and the MariaDB stand-in's entrypoints initialise on a socket-only server,
        // so the port listening means the real server is up.
        const c = await new GenericContainer(images.mysql)
          .withEnvironment({ MYSQL_ALLOW_EMPTY_PASSWORD: 'yes', MYSQL_ROOT_HOST: '%' })
          .withExposedPorts(3306)
          .withWaitStrategy(Wait.forListeningPorts())
          .withStartupTimeout(STARTUP_TIMEOUT_MS)
          .start();
        started.push(c);
        urls.mysqlAdminUrl = `mysql://root@${c.getHost()}:${c.getMappedPort(3306)}`;
      } else if (service === 'rabbitmq') {
        const c = await new GenericContainer(images.rabbitmq)
          .withExposedPorts(5672)
          .withWaitStrategy(Wait.forLogMessage(/Server startup complete/))
          .withStartupTimeout(STARTUP_TIMEOUT_MS)
          .start();
        started.push(c);
        urls.amqpUrl = `amqp://guest:guest@${c.getHost()}:${c.getMappedPort(5672)}`;
        // Tests that manage broker users run the container's own rabbitmqctl (DOCKER_HOST applies).
        urls.rabbitmqCtl = ['docker', 'exec', c.getId(), 'rabbitmqctl'];
      } else {
        const c = await new GenericContainer(images.redis)
          .withExposedPorts(6379)
          .withWaitStrategy(Wait.forLogMessage(/Ready to accept connections/))
          .withStartupTimeout(STARTUP_TIMEOUT_MS)
          .start();
        started.push(c);
        urls.redisUrl = `redis://${c.getHost()}:${c.getMappedPort(6379)}`;
      }
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  return { urls, stop: stopAll };
}
