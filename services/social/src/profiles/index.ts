// The profiles projection's public surface: other social features render names through it.
import type { Db, ProfileSummary } from './repository.js';
import { findProfileRows } from './repository.js';

export type { Db, ProfileSummary } from './repository.js';
export { isErased, markErased } from './repository.js';

/** Display name and initials of each of these users that has a profile, by user id. */
export async function findProfiles(
  db: Db,
  userIds: readonly string[],
): Promise<Map<string, ProfileSummary>> {
  const rows = await findProfileRows(db, userIds);
  return new Map(rows.map((row) => [row.userId, row]));
}

/** Whether the user has a profile (registered and not deleted, as far as social has heard). */
export async function profileExists(db: Db, userId: string): Promise<boolean> {
  return (await db.profile.findUnique({ where: { userId }, select: { userId: true } })) !== null;
}
