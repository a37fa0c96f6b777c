import { randomUUID } from 'node:crypto';
import { publishInTx, type Messaging } from '@kavosh/messaging';
import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { recordAction } from '../moderation/audit.js';
import { assertPublished } from '../movies/index.js';
import { findProfiles } from '../profiles/index.js';
import { checkBody } from './body.js';
import { decodeTimeId, encodeTimeId } from './cursor.js';
import {
  CommentAlreadyDeleted,
  CommentBodyInvalid,
  CommentNotEditable,
  CommentNotFound,
  EditWindowClosed,
  InvalidParent,
  NotCommentAuthor,
  ParentNotReplyable,
  ReplyTooDeep,
} from './errors.js';
import { commentCreated } from './events.js';
import {
  ancestorsOf,
  findComment,
  firstReplies,
  insertComment,
  listReplies,
  listTopLevel,
  lockComment,
  softDelete,
  updateBody,
  type CommentRow,
} from './repository.js';
import type { Comment, CommentPage, ReplyPage } from './schemas.js';
import { authorIds, toComment, type Viewer } from './view.js';

type Tx = Prisma.TransactionClient;

export interface CommentLimits {
  /** Deepest reply: top-level comments are depth 0. */
  maxDepth: number;
  /** Longest body, in characters after normalization. */
  maxLength: number;
  editWindowSeconds: number;
  /** Replies shown under each top-level comment of a page. */
  repliesPreview: number;
}

export interface CommentsServiceDeps {
  db: Database;
  messaging: Messaging<Tx>;
  limits: CommentLimits;
  now?: () => Date;
  /** After the commit of a new comment, with its public view (live movie rooms). Must not throw. */
  onCommentCreated?: (comment: Comment) => void;
}

const PUBLIC_VIEWER: Viewer = { userId: null, moderator: false };

