import { hostService, type HostDeps } from '@kavosh/service-host';
import type { KavoshApp } from '@kavosh/service-kit';
import type { SocialConfig } from './config.js';
import { createDatabase, type Database } from './db.js';
import { installRealtime, type RealtimeHub } from './realtime/index.js';

export type SocialDeps = HostDeps<Database>;

export type SocialApp = KavoshApp & {
  /** Live delivery to a user's open WebSocket connections, on any replica (src/realtime/). */
  realtime: RealtimeHub;
};

/** Builds the social service (not listening): the shared host, then social's features. */
export async function buildApp(config: SocialConfig, deps: SocialDeps = {}): Promise<SocialApp> {
  const { app, logger } = await hostService({
    ...deps,
    name: 'social',
    description: 'Ratings, comments, follows, notifications and real-time delivery.',
    packageJson: new URL('../package.json', import.meta.url),
    config,
    createDatabase,
  });
  const realtime = await installRealtime(app, config, logger);
  return Object.assign(app, { realtime });
}
