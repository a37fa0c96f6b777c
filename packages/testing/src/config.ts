/** Where the test harness looks for MySQL/MariaDB, RabbitMQ and Redis, and whether it runs inside vitest. */
export interface TestEnv {
  mysqlAdminUrl: string;
  amqpUrl: string;
  redisUrl: string;
  /** True inside a vitest worker, where the global setup has already resolved the infrastructure. */
  insideVitest: boolean;
  /**
   * KAVOSH_TESTCONTAINERS=1: start every service in a container even when the local ones answer
   * (CI exercises the container path this way).
   */
  forceContainers: boolean;
  /** The images the container path starts: the official ones unless KAVOSH_TEST_*_IMAGE says. */
  images: ContainerImages;
}

export interface ContainerImages {
  mysql: string;
  rabbitmq: string;
  redis: string;
}

export function readTestEnv(env: NodeJS.ProcessEnv = process.env): TestEnv {
  return {
    mysqlAdminUrl: env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306',
    amqpUrl: env.TEST_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672',
    redisUrl: env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    insideVitest: env.VITEST === 'true',
    forceContainers: env.KAVOSH_TESTCONTAINERS === '1' || env.KAVOSH_TESTCONTAINERS === 'true',
    images: {
      mysql: env.KAVOSH_TEST_MYSQL_IMAGE || 'mysql:8.4',
      rabbitmq: env.KAVOSH_TEST_RABBITMQ_IMAGE || 'rabbitmq:4-management',
      redis: env.KAVOSH_TEST_REDIS_IMAGE || 'redis:7',
    },
  };
}
