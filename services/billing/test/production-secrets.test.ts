import { describe, expect, it } from 'vitest';
import { ConfigError } from '@kavosh/service-kit';
import { readConfig } from '../src/config.js';

const STRONG = 'Zq4-vT9m#Lr2pW8x!eK6';
const env = (overrides: Record<string, string>) => ({
  NODE_ENV: 'production',
  DATABASE_URL: `mysql://kavosh_billing:${encodeURIComponent(STRONG)}@db:3306/kavosh_billing`,
  AMQP_URL: `amqp://kavosh_billing:${encodeURIComponent(STRONG)}@rabbitmq:5672`,
  AUTH_JWKS_URL: 'http://auth:3001/.well-known/jwks.json',
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
  it('starts with strong secrets, and outside production with the development ones', () => {
    expect(problemsOf({})).toEqual([]);
    expect(
      problemsOf({
        NODE_ENV: 'development',
        DATABASE_URL: 'mysql://kavosh_billing:kavosh-dev-billing@127.0.0.1:3306/kavosh_billing',
        AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      }),
    ).toEqual([]);
  });

  it('refuses development, short or missing passwords in its database and broker URLs', () => {
    expect(
      problemsOf({
        DATABASE_URL: 'mysql://kavosh_billing:kavosh-dev-billing@db:3306/kavosh_billing',
      }),
    ).toEqual(['DATABASE_URL']);
    expect(
      problemsOf({
        MIGRATION_DATABASE_URL: 'mysql://kavosh_billing_migrate:short@db/kavosh_billing',
      }),
    ).toEqual(['MIGRATION_DATABASE_URL']);
    expect(problemsOf({ AMQP_URL: 'amqp://guest:guest@rabbitmq:5672' })).toEqual(['AMQP_URL']);
    expect(problemsOf({ AMQP_URL: 'amqp://kavosh_billing@rabbitmq:5672' })).toEqual(['AMQP_URL']);
  });
});
