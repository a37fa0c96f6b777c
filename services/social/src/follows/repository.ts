import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

type Client = Database | Prisma.TransactionClient;

/** A position in a follow list: the follow's time (ms) and the listed user's id. */
export type FollowPosition = readonly [number, string];

export interface FollowRow {
  userId: string;
  createdAt: Date;
}

/** True when the follow is new (a repeated follow inserts nothing). */
export async function insertFollow(tx: Client, followerId: string, followeeId: string) {
  const { count } = await tx.userFollow.createMany({
    data: [{ followerId, followeeId }],
    skipDuplicates: true,
  });
  return count === 1;
}

export async function deleteFollow(tx: Client, followerId: string, followeeId: string) {
  await tx.userFollow.deleteMany({ where: { followerId, followeeId } });
}

export const countFollowing = (db: Client, followerId: string) =>
  db.userFollow.count({ where: { followerId } });

const after = (position: FollowPosition | null, idField: 'followerId' | 'followeeId') =>
  position === null
    ? {}
    : {
        OR: [
          { createdAt: { lt: new Date(position[0]) } },
          { createdAt: new Date(position[0]), [idField]: { lt: position[1] } },
        ],
      };

/** Who follows the user, newest follow first. */
export async function listFollowers(
  db: Client,
  followeeId: string,
  position: FollowPosition | null,
  limit: number,
): Promise<FollowRow[]> {
  const rows = await db.userFollow.findMany({
    where: { followeeId, ...after(position, 'followerId') },
    orderBy: [{ createdAt: 'desc' }, { followerId: 'desc' }],
    take: limit,
    select: { followerId: true, createdAt: true },
  });
  return rows.map((row) => ({ userId: row.followerId, createdAt: row.createdAt }));
}

/** Whom the user follows, newest follow first. */
export async function listFollowing(
  db: Client,
  followerId: string,
  position: FollowPosition | null,
  limit: number,
): Promise<FollowRow[]> {
  const rows = await db.userFollow.findMany({
    where: { followerId, ...after(position, 'followeeId') },
    orderBy: [{ createdAt: 'desc' }, { followeeId: 'desc' }],
    take: limit,
    select: { followeeId: true, createdAt: true },
  });
  return rows.map((row) => ({ userId: row.followeeId, createdAt: row.createdAt }));
}

/** True when the genre follow is new. */
export async function insertGenreFollow(tx: Client, userId: string, genreId: string) {
  const { count } = await tx.genreFollow.createMany({
    data: [{ userId, genreId }],
    skipDuplicates: true,
  });
  return count === 1;
}

export async function deleteGenreFollow(tx: Client, userId: string, genreId: string) {
  await tx.genreFollow.deleteMany({ where: { userId, genreId } });
}

export const countGenreFollows = (db: Client, userId: string) =>
  db.genreFollow.count({ where: { userId } });

export const listGenreFollows = (db: Client, userId: string, max: number) =>
  db.genreFollow.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { genreId: 'asc' }],
    take: max,
    select: { genreId: true, createdAt: true },
  });

/** Every follow from or to the user, and their genre follows. */
export async function deleteForUser(tx: Client, userId: string): Promise<void> {
  await tx.userFollow.deleteMany({
    where: { OR: [{ followerId: userId }, { followeeId: userId }] },
  });
  await tx.genreFollow.deleteMany({ where: { userId } });
}
