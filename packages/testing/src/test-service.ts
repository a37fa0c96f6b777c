import { createTestDatabase } from './database.js';
import { getInfra } from './infra.js';
import type { Infra } from './infra.js';
import { uniquePrefix } from './unique-prefix.js';

export interface TestServiceContext {
  databaseUrl: string;
  infra: Infra;
  prefix: string;
}

export interface TestService<T> {
  app: T;
  databaseUrl: string;
  infra: Infra;
  prefix: string;
  /** Closes the app, then drops its database. */
  close(): Promise<void>;
}

/** Creates a fresh database, prepares it (e.g. migrates), then builds the app on it. */
export async function startTestService<T>(opts: {
  label: string;
  prepareDatabase?: (databaseUrl: string) => Promise<void>;
  build: (ctx: TestServiceContext) => Promise<T & { close(): Promise<void> }>;
}): Promise<TestService<T>> {
  const infra = await getInfra();
  const db = await createTestDatabase({ label: opts.label });
  const prefix = uniquePrefix(opts.label);
  try {
    await opts.prepareDatabase?.(db.url);
    const app = await opts.build({ databaseUrl: db.url, infra, prefix });
    return {
      app,
      databaseUrl: db.url,
      infra,
      prefix,
      close: async () => {
        try {
          await app.close();
        } finally {
          await db.drop();
        }
      },
    };
  } catch (err) {
    await db.drop();
    throw err;
  }
}
