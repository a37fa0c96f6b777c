import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { importJWK, SignJWT, type JWK } from 'jose';
import { amqpUser } from '@kavosh/messaging';
import { uniquePrefix } from '@kavosh/testing';

export const SERVICES = ['auth', 'catalog', 'billing', 'social'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** A private JWK set with one Ed25519 key, as auth expects in JWT_PRIVATE_JWKS. */
export function signingKeySet(kid = 'e2e-1'): string {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  return JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid }] });
}

/**
 * An access token signed with a key of `signingKeySet()`, as auth issues them (issuer and audience
 * are the services' defaults), for a fresh user with these roles.
 */
export async function accessTokenFor(signingKeys: string, roles: string[]): Promise<string> {
  const [jwk] = (JSON.parse(signingKeys) as { keys: (JWK & { kid: string })[] }).keys;
  if (!jwk) throw new Error('no signing key');
  return new SignJWT({ roles, jti: randomUUID() })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: jwk.kid })
    .setIssuer('http://localhost:8080')
    .setAudience('kavosh')
    .setSubject(randomUUID())
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(await importJWK(jwk, 'EdDSA'));
}

/** Every test process connects to the broker as the one test user: it publishes every service's events. */
export const EVENT_PUBLISHERS = `*=${amqpUser(process.env.TEST_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672')}`;

/**
 * The variables only one service needs (secrets, fresh for each call), in one place for every
 * test that starts the services from source: a service that gains a required variable adds it
 * here once.
 */
export const ownEnv = () =>
  ({
    // Its own login-throttle counters: every e2e file logs in from 127.0.0.1 at once.
    auth: {
      JWT_PRIVATE_JWKS: signingKeySet(),
      REDIS_KEY_PREFIX: `${uniquePrefix('e2e-auth')}:`,
      EVENT_PUBLISHERS,
    },
    catalog: {
      // Its own read cache: an e2e catalog (a fresh, nearly empty schema) must never fill the
      // keys of another catalog on the same Redis (npm start's, or another e2e file's).
      CACHE_KEY_PREFIX: `${uniquePrefix('e2e-catalog')}:cache:`,
      CURSOR_SECRET: randomBytes(32).toString('hex'),
      MEDIA_SIGNING_SECRET: randomBytes(32).toString('base64url'),
      EVENT_PUBLISHERS,
    },
    billing: { EVENT_PUBLISHERS },
    social: { WS_TICKET_SECRET: randomBytes(32).toString('hex'), EVENT_PUBLISHERS },
  }) satisfies Record<ServiceName, Record<string, string>>;
