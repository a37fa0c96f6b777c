// The feed feature's public surface, for app.ts.
export { createFeedService, type FeedService } from './service.js';
export { feedRoutes } from './routes.js';
