import { generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startServiceForTest, type StartOptions } from '@kavosh/service-host/testing';
import { buildApp, type AuthDeps } from '../src/app.js';
import { readConfig } from '../src/config.js';

const MIGRATIONS = new URL('../prisma/migrations', import.meta.url);
export const MIGRATIONS_DIR = fileURLToPath(MIGRATIONS);

/** Cheap argon2 for tests; test/passwords.test.ts checks production uses OWASP's parameters. */
export const TEST_ARGON2 = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** A private Ed25519 JWK with that kid (what scripts/lib/dev-secrets.ts generates). */
export function privateJwk(kid: string): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x), d: String(jwk.d), kid };
}

export const keySet = (...keys: Record<string, string>[]): string => JSON.stringify({ keys });

/** An auth app on a fresh, migrated database of its own (see startServiceForTest), with cheap argon2. */
export const startAuth = (
  opts: Omit<StartOptions<AuthDeps>, 'env' | 'deps'> & {
    env?: Record<string, string>;
    deps?: AuthDeps;
  } = {},
) =>
  startServiceForTest(
    { label: 'auth', migrations: MIGRATIONS, readConfig, buildApp },
    {
      ...opts,
      env: { JWT_PRIVATE_JWKS: keySet(privateJwk('test-key-1')), ...opts.env },
      deps: ({ prefix }) => ({
        redisKeyPrefix: `${prefix}:`,
        argon2ForTestsOnly: TEST_ARGON2,
        ...opts.deps,
      }),
    },
  );
