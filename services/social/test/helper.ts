import { startServiceForTest, type StartOptions } from '@kavosh/service-host/testing';
import { buildApp, type SocialDeps } from '../src/app.js';
import { readConfig } from '../src/config.js';

const MIGRATIONS = new URL('../prisma/migrations', import.meta.url);

/** The WebSocket ticket key of every startSocial() app (a gateway under test shares it). */
export const TEST_WS_TICKET_SECRET = 'social-test-ws-ticket-secret-0123456789abcdef';

/** A social app on a fresh, migrated database of its own (see startServiceForTest). */
export const startSocial = (
  opts: Omit<StartOptions<SocialDeps>, 'env'> & { env?: Record<string, string> } = {},
) =>
  startServiceForTest(
    { label: 'social', migrations: MIGRATIONS, readConfig, buildApp },
    { ...opts, env: { WS_TICKET_SECRET: TEST_WS_TICKET_SECRET, ...opts.env } },
  );
