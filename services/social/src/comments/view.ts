import type { Access } from '@kavosh/auth-client';
import type { FastifyRequest } from 'fastify';
import type { ProfileSummary } from '../profiles/index.js';
import type { CommentRow } from './repository.js';
import type { Comment } from './schemas.js';

/** Who may moderate comments: the access of the moderation routes. */
export const MODERATORS = { roles: ['moderator', 'admin'] } satisfies Access;
const MODERATOR_ROLES: ReadonlySet<string> = new Set(MODERATORS.roles);

/** Who is reading: moderators also see hidden comments' bodies and authors. */
export interface Viewer {
  userId: string | null;
  moderator: boolean;
}

export const viewerOf = (request: FastifyRequest): Viewer => ({
  userId: request.identity?.userId ?? null,
  moderator: request.identity?.roles.some((role) => MODERATOR_ROLES.has(role)) ?? false,
});

export type CommentState = Comment['state'];

const stateOf = (row: CommentRow): CommentState =>
  row.state === 'hidden' || row.state === 'deleted' ? row.state : 'visible';

/** The public shape of a comment as this viewer may see it. */
export function toComment(
  row: CommentRow,
  profiles: ReadonlyMap<string, ProfileSummary>,
  viewer: Viewer,
): Comment {
  const state = stateOf(row);
  const shown = state === 'visible' || (state === 'hidden' && viewer.moderator);
  const profile = row.authorId === null ? undefined : profiles.get(row.authorId);
  return {
    id: row.id,
    movieId: row.movieId,
    parentId: row.parentId,
    depth: row.depth,
    state,
    body: shown ? row.body : null,
    author:
      shown && row.authorId !== null
        ? {
            id: row.authorId,
            displayName: profile?.displayName ?? null,
            initials: profile?.initials ?? null,
          }
        : null,
    createdAt: row.createdAt.toISOString(),
    edited: row.editedAt !== null,
    editedAt: row.editedAt?.toISOString() ?? null,
    replyCount: row.replyCount,
  };
}

export const authorIds = (rows: Iterable<CommentRow>): string[] => {
  const ids = new Set<string>();
  for (const row of rows) if (row.authorId !== null) ids.add(row.authorId);
  return [...ids];
};
