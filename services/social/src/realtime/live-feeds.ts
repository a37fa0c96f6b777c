import type { Logger } from 'pino';
import type { RealtimeHub } from './hub.js';
import type { PushMessage, RoomName } from './schemas.js';

/** A published movie's comments and rating, as the comments and ratings features hand them over. */
interface PublicComment {
  id: string;
  movieId: string;
}
interface RatingAggregate {
  ratingCount: number;
  ratingSum: number;
  averageRating: number | null;
  asOf: string;
}

export const movieRoom = (movieId: string): RoomName => `movie:${movieId}`;

/**
 * The callbacks other features call after their commits, turned into live frames: new comments
 * and rating aggregates to the movie's room, new notifications to their user. At most once and
 * never throwing: the features' answers do not wait for Redis, and a miss is repaired by the
 * REST lists (rooms) or a resume (notifications).
 */
export function liveFeeds(hub: RealtimeHub, logger: Logger) {
  const push = (to: Promise<number>, message: PushMessage) => {
    to.catch((err: unknown) => logger.warn({ err, type: message.type }, 'live push failed'));
  };
  return {
    onCommentCreated(comment: PublicComment): void {
      const message: PushMessage = {
        type: 'movie.comment.created',
        movieId: comment.movieId,
        comment,
      };
      push(hub.pushToRoom(movieRoom(comment.movieId), message), message);
    },
    onRatingAggregateChanged(movieId: string, aggregate: RatingAggregate): void {
      const message: PushMessage = { type: 'movie.rating.changed', movieId, ...aggregate };
      push(hub.pushToRoom(movieRoom(movieId), message), message);
    },
    onNotificationCreated(userId: string, notification: { id: string }): void {
      const message: PushMessage = { type: 'notification.created', notification };
      push(hub.pushToUser(userId, message), message);
    },
  };
}
