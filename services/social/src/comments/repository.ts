import { Prisma, type Comment as CommentRow } from '../generated/prisma/client.js';
import type { Db } from '../profiles/index.js';
import type { TimeIdPosition } from './cursor.js';

export type { CommentRow };
type Tx = Prisma.TransactionClient;

/** What a deleted comment keeps as its body (the author is removed too). */
export const DELETED_BODY = '[deleted]';

export const findComment = (db: Db, id: string): Promise<CommentRow | null> =>
  db.comment.findUnique({ where: { id } });

/** The comment, locked (FOR UPDATE) until the transaction ends; null when there is none. */
export async function lockComment(tx: Tx, id: string): Promise<CommentRow | null> {
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM comments WHERE id = ${id} FOR UPDATE`;
  return rows.length === 0 ? null : tx.comment.findUnique({ where: { id } });
}

export async function insertComment(
  tx: Tx,
  row: Pick<
    CommentRow,
    'id' | 'movieId' | 'parentId' | 'depth' | 'authorId' | 'body' | 'createdAt'
  >,
): Promise<CommentRow> {
  const created = await tx.comment.create({ data: row });
  if (row.parentId !== null) {
    await tx.comment.update({
      where: { id: row.parentId },
      data: { replyCount: { increment: 1 } },
    });
  }
  return created;
}

/** A movie's top-level comments, newest first, after the position. */
export const listTopLevel = (
  db: Db,
  movieId: string,
  after: TimeIdPosition | undefined,
  take: number,
): Promise<CommentRow[]> =>
  db.comment.findMany({
    where: {
      movieId,
      parentId: null,
      ...(after && {
        OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }],
      }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  });

/** A comment's direct replies, oldest first (conversation order), after the position. */
export const listReplies = (
  db: Db,
  parentId: string,
  after: TimeIdPosition | undefined,
  take: number,
): Promise<CommentRow[]> =>
  db.comment.findMany({
    where: {
      parentId,
      ...(after && {
        OR: [{ createdAt: { gt: after.at } }, { createdAt: after.at, id: { gt: after.id } }],
      }),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take,
  });

interface RawComment {
  id: string;
  movie_id: string;
  parent_id: string | null;
  depth: number;
  author_id: string | null;
  body: string;
  state: string;
  reply_count: number;
  open_reports: number;
  reported_at: Date | null;
  created_at: Date;
  edited_at: Date | null;
  hidden_at: Date | null;
  deleted_at: Date | null;
}

/**
 * The first `take` direct replies of each parent, oldest first, in one query (a window per
 * parent) rather than one query per comment of the page.
 */
export async function firstReplies(
  db: Db,
  parentIds: readonly string[],
  take: number,
): Promise<Map<string, CommentRow[]>> {
  const byParent = new Map<string, CommentRow[]>();
  if (parentIds.length === 0 || take === 0) return byParent;
  const rows = await db.$queryRaw<RawComment[]>`
    SELECT id, movie_id, parent_id, depth, author_id, body, state, reply_count, open_reports,
           reported_at, created_at, edited_at, hidden_at, deleted_at
    FROM (
      SELECT c.*, ROW_NUMBER() OVER (PARTITION BY c.parent_id ORDER BY c.created_at, c.id) AS rn
      FROM comments c WHERE c.parent_id IN (${Prisma.join(parentIds)})
    ) ranked
    WHERE rn <= ${take}
    ORDER BY parent_id, created_at, id`;
  for (const raw of rows) {
    const row: CommentRow = {
      id: raw.id,
      movieId: raw.movie_id,
      parentId: raw.parent_id,
      depth: Number(raw.depth),
      authorId: raw.author_id,
      body: raw.body,
      state: raw.state,
      replyCount: Number(raw.reply_count),
      openReports: Number(raw.open_reports),
      reportedAt: raw.reported_at,
      createdAt: raw.created_at,
      editedAt: raw.edited_at,
      hiddenAt: raw.hidden_at,
      deletedAt: raw.deleted_at,
    };
    const list = byParent.get(raw.parent_id ?? '') ?? [];
    list.push(row);
    byParent.set(raw.parent_id ?? '', list);
  }
  return byParent;
}

export async function updateBody(tx: Tx, id: string, body: string, at: Date): Promise<CommentRow> {
  return tx.comment.update({ where: { id }, data: { body, editedAt: at } });
}

/**
 * Soft delete: the row stays (the thread keeps its shape, replies keep their parent) with the
 * body replaced and the author removed; its open reports are resolved.
 */
export async function softDelete(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.comment.update({
    where: { id },
    data: {
      state: 'deleted',
      body: DELETED_BODY,
      authorId: null,
      deletedAt: at,
      openReports: 0,
      reportedAt: null,
    },
  });
  await tx.commentReport.updateMany({
    where: { commentId: id, status: 'open' },
    data: { status: 'resolved', resolvedAt: at },
  });
}

/** Every comment of the author, soft-deleted as above (account deletion); idempotent. */
export async function softDeleteByAuthor(tx: Tx, authorId: string, at: Date): Promise<void> {
  const ids = (await tx.comment.findMany({ where: { authorId }, select: { id: true } })).map(
    (row) => row.id,
  );
  if (ids.length === 0) return;
  await tx.comment.updateMany({
    where: { id: { in: ids } },
    data: {
      state: 'deleted',
      body: DELETED_BODY,
      authorId: null,
      deletedAt: at,
      openReports: 0,
      reportedAt: null,
    },
  });
  await tx.commentReport.updateMany({
    where: { commentId: { in: ids }, status: 'open' },
    data: { status: 'resolved', resolvedAt: at },
  });
}

/** The chain of ancestors of a comment, nearest first (at most the depth cap long). */
export async function ancestorsOf(db: Db, comment: CommentRow): Promise<CommentRow[]> {
  const chain: CommentRow[] = [];
  let parentId = comment.parentId;
  while (parentId !== null) {
    const parent = await findComment(db, parentId);
    if (!parent) break;
    chain.push(parent);
    parentId = parent.parentId;
  }
  return chain;
}
