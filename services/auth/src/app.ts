import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { AppError, buildService, type KavoshApp } from '@kavosh/service-kit';
import { isDatabaseUnavailable, pingDatabase } from '@kavosh/db';
import type { AuthConfig } from './config.js';
import { createDatabase, type Database } from './db.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export interface AuthDeps {
  db?: Database;
  logger?: Logger;
}

/** Builds the auth service (not listening): the kit, its dependencies and its features. */
export async function buildApp(config: AuthConfig, deps: AuthDeps = {}): Promise<KavoshApp> {
  const db = deps.db ?? createDatabase(config.DATABASE_URL);
  const app = await buildService({
    name: 'auth',
    version,
    description: 'Identity: users, credentials, roles, tokens and the JWKS.',
    config,
    ...(deps.logger ? { logger: deps.logger } : {}),
    readiness: { database: () => pingDatabase(db) },
    classifyError: (err) =>
      isDatabaseUnavailable(err)
        ? new AppError({ status: 503, code: 'DATABASE_UNAVAILABLE', title: 'Database unavailable' })
        : undefined,
  });
  app.addHook('onClose', () => db.$disconnect());
  return app;
}
