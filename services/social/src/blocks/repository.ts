import type { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../db.js';

type Db = Database | Prisma.TransactionClient;

export interface BlockRow {
  blockedId: string;
  createdAt: Date;
}

/** Blocks `blockedId` for `blockerId`; blocking twice keeps the first time. */
export async function insertBlock(db: Db, blockerId: string, blockedId: string): Promise<void> {
  await db.$executeRaw`INSERT IGNORE INTO blocks (blocker_id, blocked_id) VALUES (${blockerId}, ${blockedId})`;
}

export async function deleteBlock(db: Db, blockerId: string, blockedId: string): Promise<void> {
  await db.block.deleteMany({ where: { blockerId, blockedId } });
}

/** A page of whom `blockerId` blocked, newest first, after the keyset position `after`. */
export async function listBlocks(
  db: Db,
  blockerId: string,
  after: { at: Date; userId: string } | null,
  limit: number,
): Promise<BlockRow[]> {
  return db.block.findMany({
    where: {
      blockerId,
      ...(after && {
        OR: [
          { createdAt: { lt: after.at } },
          { createdAt: after.at, blockedId: { lt: after.userId } },
        ],
      }),
    },
    orderBy: [{ createdAt: 'desc' }, { blockedId: 'desc' }],
    take: limit,
    select: { blockedId: true, createdAt: true },
  });
}

/** Whether `a` blocked `b` or `b` blocked `a`. */
export async function isBlockedEitherWay(db: Db, a: string, b: string): Promise<boolean> {
  const found = await db.block.findFirst({
    where: {
      OR: [
        { blockerId: a, blockedId: b },
        { blockerId: b, blockedId: a },
      ],
    },
    select: { blockerId: true },
  });
  return found !== null;
}

/** Erases every block made by or against `userId` (account deletion). */
export async function deleteBlocksOf(db: Db, userId: string): Promise<number> {
  const { count } = await db.block.deleteMany({
    where: { OR: [{ blockerId: userId }, { blockedId: userId }] },
  });
  return count;
}
