import type { Database } from '../db.js';

/**
 * Whether the user may watch premium titles at `now`: some subscription of theirs is not expired
 * and its period (or, once canceled, its paid-up end) has not passed. Uses the (user_id,
 * valid_until) index.
 */
export async function hasPremiumEntitlement(
  db: Database,
  userId: string,
  now: Date,
): Promise<boolean> {
  const row = await db.entitlement.findFirst({
    where: { userId, tier: 'premium', state: { not: 'expired' }, validUntil: { gt: now } },
    select: { subscriptionId: true },
  });
  return row !== null;
}
