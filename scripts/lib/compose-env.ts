import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
// From the source: npm start writes these before anything is built (it needs no dependency).
import { brokerPermissions } from '../../packages/messaging/src/provision.js';
import { DEFAULT_EXCHANGE } from '../../packages/messaging/src/topology.js';
import { brokersOf, databasesOf, PROCESSES, secretOf } from './services.js';

/** RabbitMQ's users, permissions and exchange for compose (loaded at its first boot). */
export const RABBITMQ_DEFINITIONS_FILE = '.secrets/rabbitmq-definitions.json';
/** auth's private signing keys for compose (secret `auth_jwks`). */
export const AUTH_JWKS_FILE = '.secrets/auth-jwks.json';
/** The operator account of compose's RabbitMQ (management UI at :15672). */
export const RABBITMQ_ADMIN_USER = 'kavosh_admin';

/**
 * Secrets only compose needs, with how to make one: the payment sandbox's API key, which billing
 * uses as its STRIPE_SECRET_KEY (`npm start` keeps the sandbox's documented `sk_test_sandbox`;
 * compose's images run with NODE_ENV=production, where billing refuses it). Stripe's shape.
 */
const COMPOSE_SECRET_GENERATORS: Record<string, () => string> = {
  PAYMENT_SECRET_KEY: () => `sk_test_${randomBytes(24).toString('base64url')}`,
};

/**
 * Every variable docker-compose.yml requires (`${VAR:?…}`): from the dev secrets, or generated
 * (ensureComposeEnv keeps a value once it is in `.env`).
 */
export function composeVariables(secrets: Record<string, string>): Record<string, string> {
  const generated = Object.entries(COMPOSE_SECRET_GENERATORS).map(
    ([name, generate]) => [name, generate()] as const,
  );
  const names = [
    'MYSQL_ROOT_PASSWORD',
    'RABBITMQ_ADMIN_PASSWORD',
    'GRAFANA_ADMIN_PASSWORD',
    ...databasesOf(PROCESSES).flatMap((db) => [db.passwordSecret, db.migrator.passwordSecret]),
    ...brokersOf(PROCESSES).map((b) => b.passwordSecret),
    'CATALOG_CURSOR_SECRET',
    'CATALOG_MEDIA_SIGNING_SECRET',
    'WS_TICKET_SECRET',
    // whsec_…: the sandbox signs its webhooks with it and billing verifies them (as npm start).
    'PAYMENT_WEBHOOK_SECRET',
  ];
  return Object.fromEntries([
    ...names.map((name) => [name, secretOf(secrets, name)] as const),
    ...generated,
  ]);
}

/** RabbitMQ's rabbit_password_hashing_sha256: base64(salt ‖ sha256(salt ‖ password)), 4-byte salt. */
export function rabbitPasswordHash(password: string, salt = randomBytes(4)): string {
  const digest = createHash('sha256')
    .update(Buffer.concat([salt, Buffer.from(password)]))
    .digest();
  return Buffer.concat([salt, digest]).toString('base64');
}

/**
 * The definitions compose's RabbitMQ imports at boot: vhost `/`, the admin, one user per service
 * with brokerPermissions (its own queues and routing keys), and the events exchange. A node that
 * imports definitions creates no guest user.
 */
export function rabbitmqDefinitions(secrets: Record<string, string>): object {
  const user = (name: string, password: string, tags: string[]) => ({
    name,
    password_hash: rabbitPasswordHash(password),
    hashing_algorithm: 'rabbit_password_hashing_sha256',
    tags,
  });
  const brokers = brokersOf(PROCESSES);
  return {
    vhosts: [{ name: '/' }],
    users: [
      user(RABBITMQ_ADMIN_USER, secretOf(secrets, 'RABBITMQ_ADMIN_PASSWORD'), ['administrator']),
      ...brokers.map((b) => user(b.user, secretOf(secrets, b.passwordSecret), [])),
    ],
    permissions: [
      { user: RABBITMQ_ADMIN_USER, vhost: '/', configure: '.*', write: '.*', read: '.*' },
      ...brokers.map((b) => {
        const p = brokerPermissions(b.service, b.consumes);
        return { user: b.user, vhost: '/', configure: p.configure, write: p.write, read: p.read };
      }),
    ],
    topic_permissions: brokers.map((b) => {
      const p = brokerPermissions(b.service, b.consumes);
      return {
        user: b.user,
        vhost: '/',
        exchange: DEFAULT_EXCHANGE,
        write: p.topicWrite,
        read: p.topicRead,
      };
    }),
    exchanges: [
      {
        name: DEFAULT_EXCHANGE,
        vhost: '/',
        type: 'topic',
        durable: true,
        auto_delete: false,
        internal: false,
        arguments: {},
      },
    ],
  };
}

/**
 * Writes what `docker compose` needs: the variables it requires, appended to `.env` when missing
 * (values already there are kept), RabbitMQ's definitions and auth's signing keys. The two files
 * are readable by the containers' own users (0644) inside the private `.secrets/` (0700).
 */
export function ensureComposeEnv(
  rootDir: string,
  secrets: Record<string, string>,
): { added: string[] } {
  const dotenv = `${rootDir}/.env`;
  const text = existsSync(dotenv) ? readFileSync(dotenv, 'utf8') : '';
  const present = parseEnv(text);
  const added = Object.entries(composeVariables(secrets)).filter(
    ([name]) => present[name] === undefined,
  );
  if (added.length > 0 || !existsSync(dotenv)) {
    const lines = added.map(([name, value]) => `${name}=${value}`);
    const header =
      text === '' ? '# Generated by npm run compose:env (git-ignored; never commit).\n' : '';
    const separator = text === '' || text.endsWith('\n') ? '' : '\n';
    writeFileSync(dotenv, `${text}${separator}${header}${lines.join('\n')}\n`, { mode: 0o600 });
  }
  chmodSync(dotenv, 0o600);
  mkdirSync(`${rootDir}/.secrets`, { recursive: true, mode: 0o700 });
  // Hashes only; rewritten each time so that it follows the secrets.
  const definitions = rabbitmqDefinitions(secrets);
  writeFileSync(
    `${rootDir}/${RABBITMQ_DEFINITIONS_FILE}`,
    `${JSON.stringify(definitions, null, 2)}\n`,
    { mode: 0o644 },
  );
  chmodSync(`${rootDir}/${RABBITMQ_DEFINITIONS_FILE}`, 0o644);
  const jwks = `${rootDir}/${AUTH_JWKS_FILE}`;
  if (!existsSync(jwks)) {
    writeFileSync(jwks, `${secretOf(secrets, 'AUTH_JWT_PRIVATE_JWKS')}\n`, { mode: 0o644 });
  }
  return { added: added.map(([name]) => name) };
}
