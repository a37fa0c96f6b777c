import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { AppError, buildService, type KavoshApp } from '@kavosh/service-kit';
import { isDatabaseUnavailable, pingDatabase } from '@kavosh/db';
import type { CatalogConfig } from './config.js';
import { createDatabase, type Database } from './db.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export interface CatalogDeps {
  db?: Database;
  logger?: Logger;
}

/** Builds the catalog service (not listening): the kit, its dependencies and its features. */
export async function buildApp(config: CatalogConfig, deps: CatalogDeps = {}): Promise<KavoshApp> {
  const db = deps.db ?? createDatabase(config.DATABASE_URL);
  const app = await buildService({
    name: 'catalog',
    version,
    description: 'Movies, genres, people, search, entitlements and playback URLs.',
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
