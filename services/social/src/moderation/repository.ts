import { Prisma, type CommentReport } from '../generated/prisma/client.js';
import type { Db } from '../profiles/index.js';
import type { TimeIdPosition } from '../comments/index.js';
import { AlreadyReported } from './errors.js';

type Tx = Prisma.TransactionClient;
export type { CommentReport };

/** Inserts the report; a second one by the same reporter is AlreadyReported (unique key). */
export async function insertReport(
  tx: Tx,
  report: Pick<CommentReport, 'id' | 'commentId' | 'reporterId' | 'reason' | 'createdAt'>,
): Promise<CommentReport> {
  try {
    return await tx.commentReport.create({ data: report });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
      throw new AlreadyReported();
    }
    throw err;
  }
}

/** Resolves every open report of the comment (a moderator decided on it). */
export async function closeOpenReports(
  tx: Tx,
  commentId: string,
  status: 'dismissed' | 'resolved',
  at: Date,
): Promise<void> {
  await tx.commentReport.updateMany({
    where: { commentId, status: 'open' },
    data: { status, resolvedAt: at },
  });
}

/** Recounts the comment's open reports and the time of the oldest (the queue's key). */
export async function refreshReportState(tx: Tx, commentId: string): Promise<void> {
  const open = await tx.commentReport.aggregate({
    where: { commentId, status: 'open' },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  await tx.comment.update({
    where: { id: commentId },
    data: { openReports: open._count._all, reportedAt: open._min.createdAt },
  });
}

export const findReport = (db: Db, id: string): Promise<CommentReport | null> =>
  db.commentReport.findUnique({ where: { id } });

/** Comments with open reports, oldest report first. */
export const listReported = (db: Db, after: TimeIdPosition | undefined, take: number) =>
  db.comment.findMany({
    where: {
      reportedAt: after ? undefined : { not: null },
      ...(after && {
        OR: [{ reportedAt: { gt: after.at } }, { reportedAt: after.at, id: { gt: after.id } }],
      }),
    },
    orderBy: [{ reportedAt: 'asc' }, { id: 'asc' }],
    take,
  });

export const openReportsOf = (db: Db, commentIds: readonly string[]) =>
  commentIds.length === 0
    ? Promise.resolve([])
    : db.commentReport.findMany({
        where: { commentId: { in: [...commentIds] }, status: 'open' },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });

export const listAudit = (db: Db, before: bigint | undefined, take: number) =>
  db.moderationAction.findMany({
    where: before === undefined ? {} : { id: { lt: before } },
    orderBy: { id: 'desc' },
    take,
  });

/** Account deletion: the user's reports stay (they still count), without the reporter. */
export async function anonymizeReports(tx: Tx, reporterId: string): Promise<void> {
  await tx.commentReport.updateMany({ where: { reporterId }, data: { reporterId: null } });
}
