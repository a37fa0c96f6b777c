import type { Database } from '../db.js';
import { findProfiles } from '../profiles/index.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { readFeedPage, readFeedSources, type FeedRow } from './repository.js';
import type { FeedItem, FeedPage, FeedQuery } from './schemas.js';

const CURSOR_SCOPE = 'feed';

const DAY_MS = 86_400_000;
/** The first time window a page looks into; each empty-handed probe widens it 4×. */
const FIRST_WINDOW_MS = 3_600_000;
const WINDOW_GROWTH = 4;

/**
 * The newest `limit` items after the position, read window by window: a probe reads only the
 * followed users' items in [from, position); when it finds more than `limit`, nothing older can
 * be on the page, else the window widens, up to the horizon (whose probe is the exact answer). A
 * page over busy follows reads about what it shows instead of the whole horizon's activity; a
 * quiet feed costs a few cheap probes (a month from an hour: 6).
 */
async function readNewest(
  read: (from: Date) => Promise<FeedRow[]>,
  limit: number,
  newest: Date,
  horizon: Date,
): Promise<FeedRow[]> {
  for (let windowMs = FIRST_WINDOW_MS; ; windowMs *= WINDOW_GROWTH) {
    const from = new Date(Math.max(horizon.getTime(), newest.getTime() - windowMs));
    const rows = await read(from);
    if (rows.length > limit || from.getTime() === horizon.getTime()) return rows;
  }
}

/**
 * GET /feed: what followed users and followed genres did in the last `horizonDays`, newest first
 * (fan-out on read; the horizon, the follow caps and the widening window bound what a page reads).
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
      const at = now();
      const horizon = new Date(at.getTime() - horizonDays * DAY_MS);
      const sources = await readFeedSources(db, userId);
      const rows = await readNewest(
        (from) => readFeedPage(db, sources, position, query.limit + 1, from),
        query.limit,
        position?.at ?? at,
        horizon,
      );
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