export function createCommentsService(deps: CommentsServiceDeps) {
  const { db, messaging, limits, onCommentCreated } = deps;
  const now = deps.now ?? (() => new Date());

  const bodyOrThrow = (raw: string): string => {
    const checked = checkBody(raw, limits.maxLength);
    if (!checked.ok) throw new CommentBodyInvalid(checked.problem, limits.maxLength);
    return checked.body;
  };

  async function view(row: CommentRow, viewer: Viewer): Promise<Comment> {
    return toComment(row, await findProfiles(db, authorIds([row])), viewer);
  }

  function replyPage(rows: CommentRow[], take: number) {
    const more = rows.length > take;
    const items = more ? rows.slice(0, take) : rows;
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: more && last ? encodeTimeId({ at: last.createdAt, id: last.id }) : null,
    };
  }

  /** Refuses a reply to a deleted or hidden comment, or under a hidden one (its hidden branch). */
  async function assertReplyable(tx: Tx, parent: CommentRow): Promise<void> {
    if (parent.state !== 'visible') throw new ParentNotReplyable();
    if ((await ancestorsOf(tx, parent)).some((ancestor) => ancestor.state === 'hidden')) {
      throw new ParentNotReplyable();
    }
  }

  return {
    /**
     * A published movie's top-level comments, newest first (createdAt, then id: stable), each
     * with its first replies oldest first and a cursor for the rest.
     */
    async list(
      viewer: Viewer,
      movieId: string,
      page: { cursor?: string | undefined; limit: number },
    ): Promise<CommentPage> {
      const after = page.cursor === undefined ? undefined : decodeTimeId(page.cursor);
      await assertPublished(db, movieId);
      const top = replyPage(await listTopLevel(db, movieId, after, page.limit + 1), page.limit);
      const withReplies = top.items.filter((row) => row.replyCount > 0).map((row) => row.id);
      const replies = await firstReplies(db, withReplies, limits.repliesPreview + 1);
      const all = [...top.items, ...[...replies.values()].flat()];
      const profiles = await findProfiles(db, authorIds(all));
      return {
        items: top.items.map((row) => {
          const preview = replyPage(replies.get(row.id) ?? [], limits.repliesPreview);
          return {
            ...toComment(row, profiles, viewer),
            replies: {
              items: preview.items.map((reply) => toComment(reply, profiles, viewer)),
              nextCursor: preview.nextCursor,
            },
          };
        }),
        nextCursor: top.nextCursor,
      };
    },

    /** A comment's direct replies, oldest first. */
    async replies(
      viewer: Viewer,
      commentId: string,
      page: { cursor?: string | undefined; limit: number },
    ): Promise<ReplyPage> {
      const after = page.cursor === undefined ? undefined : decodeTimeId(page.cursor);
      const parent = await findComment(db, commentId);
      if (!parent) throw new CommentNotFound(commentId);
      await assertPublished(db, parent.movieId);
      const result = replyPage(await listReplies(db, commentId, after, page.limit + 1), page.limit);
      const profiles = await findProfiles(db, authorIds(result.items));
      return {
        items: result.items.map((row) => toComment(row, profiles, viewer)),
        nextCursor: result.nextCursor,
      };
    },

    /** Posts a comment or a reply on a published movie; social.comment.created.v1 in the same transaction. */
    async create(
      authorId: string,
      movieId: string,
      input: { body: string; parentId?: string | undefined },
    ): Promise<Comment> {
      const body = bodyOrThrow(input.body);
      const at = now();
      const row = await messaging.transaction(async (tx) => {
        await assertPublished(tx, movieId);
        let depth = 0;
        if (input.parentId !== undefined) {
          // Locked: a concurrent hide or delete of the parent waits for this reply, or wins.
          const parent = await lockComment(tx, input.parentId);
          if (!parent || parent.movieId !== movieId) throw new InvalidParent();
          depth = parent.depth + 1;
          if (depth > limits.maxDepth) throw new ReplyTooDeep(limits.maxDepth);
          await assertReplyable(tx, parent);
        }
        const created = await insertComment(tx, {
          id: randomUUID(),
          movieId,
          parentId: input.parentId ?? null,
          depth,
          authorId,
          body,
          createdAt: at,
        });
        await publishInTx(tx, commentCreated({ ...created, authorId }));
        return created;
      });
      const comment = await view(row, PUBLIC_VIEWER);
      onCommentCreated?.(comment);
      return comment;
    },

    /** The author's edit, within the edit window; 403 for anyone else. */
    async edit(userId: string, commentId: string, rawBody: string): Promise<Comment> {
      const body = bodyOrThrow(rawBody);
      const at = now();
      const row = await messaging.transaction(async (tx) => {
        const comment = await lockComment(tx, commentId);
        if (!comment) throw new CommentNotFound(commentId);
        if (comment.authorId !== userId) throw new NotCommentAuthor();
        if (comment.state !== 'visible') throw new CommentNotEditable();
        if (at.getTime() - comment.createdAt.getTime() > limits.editWindowSeconds * 1000) {
          throw new EditWindowClosed(limits.editWindowSeconds);
        }
        return updateBody(tx, commentId, body, at);
      });
      return view(row, { userId, moderator: false });
    },

    /** Soft delete by its author, or by a moderator (audited). */
    async remove(viewer: Viewer & { userId: string }, commentId: string): Promise<void> {
      const at = now();
      await messaging.transaction(async (tx) => {
        const comment = await lockComment(tx, commentId);
        if (!comment) throw new CommentNotFound(commentId);
        if (comment.state === 'deleted') throw new CommentAlreadyDeleted();
        const own = comment.authorId === viewer.userId;
        if (!own && !viewer.moderator) throw new NotCommentAuthor();
        await softDelete(tx, commentId, at);
        if (!own) {
          await recordAction(tx, {
            actorId: viewer.userId,
            action: 'delete',
            commentId,
            reason: 'deleted by a moderator',
            at,
          });
        }
      });
    },
  };
}

export type CommentsService = ReturnType<typeof createCommentsService>;
