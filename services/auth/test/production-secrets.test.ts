import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '@kavosh/service-kit';
import { readConfig } from '../src/config.js';
import { keySet, privateJwk } from './helper.js';

const repoFile = (path: string) =>
  readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** The secrets compose defaulted to before it required them from a generated .env. */
const FORMER_COMPOSE_DEFAULTS = [
  'kavosh-dev-root',
  'kavosh-dev-auth',
  'kavosh-dev-catalog',
  'kavosh-dev-billing',
  'kavosh-dev-social',
  'kavosh-dev-catalog-cursor-secret-change-me',
  'kavosh-dev-media-signing-secret-change-me',
  'kavosh-dev-ws-ticket-secret-change-me',
];

/**
 * Every secret value the repository ships or shipped: compose's ${…PASSWORD/SECRET:-default} (none
 * now), its former defaults and .env.example's.
 */
function shippedSecrets(): string[] {
  const compose = [...repoFile('docker-compose.yml').matchAll(/\$\{(\w+):-([^}]+)\}/g)]
    .filter(([, name = '']) => /PASSWORD|SECRET/.test(name))
    .map(([, , value = '']) => value);
  const example = [...repoFile('.env.example').matchAll(/^# ?(\w+)=(\S+)$/gm)]
    .filter(([, name = '']) => /PASSWORD|SECRET/.test(name))
    .map(([, , value = '']) => value);
  return [...new Set([...FORMER_COMPOSE_DEFAULTS, ...compose, ...example])];
}

const STRONG = 'Zq4-vT9m#Lr2pW8x!eK6';
const env = (overrides: Record<string, string>) => ({
  DATABASE_URL: `mysql://kavosh_auth:${encodeURIComponent(STRONG)}@db.internal:3306/kavosh_auth`,
  AMQP_URL: `amqp://kavosh_auth:${encodeURIComponent(STRONG)}@rabbitmq:5672`,
  JWT_PRIVATE_JWKS: keySet(privateJwk('prod')),
  NODE_ENV: 'production',
  ...overrides,
});

function problemsOf(overrides: Record<string, string>): string[] {
  try {
    readConfig(env(overrides));
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.problems.map((problem) => problem.variable);
  }
}

describe('readConfig in production', () => {
  it('finds the development secrets the repository ships (compose, .env.example)', () => {
    expect(shippedSecrets()).toEqual(
      expect.arrayContaining([
        'kavosh-dev-auth',
        'kavosh-dev-root',
        expect.stringMatching(/change-me$/),
      ]),
    );
  });

  it.each(shippedSecrets())('refuses the shipped development value %s as a secret', (value) => {
    const url = `mysql://kavosh_auth:${encodeURIComponent(value)}@db.internal:3306/kavosh_auth`;
    expect(problemsOf({ DATABASE_URL: url })).toEqual(['DATABASE_URL']);
    expect(
      problemsOf({
        AUTH_BOOTSTRAP_ADMIN_EMAIL: 'admin@example.com',
        AUTH_BOOTSTRAP_ADMIN_PASSWORD: value,
      }),
    ).toEqual(['AUTH_BOOTSTRAP_ADMIN_PASSWORD']);
  });

  it('refuses a secret shorter than 16 characters, and a database URL without a password', () => {
    expect(
      problemsOf({
        AUTH_BOOTSTRAP_ADMIN_EMAIL: 'admin@example.com',
        AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'fifteen chars!!',
      }),
    ).toEqual(['AUTH_BOOTSTRAP_ADMIN_PASSWORD']);
    expect(problemsOf({ DATABASE_URL: 'mysql://kavosh_auth:short@db:3306/kavosh_auth' })).toEqual([
      'DATABASE_URL',
    ]);
    expect(problemsOf({ DATABASE_URL: 'mysql://kavosh_auth@db:3306/kavosh_auth' })).toEqual([
      'DATABASE_URL',
    ]);
  });

  it('never puts the secret itself in the message', () => {
    expect(() =>
      readConfig(env({ DATABASE_URL: 'mysql://kavosh_auth:kavosh-dev-auth@db:3306/kavosh_auth' })),
    ).toThrow(/^(?!.*kavosh-dev-auth).*DATABASE_URL password is a development value/);
  });

  it('starts with strong secrets, and outside production with the development ones', () => {
    expect(
      problemsOf({
        AUTH_BOOTSTRAP_ADMIN_EMAIL: 'admin@example.com',
        AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'a long and private passphrase',
      }),
    ).toEqual([]);
    expect(
      problemsOf({
        NODE_ENV: 'development',
        DATABASE_URL: 'mysql://kavosh_auth:kavosh-dev-auth@127.0.0.1:3306/kavosh_auth',
      }),
    ).toEqual([]);
  });

  it('refuses the default RabbitMQ guest and a weak migration URL', () => {
    expect(problemsOf({ AMQP_URL: 'amqp://guest:guest@rabbitmq:5672' })).toEqual(['AMQP_URL']);
    expect(
      problemsOf({ MIGRATION_DATABASE_URL: 'mysql://kavosh_auth_migrate:kavosh-dev-auth@db/x' }),
    ).toEqual(['MIGRATION_DATABASE_URL']);
  });
});
