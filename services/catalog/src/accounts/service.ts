import { anonymizeAuthor } from '../articles/service.js';
import { eraseEntitlements } from '../entitlements/service.js';
import type { Prisma } from '../generated/prisma/client.js';

export interface ErasedCounts {
  entitlements: number;
  articles: number;
}

/**
 * Erases what catalog holds about a deleted account: its entitlements (with a tombstone, so a
 * billing event still in flight cannot bring them back), and its authorship of articles (they
 * stay, under the articles feature's anonymous byline, without the author id; their version
 * moves). In the consumer's transaction; running it twice changes nothing more.
 */
export async function eraseUser(
  tx: Prisma.TransactionClient,
  userId: string,
  erasedAt: Date,
): Promise<ErasedCounts> {
  const entitlements = await eraseEntitlements(tx, userId, erasedAt);
  const articles = await anonymizeAuthor(tx, userId, erasedAt);
  return { entitlements, articles };
}
