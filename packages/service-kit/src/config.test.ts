import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import {
  CommonEnv,
  ConfigError,
  HttpEnv,
  assertProductionSecrets,
  commonSecretRules,
  loadConfig,
  productionSecretProblems,
} from './config.js';

const DATABASE_URL = 'mysql://kavosh_catalog:pa55word@127.0.0.1:3306/kavosh_catalog';

function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies every default of HttpEnv to an empty environment', () => {
    expect(loadConfig(HttpEnv, {})).toEqual({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      BODY_LIMIT_BYTES: 1_048_576,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      SHUTDOWN_DRAIN_MS: 0,
    });
  });

  it('converts numeric strings and keeps only the variables of the schema', () => {
    const config = loadConfig(CommonEnv, {
      PORT: '3002',
      DATABASE_URL,
      LOG_LEVEL: 'debug',
      HOME: '/root',
    });
    expect(config).toMatchObject({ PORT: 3002, LOG_LEVEL: 'debug', DATABASE_URL });
    expect(config.AMQP_URL).toBe('amqp://guest:guest@127.0.0.1:5672');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config).not.toHaveProperty('HOME');
  });

  it('converts booleans and treats an empty variable as unset', () => {
    const Env = Type.Object({
      FEATURE_ON: Type.Boolean({ default: false }),
      PORT: HttpEnv.properties.PORT,
    });
    expect(loadConfig(Env, { FEATURE_ON: 'true', PORT: '' })).toEqual({
      FEATURE_ON: true,
      PORT: 3000,
    });
  });

  it('names every missing and malformed variable in one ConfigError', () => {
    const error = configErrorOf(() =>
      loadConfig(CommonEnv, {
        PORT: '99999',
        LOG_LEVEL: 'loud',
        BODY_LIMIT_BYTES: 'lots',
        REDIS_URL: 'http://x',
      }),
    );
    expect(error.problems.map((p) => p.variable).sort()).toEqual([
      'BODY_LIMIT_BYTES',
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
    ]);
    expect(error.problems).toContainEqual({ variable: 'DATABASE_URL', message: 'is required' });
    expect(error.problems).toContainEqual({
      variable: 'PORT',
      message: 'must be an integer >= 1 and <= 65535',
    });
    expect(error.problems).toContainEqual({
      variable: 'LOG_LEVEL',
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    });
    for (const name of ['PORT', 'LOG_LEVEL', 'BODY_LIMIT_BYTES', 'DATABASE_URL', 'REDIS_URL']) {
      expect(error.message).toContain(name);
    }
  });

  it('rejects a DATABASE_URL of another scheme without printing its value', () => {
    const secretUrl = 'postgres://admin:Sup3rSecret@db/kavosh';
    const error = configErrorOf(() => loadConfig(CommonEnv, { DATABASE_URL: secretUrl }));
    expect(error.problems).toEqual([
      { variable: 'DATABASE_URL', message: 'must be a mysql:// or mariadb:// URL' },
    ]);
    expect(error.message).not.toContain('Sup3rSecret');
  });

  it('accepts a mariadb:// DATABASE_URL', () => {
    const url = 'mariadb://u:p@127.0.0.1/db';
    expect(loadConfig(CommonEnv, { DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });
});

describe('productionSecretProblems', () => {
  const strong = 'Zq4-vT9m#Lr2pW8x!eK6';
  const config = (overrides: Record<string, string>) =>
    loadConfig(CommonEnv, {
      NODE_ENV: 'production',
      DATABASE_URL: `mysql://kavosh_billing:${encodeURIComponent(strong)}@db:3306/kavosh_billing`,
      AMQP_URL: `amqp://kavosh_billing:${encodeURIComponent(strong)}@rabbitmq:5672`,
      ...overrides,
    });
  const variablesOf = (overrides: Record<string, string>) =>
    productionSecretProblems(config(overrides).NODE_ENV, commonSecretRules(config(overrides))).map(
      (p) => p.variable,
    );

  it('accepts strong passwords in every URL', () => {
    expect(variablesOf({})).toEqual([]);
  });

  it("refuses development values, short passwords, no password and RabbitMQ's guest", () => {
    expect(variablesOf({ DATABASE_URL: 'mysql://kavosh_billing:kavosh-dev-billing@db/x' })).toEqual(
      ['DATABASE_URL'],
    );
    expect(variablesOf({ MIGRATION_DATABASE_URL: 'mysql://m:short@db/x' })).toEqual([
      'MIGRATION_DATABASE_URL',
    ]);
    expect(variablesOf({ DATABASE_URL: 'mysql://kavosh_billing@db/x' })).toEqual(['DATABASE_URL']);
    // Unset, AMQP_URL is the default guest:guest.
    expect(variablesOf({ AMQP_URL: '' })).toEqual(['AMQP_URL']);
    expect(variablesOf({ AMQP_URL: 'amqp://guest:guest@rabbitmq:5672' })).toEqual(['AMQP_URL']);
  });

  it('judges a secret against its own minimum and never prints it', () => {
    const secret = 'x'.repeat(20);
    expect(() =>
      assertProductionSecrets({ NODE_ENV: 'production' }, [
        { variable: 'TICKET_SECRET', value: secret, minLength: 32 },
        { variable: 'CURSOR_SECRET', value: 'abc-change-me-abcdefghijklmnopqrstuvwxyz' },
      ]),
    ).toThrow(
      /^(?!.*xxxx)invalid configuration: TICKET_SECRET is shorter than 32 characters \(NODE_ENV=production\); CURSOR_SECRET is a development value/,
    );
  });

  it('checks nothing outside production', () => {
    expect(
      productionSecretProblems('development', [{ variable: 'S', value: 'kavosh-dev-x' }]),
    ).toEqual([]);
    expect(() =>
      assertProductionSecrets({ NODE_ENV: 'test' }, [{ variable: 'S', value: 'short' }]),
    ).not.toThrow();
  });
});
