import { isBlockedEitherWay } from '../blocks/index.js';
import type { Database } from '../db.js';
import { decodeCursor, encodeCursor } from '../feed/cursor.js';
import type { Notifier } from '../notifications/index.js';
import { findProfiles, profileExists } from '../profiles/index.js';
import { CannotFollowSelf, FollowBlocked, FollowLimitReached, UserNotFound } from './errors.js';
import * as repo from './repository.js';
import type { FollowListQuery, FollowPage, GenreFollowList } from './schemas.js';

export interface FollowLimits {
  /** Most users one user may follow (FOLLOWS_MAX_USERS). */
  maxUsers: number;
  /** Most genres one user may follow (FOLLOWS_MAX_GENRES). */
  maxGenres: number;
}

/**
 * Follows of users and genres. Following is idempotent (PUT-like): a repeated follow or unfollow
 * answers the same 204 and changes nothing, and only a new follow notifies the followed user.
 */
export function createFollowsService(deps: {
  db: Database;
  notifier: Notifier;
  limits: FollowLimits;
}) {
  const { db, notifier, limits } = deps;

  async function page(
    scope: 'followers' | 'following',
    userId: string,
    query: FollowListQuery,
  ): Promise<FollowPage> {
    if (!(await profileExists(db, userId))) throw new UserNotFound(userId);
    const cursorScope = `${scope}:${userId}`;
    const position =
      query.cursor === undefined
        ? null
        : decodeCursor(query.cursor, cursorScope, ['number', 'string'] as const);
    const list = scope === 'followers' ? repo.listFollowers : repo.listFollowing;
    const rows = await list(db, userId, position, query.limit + 1);
    const shown = rows.slice(0, query.limit);
    const profiles = await findProfiles(
      db,
      shown.map((row) => row.userId),
    );
    const last = shown.at(-1);
    return {
      items: shown.map((row) => {
        const profile = profiles.get(row.userId);
        return {
          userId: row.userId,
          displayName: profile?.displayName ?? null,
          initials: profile?.initials ?? null,
          followedAt: row.createdAt.toISOString(),
        };
      }),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor(cursorScope, [last.createdAt.getTime(), last.userId])
          : null,
    };
  }

  return {
    /** Follows `followeeId` and, when the follow is new, notifies them in the same transaction. */
    async follow(followerId: string, followeeId: string): Promise<void> {
      if (followerId === followeeId) throw new CannotFollowSelf();
      if (!(await profileExists(db, followeeId))) throw new UserNotFound(followeeId);
      // A block either way keeps the blocked user from following back in (and notifying).
      if (await isBlockedEitherWay(db, followerId, followeeId)) throw new FollowBlocked();
      const created = await db.$transaction(async (tx) => {
        if (!(await repo.insertFollow(tx, followerId, followeeId))) return null;
        // Checked after the insert, in its transaction: over the cap, the insert is rolled back.
        if ((await repo.countFollowing(tx, followerId)) > limits.maxUsers) {
          throw new FollowLimitReached('users', limits.maxUsers);
        }
        const follower = (await findProfiles(tx, [followerId])).get(followerId);
        return notifier.createInTx(tx, {
          userId: followeeId,
          kind: 'user.followed',
          actorId: followerId,
          data: { followerId, followerName: follower?.displayName ?? null },
        });
      });
      if (created) notifier.deliver([created]);
    },

    async unfollow(followerId: string, followeeId: string): Promise<void> {
      if (followerId === followeeId) throw new CannotFollowSelf();
      await repo.deleteFollow(db, followerId, followeeId);
    },

    followers: (userId: string, query: FollowListQuery) => page('followers', userId, query),
    following: (userId: string, query: FollowListQuery) => page('following', userId, query),

    /** Any genre id is accepted: social learns genres only from published movies, maybe later. */
    async followGenre(userId: string, genreId: string): Promise<void> {
      await db.$transaction(async (tx) => {
        if (!(await repo.insertGenreFollow(tx, userId, genreId))) return;
        if ((await repo.countGenreFollows(tx, userId)) > limits.maxGenres) {
          throw new FollowLimitReached('genres', limits.maxGenres);
        }
      });
    },

    async unfollowGenre(userId: string, genreId: string): Promise<void> {
      await repo.deleteGenreFollow(db, userId, genreId);
    },

    async myGenres(userId: string): Promise<GenreFollowList> {
      const rows = await repo.listGenreFollows(db, userId, limits.maxGenres);
      return {
        items: rows.map((row) => ({
          genreId: row.genreId,
          followedAt: row.createdAt.toISOString(),
        })),
        max: limits.maxGenres,
      };
    },
  };
}
export type FollowsService = ReturnType<typeof createFollowsService>;
