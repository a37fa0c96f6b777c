import type { Prisma } from '../generated/prisma/client.js';

/** The byline an article keeps once its author's account is deleted. */
export const ANONYMOUS_AUTHOR = 'Former contributor';

export interface ErasedCounts {
  entitlements: number;
  articles: number;
}

/**
 * Erases what catalog holds about a deleted account: its entitlements, and its authorship of
 * articles (they stay, with an anonymous byline and no author id). The tombstone row is written
 * first: a billing event still in flight for this user then finds it (the entitlements
 * projection reads it with a share lock) and is ignored. Running it twice changes nothing more.
 */
export async function eraseUser(
  tx: Prisma.TransactionClient,
  userId: string,
  erasedAt: Date,
): Promise<ErasedCounts> {
  await tx.erasedUser.createMany({ data: [{ userId, erasedAt }], skipDuplicates: true });
  const entitlements = await tx.entitlement.deleteMany({ where: { userId } });
  // The representation changes, so the version (the articles' ETag) moves on too.
  const articles = await tx.article.updateMany({
    where: { authorId: userId },
    data: { authorId: null, authorName: ANONYMOUS_AUTHOR, version: { increment: 1 } },
  });
  return { entitlements: entitlements.count, articles: articles.count };
}
