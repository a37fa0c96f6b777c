import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { eraseUserEntitlements, hasPremiumEntitlement } from './repository.js';

// What other features may ask of entitlements (playback, account deletion).

/** Whether the user may watch premium titles at `now`. */
export const canWatchPremium = (db: Database, userId: string, now: Date): Promise<boolean> =>
  hasPremiumEntitlement(db, userId, now);

/** Account deletion: the user's entitlements go, and later billing facts about them are ignored. */
export const eraseEntitlements = (
  tx: Prisma.TransactionClient,
  userId: string,
  erasedAt: Date,
): Promise<number> => eraseUserEntitlements(tx, userId, erasedAt);
