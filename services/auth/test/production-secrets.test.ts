import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeProductionSecrets } from '@kavosh/service-host/testing';
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

const problemsOf = describeProductionSecrets({
  name: 'auth',
  readConfig,
  env: { JWT_PRIVATE_JWKS: keySet(privateJwk('prod')) },
});

describe('auth secrets in production', () => {
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

  it('starts with a strong bootstrap admin password', () => {
    expect(
      problemsOf({
        AUTH_BOOTSTRAP_ADMIN_EMAIL: 'admin@example.com',
        AUTH_BOOTSTRAP_ADMIN_PASSWORD: 'a long and private passphrase',
      }),
    ).toEqual([]);
  });
});
