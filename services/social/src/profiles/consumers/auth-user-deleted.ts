import { authUserDeletedV1 } from '@kavosh/contracts';
import { defineHandler } from '@kavosh/messaging';
import { anonymizeAuthor } from '../../comments/index.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { anonymizeReporter } from '../../moderation/index.js';
import type { AggregateState } from '../../ratings/events.js';
import { eraseUserRatings } from '../../ratings/service.js';
import { eraseProfile } from '../repository.js';

/**
 * Erases S1's data of a deleted user in one transaction: the profile (remembered as erased), the
 * ratings (each movie's aggregate recomputed and published), the comments (kept in their threads,
 * body "[deleted]", author removed) and the reporter of their reports. Running it twice changes
 * nothing more. The new aggregates are handed to `changed` under the event id, for after commit.
 */
export const authUserDeleted = (changed: Map<string, AggregateState[]>) =>
  defineHandler(
    authUserDeletedV1.consumerSchema,
    async ({ id, data }, tx: Prisma.TransactionClient) => {
      const at = new Date();
      await eraseProfile(tx, data.userId, new Date(data.deletedAt));
      const aggregates = await eraseUserRatings(tx, data.userId, at);
      await anonymizeAuthor(tx, data.userId, at);
      await anonymizeReporter(tx, data.userId);
      changed.set(id, aggregates);
    },
  );
