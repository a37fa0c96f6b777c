import type { SqlExecutor } from '@kavosh/messaging';
import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

/** A subscription's state in catalog's copy; only `expired` ends access before valid_until. */
export type EntitlementState = 'active' | 'canceled' | 'expired';

/** One billing fact about a subscription, as the three subscription events carry it. */
export interface SubscriptionFact {
  subscriptionId: string;
  userId: string;
  state: EntitlementState;
  /** activated: currentPeriodEnd; canceled: endsAt; expired: expiredAt. */
  validUntil: Date;
  /** When billing says the fact happened: activatedAt, canceledAt or expiredAt. */
  factAt: Date;
}

export type ApplyOutcome = 'applied' | 'erased-user';

/** A DATETIME(3) literal in UTC, the zone Prisma reads and writes these columns in. */
const sqlDateTime = (date: Date): string => date.toISOString().slice(0, 23).replace('T', ' ');

// Billing sells one tier; canceled/expired events do not repeat it.
const TIER = 'premium';

/**
 * Applies a fact to the subscription's row unless the row already holds a newer one (reordered
 * events are harmless; a tie goes to the later state, active < canceled < expired, so the result
 * does not depend on arrival order). One statement, so two replicas cannot interleave.
 *
 * The assignments read the row's old state and fact_at: MySQL and MariaDB evaluate them left to
 * right, so `state` and then `fact_at` (via GREATEST, which is right whether the fact applied or
 * not) come last; under MariaDB's SIMULTANEOUS_ASSIGNMENT every one reads the old row anyway.
 */
export async function applySubscriptionFact(
  tx: SqlExecutor,
  fact: SubscriptionFact,
): Promise<ApplyOutcome> {
  // A locking read: it waits for a concurrent account deletion and then sees its row, and it
  // makes a deletion that comes later wait until this fact is committed (then it deletes it).
  const erased = await tx.$queryRawUnsafe<unknown[]>(
    'SELECT 1 FROM erased_users WHERE user_id = ? LOCK IN SHARE MODE',
    fact.userId,
  );
  if (erased.length > 0) return 'erased-user';
  const newer =
    "(VALUES(fact_at) > fact_at OR (VALUES(fact_at) = fact_at AND FIELD(VALUES(state), 'active', 'canceled', 'expired') > FIELD(state, 'active', 'canceled', 'expired')))";
  await tx.$executeRawUnsafe(
    `INSERT INTO entitlements (subscription_id, user_id, tier, state, valid_until, fact_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE
       tier = IF(${newer}, VALUES(tier), tier),
       valid_until = IF(${newer}, VALUES(valid_until), valid_until),
       updated_at = IF(${newer}, VALUES(updated_at), updated_at),
       state = IF(${newer}, VALUES(state), state),
       fact_at = GREATEST(fact_at, VALUES(fact_at))`,
    fact.subscriptionId,
    fact.userId,
    TIER,
    fact.state,
    sqlDateTime(fact.validUntil),
    sqlDateTime(fact.factAt),
    sqlDateTime(new Date()),
  );
  return 'applied';
}

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

/**
 * Deletes a deleted account's entitlements and leaves a tombstone (`erased_users`, the opaque id
 * only), written first so a subscription fact still in flight for the user finds it. Idempotent.
 */
export async function eraseUserEntitlements(
  tx: Prisma.TransactionClient,
  userId: string,
  erasedAt: Date,
): Promise<number> {
  await tx.erasedUser.createMany({ data: [{ userId, erasedAt }], skipDuplicates: true });
  const { count } = await tx.entitlement.deleteMany({ where: { userId } });
  return count;
}
