import { randomPassword, type SecretGenerators } from './secrets.js';
import { databasesOf, PROCESSES } from './services.js';

/** Where npm start keeps generated local secrets (git-ignored, mode 600). */
export const DEV_SECRETS_FILE = '.secrets/dev.env';

/** Every secret the local run needs, with how to make a new one; later secrets (JWT keys) go here. */
export const devSecretGenerators = (): SecretGenerators =>
  Object.fromEntries(databasesOf(PROCESSES).map((db) => [db.passwordSecret, randomPassword]));
