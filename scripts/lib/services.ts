import type { StartConfig } from './config.js';

/** The email of the admin auth creates on first start; its password is in .secrets/dev.env. */
export const DEV_ADMIN_EMAIL = 'admin@kavosh.dev';

/** One process that npm start runs. */
export interface ProcessSpec {
  name: 'gateway' | 'auth' | 'catalog' | 'billing' | 'social' | 'payment-sandbox' | 'load-balancer';
  /** Its name in logs when several run (`auth-2`); `name` otherwise. */
  instance?: string;
  /** The program and its arguments, run in `dir`; `src/main.ts` from source (tsx) when absent. */
  command?: string[];
  dir: string;
  port: number;
  /** Where it serves /metrics (METRICS_PORT): never on `port`, as in every deployment. */
  metricsPort?: number;
  /** Answers 200 once it can serve (the services' and the gateway's /health/ready). */
  readyPath: string;
  /**
   * The MySQL schema it owns, its runtime user (data rights only) and the migrator that applies its
   * migrations (DDL); the gateway has none.
   */
  database?: {
    schema: string;
    user: string;
    passwordSecret: string;
    migrator: { user: string; passwordSecret: string };
  };
  /** Its RabbitMQ user and the producing services whose events it consumes; the gateway has none. */
  broker?: { user: string; passwordSecret: string; consumes: string[] };
}

const service = (
  name: 'auth' | 'catalog' | 'billing' | 'social',
  port: number,
  metricsPort: number,
  consumes: string[],
): ProcessSpec => ({
  name,
  dir: `services/${name}`,
  port,
  metricsPort,
  readyPath: '/health/ready',
  database: {
    schema: `kavosh_${name}`,
    user: `kavosh_${name}`,
    passwordSecret: `${name.toUpperCase()}_DB_PASSWORD`,
    migrator: {
      user: `kavosh_${name}_migrator`,
      passwordSecret: `${name.toUpperCase()}_DB_MIGRATOR_PASSWORD`,
    },
  },
  broker: {
    user: `kavosh_${name}`,
    passwordSecret: `${name.toUpperCase()}_AMQP_PASSWORD`,
    consumes,
  },
});

/** The local Stripe emulator billing pays through in development (infra/payment-sandbox). */
export const PAYMENT_SANDBOX_PORT = 12111;

/** Services first: the gateway goes last so its upstreams are already listening. */
export const PROCESSES: ProcessSpec[] = [
  {
    name: 'payment-sandbox',
    dir: 'infra/payment-sandbox',
    port: PAYMENT_SANDBOX_PORT,
    readyPath: '/healthz',
  },
  service('auth', 3001, 9081, []),
  // Its consumers (services/catalog/src/consumers.ts): ratings, subscriptions, deleted accounts.
  service('catalog', 3002, 9082, ['social', 'billing', 'auth']),
  // Customer records and erasure (services/billing/src/customers/).
  service('billing', 3003, 9083, ['auth']),
  // Profiles, movies, notifications and its own comment events (services/social/src/*/consumers.ts).
  service('social', 3004, 9084, ['auth', 'catalog', 'billing', 'social']),
  { name: 'gateway', dir: 'gateway', port: 8080, metricsPort: 9080, readyPath: '/health/ready' },
];

/** The name a process goes by in logs and messages: its instance name, else its name. */
export const instanceOf = (spec: ProcessSpec): string => spec.instance ?? spec.name;

export const databasesOf = (specs: ProcessSpec[]): NonNullable<ProcessSpec['database']>[] =>
  specs.flatMap((spec) => (spec.database ? [spec.database] : []));

/** The services' RabbitMQ accounts, with their service names. */
export const brokersOf = (
  specs: ProcessSpec[],
): (NonNullable<ProcessSpec['broker']> & { service: string })[] =>
  specs.flatMap((spec) => (spec.broker ? [{ ...spec.broker, service: spec.name }] : []));

/** A secret of the dev secrets file, or an error naming it. */
export function secretOf(secrets: Record<string, string>, name: string): string {
  const value = secrets[name];
  if (value === undefined) throw new Error(`missing dev secret ${name}`);
  return value;
}

/** The service's AMQP_URL: its own user on the broker the base URL points at. */
export function amqpUrlFor(baseUrl: string, user: string, password: string): string {
  const url = new URL(baseUrl);
  url.username = user;
  url.password = password;
  return url.toString();
}

