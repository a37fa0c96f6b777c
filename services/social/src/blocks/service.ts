import type { Database } from '../db.js';
import { CannotBlockSelf } from './errors.js';
import { deleteBlock, insertBlock, listBlocks } from './repository.js';
import type { BlockList, BlocksQuery } from './schemas.js';

export function createBlocksService({ db }: { db: Database }) {
  return {
    /** Idempotent: blocking someone already blocked changes nothing. */
    async block(userId: string, targetId: string): Promise<void> {
      if (userId === targetId) throw new CannotBlockSelf();
      await insertBlock(db, userId, targetId);
    },

    async unblock(userId: string, targetId: string): Promise<void> {
      await deleteBlock(db, userId, targetId);
    },

    async list(userId: string, query: BlocksQuery): Promise<BlockList> {
      const [at, blockedId] = query.cursor?.split('_') ?? [];
      const after = at && blockedId ? { at: new Date(Number(at)), userId: blockedId } : null;
      // One more than asked: whether a next page exists without a count.
      const rows = await listBlocks(db, userId, after, query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => ({
          userId: row.blockedId,
          blockedAt: row.createdAt.toISOString(),
        })),
        nextCursor:
          rows.length > query.limit && last
            ? `${last.createdAt.getTime()}_${last.blockedId}`
            : null,
      };
    },
  };
}

export type BlocksService = ReturnType<typeof createBlocksService>;
