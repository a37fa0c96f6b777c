import type { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../db.js';

/** The client or a transaction: reads run on either. */
export type Db = Database | Prisma.TransactionClient;

export interface ProfileState {
  userId: string;
  displayName: string;
  initials: string;
  roles: readonly string[];
  /** The auth time of this state (registeredAt or updatedAt). */
  at: Date;
}

export type ProjectionOutcome = 'applied' | 'stale' | 'erased';

/**
 * Sets the profile to `state` unless it holds a state at least as new, or the user was deleted
 * (an event redelivered or reordered after the deletion must not revive the profile).
 */
export async function applyProfile(
  tx: Prisma.TransactionClient,
  state: ProfileState,
): Promise<ProjectionOutcome> {
  if (await isErased(tx, state.userId)) return 'erased';
  // One statement: no read-then-insert race (nor gap-lock deadlock) between two events.
  // updated_at is assigned last, so the conditions above it still see the held time.
  const affected = await tx.$executeRaw`
    INSERT INTO profiles (user_id, display_name, initials, roles, updated_at)
    VALUES (${state.userId}, ${state.displayName}, ${state.initials}, ${state.roles.join(',')},
            ${state.at})
    ON DUPLICATE KEY UPDATE
      display_name = IF(VALUES(updated_at) > updated_at, VALUES(display_name), display_name),
      initials = IF(VALUES(updated_at) > updated_at, VALUES(initials), initials),
      roles = IF(VALUES(updated_at) > updated_at, VALUES(roles), roles),
      updated_at = GREATEST(updated_at, VALUES(updated_at))`;
  return affected > 0 ? 'applied' : 'stale';
}

/** Records the deletion (idempotent) and removes the profile. */
export async function eraseProfile(
  tx: Prisma.TransactionClient,
  userId: string,
  at: Date,
): Promise<void> {
  await markErased(tx, userId, at);
  await tx.profile.deleteMany({ where: { userId } });
}

/**
 * Records that the user was deleted (idempotent). Every erasure handler calls it first, in its
 * own transaction: the insert waits for any transaction that read "not erased" with isErased's
 * shared lock, so a write about the user that raced the deletion has committed before the
 * erasure deletes, and one that comes after sees the mark and writes nothing.
 */
export async function markErased(
  tx: Prisma.TransactionClient,
  userId: string,
  at: Date,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO erased_users (user_id, erased_at) VALUES (${userId}, ${at})
    ON DUPLICATE KEY UPDATE user_id = user_id`;
}

/**
 * Whether the user was deleted. A locking read (shared): inside a transaction it holds off
 * markErased until this transaction ends, so what it writes next cannot outlive an erasure.
 */
export async function isErased(db: Db, userId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ user_id: string }[]>`
    SELECT user_id FROM erased_users WHERE user_id = ${userId} LOCK IN SHARE MODE`;
  return rows.length > 0;
}

export interface ProfileSummary {
  userId: string;
  displayName: string;
  initials: string;
}

export async function findProfileRows(
  db: Db,
  userIds: readonly string[],
): Promise<ProfileSummary[]> {
  if (userIds.length === 0) return [];
  return db.profile.findMany({
    where: { userId: { in: [...new Set(userIds)] } },
    select: { userId: true, displayName: true, initials: true },
  });
}