/** The service's own DATABASE_URL: its user, on the server the admin URL points at. */
export function databaseUrl(
  adminUrl: string,
  db: { schema: string; user: string },
  password: string,
): string {
  const admin = new URL(adminUrl);
  const url = new URL(`mysql://${admin.host}/${db.schema}`);
  url.username = db.user;
  url.password = password;
  url.search = admin.search;
  return url.toString();
}

/** The environment each child gets, on top of the caller's (PATH, NODE_OPTIONS …). */
export function envFor(
  spec: ProcessSpec,
  config: StartConfig,
  secrets: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {
    PORT: String(spec.port),
    HOST: config.host,
    LOG_LEVEL: config.logLevel,
    AMQP_URL: config.amqpUrl,
    REDIS_URL: config.redisUrl,
  };
  if (spec.metricsPort !== undefined) env.METRICS_PORT = String(spec.metricsPort);
  if (spec.database) {
    const password = secretOf(secrets, spec.database.passwordSecret);
    // The runtime user has no DDL rights: npm start migrates as the migrator before starting it.
    env.DATABASE_URL = databaseUrl(config.mysqlAdminUrl, spec.database, password);
    env.MIGRATE_ON_START = 'false';
  }
  if (spec.broker) {
    const password = secretOf(secrets, spec.broker.passwordSecret);
    env.AMQP_URL = amqpUrlFor(config.amqpUrl, spec.broker.user, password);
  }
  if (spec.name === 'auth') {
    const jwks = secrets.AUTH_JWT_PRIVATE_JWKS;
    const adminPassword = secrets.AUTH_BOOTSTRAP_ADMIN_PASSWORD;
    if (jwks === undefined || adminPassword === undefined)
      throw new Error('missing dev secret AUTH_JWT_PRIVATE_JWKS or AUTH_BOOTSTRAP_ADMIN_PASSWORD');
    env.JWT_PRIVATE_JWKS = jwks;
    env.AUTH_BOOTSTRAP_ADMIN_EMAIL = DEV_ADMIN_EMAIL;
    env.AUTH_BOOTSTRAP_ADMIN_PASSWORD = adminPassword;
  }
  if (spec.name === 'catalog') {
    const cursorSecret = secrets.CATALOG_CURSOR_SECRET;
    if (cursorSecret === undefined) throw new Error('missing dev secret CATALOG_CURSOR_SECRET');
    env.CURSOR_SECRET = cursorSecret;
    const mediaSecret = secrets.CATALOG_MEDIA_SIGNING_SECRET;
    if (mediaSecret === undefined)
      throw new Error('missing dev secret CATALOG_MEDIA_SIGNING_SECRET');
    env.MEDIA_SIGNING_SECRET = mediaSecret;
    // An empty local catalog gets the synthetic demo movies; a filled one is left alone.
    env.SEED_DEMO_DATA = 'true';
  }
  // The sandbox signs its webhooks with the secret billing verifies them with, and sends them
  // through the gateway, where Stripe's would arrive.
  if (spec.name === 'payment-sandbox' || spec.name === 'billing') {
    const webhookSecret = secretOf(secrets, 'PAYMENT_WEBHOOK_SECRET');
    if (spec.name === 'payment-sandbox') {
      env.SANDBOX_WEBHOOK_SECRET = webhookSecret;
      env.SANDBOX_WEBHOOK_URL = 'http://127.0.0.1:8080/api/billing/webhooks/provider';
    } else {
      env.STRIPE_WEBHOOK_SECRET = webhookSecret;
      env.STRIPE_HOST = '127.0.0.1';
      env.STRIPE_PORT = String(PAYMENT_SANDBOX_PORT);
      env.STRIPE_PROTOCOL = 'http';
    }
  }
  if (spec.name === 'social' || spec.name === 'gateway') {
    const ticketSecret = secrets.WS_TICKET_SECRET;
    if (ticketSecret === undefined) throw new Error('missing dev secret WS_TICKET_SECRET');
    env.WS_TICKET_SECRET = ticketSecret;
  }
  if (spec.name === 'gateway') {
    env.CORS_ORIGINS = config.corsOrigins;
    for (const upstream of PROCESSES) {
      if (upstream.database) {
        env[`${upstream.name.toUpperCase()}_URL`] = `http://127.0.0.1:${upstream.port}`;
      }
    }
  }
  return env;
}
