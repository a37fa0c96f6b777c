import type { Prisma } from '../generated/prisma/client.js';

export type ModerationActionKind = 'hide' | 'unhide' | 'dismiss' | 'auto_hide' | 'delete';

export interface ModerationActionRecord {
  /** The moderator; null for the automatic hide. */
  actorId: string | null;
  action: ModerationActionKind;
  commentId: string | null;
  reportId?: string | null;
  reason: string;
  at: Date;
}

/** Appends one action to the audit, in the transaction of the action itself. */
export async function recordAction(
  tx: Prisma.TransactionClient,
  record: ModerationActionRecord,
): Promise<void> {
  await tx.moderationAction.create({
    data: {
      actorId: record.actorId,
      action: record.action,
      commentId: record.commentId,
      reportId: record.reportId ?? null,
      reason: record.reason,
      createdAt: record.at,
    },
  });
}
