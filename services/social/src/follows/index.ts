// The follows feature's public surface, for app.ts.
export { createFollowsService, type FollowsService, type FollowLimits } from './service.js';
export { followsRoutes } from './routes.js';
export { startFollowsConsumers, FOLLOWS_QUEUES } from './consumers.js';
