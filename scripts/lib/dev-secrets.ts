import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { randomPassword, type SecretGenerators } from './secrets.js';
import { brokersOf, databasesOf, PROCESSES } from './services.js';

/** Where npm start keeps generated local secrets (git-ignored, mode 600). */
export const DEV_SECRETS_FILE = '.secrets/dev.env';

/** A private JWK set with one Ed25519 key: what auth signs access tokens with (JWT_PRIVATE_JWKS). */
export function devSigningKeySet(): string {
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const kid = `dev-${new Date().toISOString().slice(0, 10)}`;
  return JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid }] });
}

/** Every secret the local run needs, with how to make a new one. Generated once, then kept. */
export const devSecretGenerators = (): SecretGenerators => ({
  ...Object.fromEntries(
    databasesOf(PROCESSES).flatMap((db) => [
      [db.passwordSecret, randomPassword],
      [db.migrator.passwordSecret, randomPassword],
    ]),
  ),
  ...Object.fromEntries(brokersOf(PROCESSES).map((b) => [b.passwordSecret, randomPassword])),
  // Compose's own servers (npm run compose:env copies them into .env).
  MYSQL_ROOT_PASSWORD: randomPassword,
  RABBITMQ_ADMIN_PASSWORD: randomPassword,
  GRAFANA_ADMIN_PASSWORD: randomPassword,
  AUTH_JWT_PRIVATE_JWKS: devSigningKeySet,
  AUTH_BOOTSTRAP_ADMIN_PASSWORD: randomPassword,
  CATALOG_CURSOR_SECRET: () => randomBytes(32).toString('base64url'),
  CATALOG_MEDIA_SIGNING_SECRET: () => randomBytes(32).toString('base64url'),
  // Shared by social (signs WebSocket tickets) and the gateway (checks them before connecting).
  WS_TICKET_SECRET: () => randomBytes(32).toString('base64url'),
  // Shared by the payment sandbox (signs webhooks) and billing (verifies them), like Stripe's.
  PAYMENT_WEBHOOK_SECRET: () => `whsec_${randomBytes(24).toString('base64url')}`,
});
