import type { Database } from '../db.js';
import { findProfiles } from '../profiles/index.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { readFeedPage, type FeedRow } from './repository.js';
import type { FeedItem, FeedPage, FeedQuery } from './schemas.js';

const CURSOR_SCOPE = 'feed';

const DAY_MS = 86_400_000;

/**
 * GET /feed: what followed users and followed genres did in the last `horizonDays`, newest first
 * (fan-out on read; the horizon and the follow caps bound what one page reads).
 */
export function createFeedService({
  db,
  horizonDays,
  now = () => new Date(),
}: {
  db: Database;
  horizonDays: number;
  now?: () => Date;
}) {
  return {
    async page(userId: string, query: FeedQuery): Promise<FeedPage> {
      const position =
        query.cursor === undefined
          ? null
          : (([atMs, sortId]) => ({ at: new Date(atMs), sortId }))(
              decodeCursor(query.cursor, `${CURSOR_SCOPE}:${userId}`, [
                'number',
                'string',
              ] as const),
            );
      const since = new Date(now().getTime() - horizonDays * DAY_MS);
      const rows = await readFeedPage(db, userId, position, query.limit + 1, since);
      const shown = rows.slice(0, query.limit);
      const profiles = await findProfiles(
        db,
        shown.flatMap((row) => (row.actor_id === null ? [] : [row.actor_id])),
      );
      const actorOf = (id: string) => {
        const profile = profiles.get(id);
        return {
          userId: id,
          displayName: profile?.displayName ?? null,
          initials: profile?.initials ?? null,
        };
      };
      const last = shown.at(-1);
      return {
        items: shown.map((row) => toItem(row, actorOf)),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor(`${CURSOR_SCOPE}:${userId}`, [last.at.getTime(), last.sort_id])
            : null,
      };
    },
  };
}
export type FeedService = ReturnType<typeof createFeedService>;

function toItem(
  row: FeedRow,
  actorOf: (id: string) => Extract<FeedItem, { kind: 'rating' }>['actor'],
): FeedItem {
  const movie = { id: row.movie_id, title: row.title, slug: row.slug };
  const base = { id: row.sort_id, at: row.at.toISOString(), movie };
  if (row.kind === 'rating' && row.actor_id !== null && row.value !== null) {
    return { ...base, kind: 'rating', actor: actorOf(row.actor_id), value: Number(row.value) };
  }
  if (row.kind === 'comment' && row.actor_id !== null && row.comment_id !== null) {
    return {
      ...base,
      kind: 'comment',
      actor: actorOf(row.actor_id),
      commentId: row.comment_id,
      parentId: row.parent_id,
      body: row.body ?? '',
    };
  }
  return { ...base, kind: 'movie' };
}
