// The comments feature's public surface (moderation and account erasure use it).
import type { Prisma } from '../generated/prisma/client.js';
import { softDeleteByAuthor } from './repository.js';

export { CommentNotFound } from './errors.js';
export { findComment, lockComment, type CommentRow } from './repository.js';
export { toComment, authorIds, viewerOf, MODERATORS, type Viewer } from './view.js';
export { Comment } from './schemas.js';
export {
  decodeTimeId,
  encodeTimeId,
  decodeId,
  encodeId,
  MAX_CURSOR_LENGTH,
  type TimeIdPosition,
} from './cursor.js';

/** Account deletion: every comment of the user stays in its thread, body "[deleted]", no author. */
export const anonymizeAuthor = (
  tx: Prisma.TransactionClient,
  userId: string,
  at: Date,
): Promise<void> => softDeleteByAuthor(tx, userId, at);
