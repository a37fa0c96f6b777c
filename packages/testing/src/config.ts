/** Where the test harness looks for MySQL/MariaDB, RabbitMQ and Redis, and whether it runs inside vitest. */
export interface TestEnv {
  mysqlAdminUrl: string;
  amqpUrl: string;
  redisUrl: string;
  /** True inside a vitest worker, where the global setup has already resolved the infrastructure. */
  insideVitest: boolean;
}

export function readTestEnv(env: NodeJS.ProcessEnv = process.env): TestEnv {
  return {
    mysqlAdminUrl: env.TEST_MYSQL_URL || 'mysql://root@127.0.0.1:3306',
    amqpUrl: env.TEST_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672',
    redisUrl: env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    insideVitest: env.VITEST === 'true',
  };
}
