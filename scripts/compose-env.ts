// npm run compose:env: the secrets docker-compose.yml requires, generated (or kept) in .env, plus
// RabbitMQ's definitions and auth's signing keys under .secrets/. npm start runs it before it
// falls back to compose.
import { fileURLToPath } from 'node:url';
import { ensureComposeEnv, RABBITMQ_DEFINITIONS_FILE } from './lib/compose-env.js';
import { devSecretGenerators, DEV_SECRETS_FILE } from './lib/dev-secrets.js';
import { ensureDevSecrets } from './lib/secrets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
try {
  const { values } = ensureDevSecrets(`${root}/${DEV_SECRETS_FILE}`, devSecretGenerators());
  const { added } = ensureComposeEnv(root, values);
  console.log(
    added.length > 0
      ? `added ${added.join(', ')} to .env; wrote ${RABBITMQ_DEFINITIONS_FILE}`
      : `.env already has every compose secret; wrote ${RABBITMQ_DEFINITIONS_FILE}`,
  );
} catch (err) {
  console.error(`compose:env failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
