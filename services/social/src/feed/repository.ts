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

/** Whose items and which genres a reader's feed shows. */
export interface FeedSources {
  /** Followed users, minus any the reader blocked or was blocked by (≤ FOLLOWS_MAX_USERS). */
  authors: readonly string[];
  /** Followed genres (≤ FOLLOWS_MAX_GENRES). */
  genres: readonly string[];
}

/** The reader's follows, without users on either side of a block with them (S3's `blocks`). */
export async function readFeedSources(db: Database, userId: string): Promise<FeedSources> {
  const [follows, blocks, genres] = await Promise.all([
    db.userFollow.findMany({ where: { followerId: userId }, select: { followeeId: true } }),
    db.block.findMany({
      where: { OR: [{ blockerId: userId }, { blockedId: userId }] },
      select: { blockerId: true, blockedId: true },
    }),
    db.genreFollow.findMany({ where: { userId }, select: { genreId: true } }),
  ]);
  const blocked = new Set(blocks.flatMap((b) => [b.blockerId, b.blockedId]));
  return {
    authors: follows.map((f) => f.followeeId).filter((id) => !blocked.has(id)),
    genres: genres.map((g) => g.genreId),
  };
}

/**
 * One feed page, fan-out on read: the newest `limit` rows of each source after the position and
 * not older than `since` (ratings and visible comments of the authors, published movies of the
 * genres), merged and cut to `limit` in the database. The authors are a literal IN list, so
 * `ratings(user_id, updated_at)` and `comments(author_id, created_at, id)` are read as one range
 * per author within [since, position): a page reads what those authors did in that window and
 * nothing else. STRAIGHT_JOIN and FORCE INDEX keep that plan: left alone, the optimizer may
 * start from the published movies and read every comment on them, or scan a whole index when its
 * statistics are fresh from a bulk load. Items of unpublished movies drop out as the projection changes.
 */
export async function readFeedPage(
  db: Database,
  sources: FeedSources,
  position: FeedPosition | null,
  limit: number,
  since: Date,
): Promise<FeedRow[]> {
  const after = (at: Prisma.Sql, sortId: Prisma.Sql) =>
    position === null
      ? Prisma.empty
      : Prisma.sql`AND (${at} < ${position.at} OR (${at} = ${position.at} AND ${sortId} < ${position.sortId}))`;
  const ratingSort = Prisma.sql`CONCAT('r:', r.user_id, ':', r.movie_id)`;
  const commentSort = Prisma.sql`CONCAT('c:', c.id)`;
  const movieSort = Prisma.sql`CONCAT('m:', m.id)`;
  const parts: Prisma.Sql[] = [];
  if (sources.authors.length > 0) {
    const authors = Prisma.join([...sources.authors]);
    parts.push(Prisma.sql`
      (SELECT STRAIGHT_JOIN 'rating' AS kind, r.updated_at AS at, ${ratingSort} AS sort_id, r.user_id AS actor_id,
              m.id AS movie_id, m.title, m.slug, r.value, NULL AS comment_id, NULL AS parent_id,
              NULL AS body
         FROM ratings r FORCE INDEX (ratings_user_id_updated_at_idx)
         JOIN movies m ON m.id = r.movie_id AND m.published = TRUE
        WHERE r.user_id IN (${authors}) AND r.updated_at >= ${since}
              ${after(Prisma.sql`r.updated_at`, ratingSort)}
        ORDER BY at DESC, sort_id DESC
        LIMIT ${limit})`);
    parts.push(Prisma.sql`
      (SELECT STRAIGHT_JOIN 'comment' AS kind, c.created_at AS at, ${commentSort} AS sort_id,
              c.author_id AS actor_id, m.id AS movie_id, m.title, m.slug, NULL AS value,
              c.id AS comment_id, c.parent_id, c.body
         FROM comments c FORCE INDEX (comments_author_id_created_at_id_idx)
         JOIN movies m ON m.id = c.movie_id AND m.published = TRUE
        WHERE c.author_id IN (${authors}) AND c.created_at >= ${since} AND c.state = 'visible'
              ${after(Prisma.sql`c.created_at`, commentSort)}
        ORDER BY at DESC, sort_id DESC
        LIMIT ${limit})`);
  }
  if (sources.genres.length > 0) {
    parts.push(Prisma.sql`
      (SELECT DISTINCT 'movie' AS kind, m.published_at AS at, ${movieSort} AS sort_id,
              NULL AS actor_id, m.id AS movie_id, m.title, m.slug, NULL AS value,
              NULL AS comment_id, NULL AS parent_id, NULL AS body
         FROM movie_genres mg
         JOIN movies m ON m.id = mg.movie_id AND m.published = TRUE
        WHERE mg.genre_id IN (${Prisma.join([...sources.genres])}) AND m.published_at >= ${since}
              ${after(Prisma.sql`m.published_at`, movieSort)}
        ORDER BY at DESC, sort_id DESC
        LIMIT ${limit})`);
  }
  if (parts.length === 0) return [];
  return db.$queryRaw<FeedRow[]>`
    SELECT * FROM (${Prisma.join(parts, ' UNION ALL ')}) AS feed
    ORDER BY at DESC, sort_id DESC
    LIMIT ${limit}`;
}
