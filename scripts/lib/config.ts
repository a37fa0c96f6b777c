import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** Settings of the local run (npm start, npm run provision); see .env.example. */
export interface StartConfig {
  mysqlAdminUrl: string;
  /** true when MYSQL_ADMIN_URL was not given: the Docker fallback may then add the compose password. */
  mysqlAdminUrlDefaulted: boolean;
  amqpUrl: string;
  /** true when AMQP_URL was not given: the Docker fallback may then use compose's admin. */
  amqpUrlDefaulted: boolean;
  redisUrl: string;
  host: string;
  logLevel: string;
  mysqlRootPassword: string;
  color: boolean;
  /** The gateway's CORS_ORIGINS: the user's, else the local web app's dev servers. */
  corsOrigins: string;
  /** Everything `.env` sets, passed on to the processes (the shell's own variables win). */
  fromDotenv: Record<string, string>;
  /** How to run rabbitmqctl on the broker: locally, or in compose's container when it started it. */
  rabbitmqctl: string[];
}

export const DEFAULT_MYSQL_ADMIN_URL = 'mysql://root@127.0.0.1:3306';
export const DEFAULT_MYSQL_ROOT_PASSWORD = 'kavosh-dev-root';
/** Origins a local web app is served from (a dev server on :3000, Vite on :5173): npm start only. */
export const DEV_CORS_ORIGINS = 'http://localhost:3000,http://localhost:5173';

/** Reads the environment, with a git-ignored `.env` in the repo root filling what the shell does not set. */
export function readStartConfig(
  rootDir: string,
  env: NodeJS.ProcessEnv = process.env,
): StartConfig {
  const dotenvPath = `${rootDir}/.env`;
  const fromFile = existsSync(dotenvPath) ? parseEnv(readFileSync(dotenvPath, 'utf8')) : {};
  const get = (name: string): string | undefined => env[name] ?? fromFile[name];
  return {
    mysqlAdminUrl: get('MYSQL_ADMIN_URL') ?? DEFAULT_MYSQL_ADMIN_URL,
    mysqlAdminUrlDefaulted: get('MYSQL_ADMIN_URL') === undefined,
    amqpUrl: get('AMQP_URL') ?? 'amqp://guest:guest@127.0.0.1:5672',
    amqpUrlDefaulted: get('AMQP_URL') === undefined,
    redisUrl: get('REDIS_URL') ?? 'redis://127.0.0.1:6379',
    host: get('HOST') ?? '127.0.0.1',
    logLevel: get('LOG_LEVEL') ?? 'info',
    mysqlRootPassword: get('MYSQL_ROOT_PASSWORD') ?? DEFAULT_MYSQL_ROOT_PASSWORD,
    // Set, even empty (no CORS), it is the user's choice.
    corsOrigins: get('CORS_ORIGINS') ?? DEV_CORS_ORIGINS,
    fromDotenv: Object.fromEntries(
      Object.entries(fromFile).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, value]],
      ),
    ),
    rabbitmqctl: ['rabbitmqctl'],
    color:
      get('NO_COLOR') === undefined &&
      (process.stdout.isTTY === true || get('FORCE_COLOR') !== undefined),
  };
}
