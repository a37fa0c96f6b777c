import { hostService, type HostDeps } from '@kavosh/service-host';
import type { KavoshApp } from '@kavosh/service-kit';
import type { SocialConfig } from './config.js';
import { createDatabase, type Database } from './db.js';
import { installRealtime, type RealtimeHub } from './realtime/index.js';
import { commentsRoutes } from './comments/routes.js';
import { createCommentsService } from './comments/service.js';
import { moderationRoutes } from './moderation/routes.js';
import { createModerationService } from './moderation/service.js';
import { startMovieConsumers } from './movies/consumers.js';
import { startProfileConsumers } from './profiles/consumers.js';
import { profilesRoutes } from './profiles/routes.js';
import { ratingsRoutes } from './ratings/routes.js';
import { createRatingsService } from './ratings/service.js';
import { socialProtocolHandlers } from './realtime/handlers.js';
import { liveFeeds } from './realtime/live-feeds.js';
import { blocksRoutes } from './blocks/routes.js';
import { createBlocksService } from './blocks/service.js';
import { chatRoutes, createChatService, startChatConsumers } from './chat/index.js';
import { createFeedService, feedRoutes } from './feed/index.js';
import { createFollowsService, followsRoutes, startFollowsConsumers } from './follows/index.js';
import {
  createNotificationsService,
  createNotifier,
  notificationsRoutes,
  startNotificationConsumers,
} from './notifications/index.js';

export type SocialDeps = HostDeps<Database>;

export type SocialApp = KavoshApp & {
  /** Live delivery to a user's open WebSocket connections, on any replica (src/realtime/). */
  realtime: RealtimeHub;
};

/** Builds the social service (not listening): the shared host, then social's features. */
export async function buildApp(config: SocialConfig, deps: SocialDeps = {}): Promise<SocialApp> {
  const { app, db, messaging, logger } = await hostService({
    ...deps,
    name: 'social',
    description: 'Ratings, comments, follows, notifications and real-time delivery.',
    packageJson: new URL('../package.json', import.meta.url),
    config,
    createDatabase,
  });
  const realtime = await installRealtime(app, config, logger, socialProtocolHandlers(db));
  // S3: what the features commit reaches sockets (movie rooms, the user's connections).
  const live = liveFeeds(realtime, logger.child({ component: 'realtime' }));
  // S1: profiles and movies projections, ratings, comments, moderation.
  await app.register(profilesRoutes, { db });
  const ratings = createRatingsService({
    db,
    messaging,
    onRatingAggregateChanged: live.onRatingAggregateChanged,
  });
  await app.register(ratingsRoutes, { ratings });
  const comments = createCommentsService({
    db,
    messaging,
    limits: {
      maxDepth: config.COMMENT_MAX_DEPTH,
      maxLength: config.COMMENT_MAX_LENGTH,
      editWindowSeconds: config.COMMENT_EDIT_WINDOW_SECONDS,
      repliesPreview: config.COMMENT_REPLIES_PREVIEW,
    },
    onCommentCreated: live.onCommentCreated,
  });
  await app.register(commentsRoutes, { comments });
  await app.register(moderationRoutes, {
    moderation: createModerationService({
      db,
      messaging,
      autoHideReports: config.REPORTS_AUTO_HIDE,
    }),
  });
  await startMovieConsumers(messaging);
  await startProfileConsumers(messaging, {
    onRatingsErased: (changed) => ratings.notifyAll(changed),
  });
  // S3: blocks and chat (messages and read markers are pushed live through the hub).
  await app.register(blocksRoutes, { blocks: createBlocksService({ db }) });
  const chatLogger = logger.child({ component: 'chat' });
  await app.register(chatRoutes, {
    chat: createChatService({ db, live: realtime, logger: chatLogger }),
  });
  await startChatConsumers(messaging);
  // S2: follows, feed and notifications (live delivery hooks in through the notifier's onCreated).
  const notifier = createNotifier({
    db,
    logger: logger.child({ component: 'notifications' }),
    onCreated: live.onNotificationCreated,
  });
  await app.register(followsRoutes, {
    follows: createFollowsService({
      db,
      notifier,
      limits: { maxUsers: config.FOLLOWS_MAX_USERS, maxGenres: config.FOLLOWS_MAX_GENRES },
    }),
  });
  await app.register(feedRoutes, {
    feed: createFeedService({ db, horizonDays: config.FEED_HORIZON_DAYS }),
  });
  await app.register(notificationsRoutes, {
    prefix: '/notifications',
    notifications: createNotificationsService({ db }),
  });
  await startNotificationConsumers(messaging, {
    notifier,
    logger,
    genreFanoutMax: config.NOTIFY_GENRE_FANOUT_MAX,
  });
  await startFollowsConsumers(messaging);
  return Object.assign(app, { realtime });
}
