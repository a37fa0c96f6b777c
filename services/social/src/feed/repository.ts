import type { Database } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';

/** Where a feed page starts: strictly after this (time, sort id) in newest-first order. */
export interface FeedPosition {
  at: Date;
  sortId: string;
}

export interface FeedRow {
  kind: 'rating' | 'comment' | 'movie';
  at: Date;
  sort_id: string;
  actor_id: string | null;
  movie_id: string;
  title: string;
  slug: string;
  value: number | null;
  comment_id: string | null;
  parent_id: string | null;
  body: string | null;
}

/**
 * One feed page, fan-out on read: the newest `limit` rows of each source (ratings and visible
 * comments of followed users, published movies of followed genres), merged and cut to `limit` in
 * the database. Each source starts from the reader's follows (STRAIGHT_JOIN: the optimizer would
 * otherwise scan every published movie's comments) and reads each followed user's own index range
 * between the horizon and the position, so a page reads at most what the followed users (capped
 * by FOLLOWS_MAX_USERS) did between `since` and the position. Items of unpublished movies drop out as the projection
 * changes.
 */
export async function readFeedPage(
  db: Database,
  userId: string,
  position: FeedPosition | null,
  limit: number,
  since: Date,
): Promise<FeedRow[]> {
  const after = (at: Prisma.Sql, sortId: Prisma.Sql) =>
    position === null
      ? Prisma.empty
      : Prisma.sql`AND (${at} < ${position.at} OR (${at} = ${position.at} AND ${sortId} < ${position.sortId}))`;
  // A block either way (S3's blocks table) hides the followed user's items at once.
  const notBlocked = Prisma.sql`NOT EXISTS (
    SELECT 1 FROM blocks b
     WHERE (b.blocker_id = ${userId} AND b.blocked_id = f.followee_id)
        OR (b.blocker_id = f.followee_id AND b.blocked_id = ${userId}))`;
  const ratingSort = Prisma.sql`CONCAT('r:', r.user_id, ':', r.movie_id)`;
  const commentSort = Prisma.sql`CONCAT('c:', c.id)`;
  const movieSort = Prisma.sql`CONCAT('m:', m.id)`;
  return db.$queryRaw<FeedRow[]>`
    SELECT * FROM (
      (SELECT STRAIGHT_JOIN 'rating' AS kind, r.updated_at AS at, ${ratingSort} AS sort_id, r.user_id AS actor_id,
              m.id AS movie_id, m.title, m.slug, r.value, NULL AS comment_id, NULL AS parent_id,
              NULL AS body
         FROM user_follows f
         JOIN ratings r ON r.user_id = f.followee_id
         JOIN movies m ON m.id = r.movie_id AND m.published = TRUE
        WHERE f.follower_id = ${userId} AND r.updated_at >= ${since} AND ${notBlocked}
              ${after(Prisma.sql`r.updated_at`, ratingSort)}
        ORDER BY at DESC, sort_id DESC
        LIMIT ${limit})
      UNION ALL
      (SELECT STRAIGHT_JOIN 'comment', c.created_at, ${commentSort}, c.author_id, m.id, m.title, m.slug, NULL,
              c.id, c.parent_id, c.body
         FROM user_follows f
         JOIN comments c ON c.author_id = f.followee_id AND c.state = 'visible'
         JOIN movies m ON m.id = c.movie_id AND m.published = TRUE
        WHERE f.follower_id = ${userId} AND c.created_at >= ${since} AND ${notBlocked}
              ${after(Prisma.sql`c.created_at`, commentSort)}
        ORDER BY 2 DESC, 3 DESC
        LIMIT ${limit})
      UNION ALL
      (SELECT DISTINCT 'movie', m.published_at, ${movieSort}, NULL, m.id, m.title, m.slug, NULL,
              NULL, NULL, NULL
         FROM genre_follows g
         JOIN movie_genres mg ON mg.genre_id = g.genre_id
         JOIN movies m ON m.id = mg.movie_id AND m.published = TRUE
        WHERE g.user_id = ${userId} AND m.published_at >= ${since}
              ${after(Prisma.sql`m.published_at`, movieSort)}
        ORDER BY 2 DESC, 3 DESC
        LIMIT ${limit})
    ) AS feed
    ORDER BY at DESC, sort_id DESC
    LIMIT ${limit}`;
}
