import { anonymizeAuthor } from '../articles/service.js';
import type { Prisma } from '../generated/prisma/client.js';

export interface ErasedCounts {
  entitlements: number;
  articles: number;
}

/**
 * Erases what catalog holds about a deleted account: its entitlements, and its authorship of
 * articles (they stay, under the articles feature's anonymous byline and without the author id;
 * their version moves). The tombstone row is written first: a billing event still in flight for
 * this user then finds it (the entitlements projection reads it with a share lock) and is
 * ignored. Running it twice changes nothing more.
 */
export async function eraseUser(
  tx: Prisma.TransactionClient,
  userId: string,
  erasedAt: Date,
): Promise<ErasedCounts> {
  await tx.erasedUser.createMany({ data: [{ userId, erasedAt }], skipDuplicates: true });
  const entitlements = await tx.entitlement.deleteMany({ where: { userId } });
  const articles = await anonymizeAuthor(tx, userId, erasedAt);
  return { entitlements: entitlements.count, articles };
}
