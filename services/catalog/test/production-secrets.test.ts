import { describe, expect, it } from 'vitest';
import { ConfigError } from '@kavosh/service-kit';
import { readConfig } from '../src/config.js';

const STRONG = 'Zq4-vT9m#Lr2pW8x!eK6';
const env = (overrides: Record<string, string>) => ({
  NODE_ENV: 'production',
  DATABASE_URL: `mysql://kavosh_catalog:${encodeURIComponent(STRONG)}@db:3306/kavosh_catalog`,
  AMQP_URL: `amqp://kavosh_catalog:${encodeURIComponent(STRONG)}@rabbitmq:5672`,
  CURSOR_SECRET: 'c'.repeat(8) + STRONG + STRONG,
  MEDIA_SIGNING_SECRET: 'M8x2Qp4Lr7Tz1Vb5Nc9Kd3Hf6Jg0Ws2Ye8Ua4Io1Pl',
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
        DATABASE_URL: 'mysql://kavosh_catalog:kavosh-dev-catalog@127.0.0.1:3306/kavosh_catalog',
        AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      }),
    ).toEqual([]);
  });

  it('refuses development, short or missing passwords in its database and broker URLs', () => {
    expect(
      problemsOf({
        DATABASE_URL: 'mysql://kavosh_catalog:kavosh-dev-catalog@db:3306/kavosh_catalog',
      }),
    ).toEqual(['DATABASE_URL']);
    expect(
      problemsOf({
        MIGRATION_DATABASE_URL: 'mysql://kavosh_catalog_migrate:short@db/kavosh_catalog',
      }),
    ).toEqual(['MIGRATION_DATABASE_URL']);
    expect(problemsOf({ AMQP_URL: 'amqp://guest:guest@rabbitmq:5672' })).toEqual(['AMQP_URL']);
    expect(problemsOf({ AMQP_URL: 'amqp://kavosh_catalog@rabbitmq:5672' })).toEqual(['AMQP_URL']);
  });

  it('refuses a known or short MEDIA_SIGNING_SECRET: it would let anyone mint premium playback URLs', () => {
    expect(
      problemsOf({ MEDIA_SIGNING_SECRET: 'kavosh-dev-media-signing-secret-change-me' }),
    ).toEqual(['MEDIA_SIGNING_SECRET']);
    // Long enough, yet still a placeholder.
    expect(problemsOf({ MEDIA_SIGNING_SECRET: 'dev-media-secret-change-me-0000000000' })).toEqual([
      'MEDIA_SIGNING_SECRET',
    ]);
  });

  it('refuses a known CURSOR_SECRET', () => {
    expect(problemsOf({ CURSOR_SECRET: 'kavosh-dev-catalog-cursor-secret-change-me' })).toEqual([
      'CURSOR_SECRET',
    ]);
  });
});
