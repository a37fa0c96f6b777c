import { socialCommentCreatedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import type { Prisma } from '../../generated/prisma/client.js';
import { isBlockedEitherWay } from '../../blocks/index.js';
import { findProfiles } from '../../profiles/index.js';
import type { Notifier } from '../service.js';

/**
 * A reply tells the author of the comment it answers, unless they replied to themselves, the
 * parent's author is gone (account deleted: the comment stays, authorless), or one of the two
 * blocked the other.
 */
export const socialCommentCreated = (notifier: Notifier) =>
  defineHandler(
    socialCommentCreatedV1.consumerSchema,
    async ({ id, data }, tx: Prisma.TransactionClient) => {
      if (data.parentId === null) return;
      // The comments table is read in place: the event carries no parent author, and a lookup
      // in the handler's transaction sees the same committed thread the reply was added to.
      const parent = await tx.comment.findUnique({
        where: { id: data.parentId },
        select: { authorId: true },
      });
      const recipient = parent?.authorId;
      if (!recipient || recipient === data.authorId) return;
      if (await isBlockedEitherWay(tx, recipient, data.authorId)) return;
      const actor = (await findProfiles(tx, [data.authorId])).get(data.authorId);
      await notifier.createFromEvent(tx, id, [
        {
          userId: recipient,
          kind: 'comment.replied',
          actorId: data.authorId,
          data: {
            commentId: data.commentId,
            parentId: data.parentId,
            movieId: data.movieId,
            actorId: data.authorId,
            actorName: actor?.displayName ?? null,
          },
        },
      ]);
    },
  );
