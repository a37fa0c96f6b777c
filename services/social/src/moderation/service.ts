import { randomUUID } from 'node:crypto';
import type { Messaging } from '@kavosh/messaging';
import {
  CommentNotFound,
  authorIds,
  decodeId,
  decodeTimeId,
  encodeId,
  encodeTimeId,
  lockComment,
  toComment,
  type Comment,
  type CommentRow,
} from '../comments/index.js';
import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import { findProfiles } from '../profiles/index.js';
import { recordAction } from './audit.js';
import {
  CommentNotReportable,
  CommentStateConflict,
  ReportNotFound,
  ReportNotOpen,
} from './errors.js';
import {
  closeOpenReports,
  findReport,
  insertReport,
  listAudit,
  listReported,
  openReportsOf,
  refreshReportState,
  type CommentReport,
} from './repository.js';
import {
  MAX_REPORTS_PER_ITEM,
  type AuditEntry,
  type AuditPage,
  type QueuePage,
  type Report,
  type ReportReceipt,
} from './schemas.js';

type Tx = Prisma.TransactionClient;

export interface ModerationServiceDeps {
  db: Database;
  messaging: Messaging<Tx>;
  /** Distinct reporters (open reports) that hide a comment automatically. */
  autoHideReports: number;
  now?: () => Date;
}

const MODERATOR_VIEW = { userId: null, moderator: true };

const toReport = (row: CommentReport): Report => ({
  id: row.id,
  commentId: row.commentId,
  reporterId: row.reporterId,
  reason: row.reason,
  status: row.status === 'dismissed' || row.status === 'resolved' ? row.status : 'open',
  createdAt: row.createdAt.toISOString(),
  resolvedAt: row.resolvedAt?.toISOString() ?? null,
});

export function createModerationService(deps: ModerationServiceDeps) {
  const { db, messaging, autoHideReports } = deps;
  const now = deps.now ?? (() => new Date());

  async function moderatorView(row: CommentRow): Promise<Comment> {
    return toComment(row, await findProfiles(db, authorIds([row])), MODERATOR_VIEW);
  }

  async function lockedOrThrow(tx: Tx, commentId: string): Promise<CommentRow> {
    const comment = await lockComment(tx, commentId);
    if (!comment) throw new CommentNotFound(commentId);
    return comment;
  }

  return {
    /**
     * One report per user and comment (409 on the second). The report that brings the open
     * reports to the threshold hides the comment, audited as the automatic hide.
     */
    async report(reporterId: string, commentId: string, reason: string): Promise<ReportReceipt> {
      const at = now();
      const report = await messaging.transaction(async (tx) => {
        const comment = await lockedOrThrow(tx, commentId);
        if (comment.state !== 'visible') throw new CommentNotReportable();
        const created = await insertReport(tx, {
          id: randomUUID(),
          commentId,
          reporterId,
          reason: reason.trim(),
          createdAt: at,
        });
        const openReports = comment.openReports + 1;
        const reachesThreshold = openReports >= autoHideReports;
        await tx.comment.update({
          where: { id: commentId },
          data: {
            openReports,
            reportedAt: comment.reportedAt ?? at,
            ...(reachesThreshold && { state: 'hidden', hiddenAt: at }),
          },
        });
        if (reachesThreshold) {
          await recordAction(tx, {
            actorId: null,
            action: 'auto_hide',
            commentId,
            reason: `${openReports} distinct users reported it`,
            at,
          });
        }
        return created;
      });
      return { id: report.id, commentId, createdAt: report.createdAt.toISOString() };
    },

    /** Comments with open reports, oldest report first, with their bodies and open reports. */
    async queue(page: { cursor?: string | undefined; limit: number }): Promise<QueuePage> {
      const after = page.cursor === undefined ? undefined : decodeTimeId(page.cursor);
      const rows = await listReported(db, after, page.limit + 1);
      const more = rows.length > page.limit;
      const items = more ? rows.slice(0, page.limit) : rows;
      const [reports, profiles] = await Promise.all([
        openReportsOf(
          db,
          items.map((row) => row.id),
        ),
        findProfiles(db, authorIds(items)),
      ]);
      const byComment = new Map<string, Report[]>();
      for (const report of reports) {
        const list = byComment.get(report.commentId) ?? [];
        if (list.length < MAX_REPORTS_PER_ITEM) list.push(toReport(report));
        byComment.set(report.commentId, list);
      }
      const last = items[items.length - 1];
      return {
        items: items.map((row) => ({
          comment: toComment(row, profiles, MODERATOR_VIEW),
          openReports: row.openReports,
          reportedAt: (row.reportedAt ?? row.createdAt).toISOString(),
          reports: byComment.get(row.id) ?? [],
        })),
        nextCursor:
          more && last?.reportedAt ? encodeTimeId({ at: last.reportedAt, id: last.id }) : null,
      };
    },

    /** Hides a visible comment, or confirms an automatic hide; resolves its open reports. */
    async hide(actorId: string, commentId: string, reason: string): Promise<Comment> {
      const at = now();
      const row = await messaging.transaction(async (tx) => {
        const comment = await lockedOrThrow(tx, commentId);
        if (comment.state === 'deleted') throw new CommentStateConflict('The comment is deleted.');
        if (comment.state === 'hidden' && comment.openReports === 0) {
          throw new CommentStateConflict('The comment is hidden already.');
        }
        await closeOpenReports(tx, commentId, 'resolved', at);
        await recordAction(tx, { actorId, action: 'hide', commentId, reason, at });
        return tx.comment.update({
          where: { id: commentId },
          data: {
            state: 'hidden',
            hiddenAt: comment.hiddenAt ?? at,
            openReports: 0,
            reportedAt: null,
          },
        });
      });
      return moderatorView(row);
    },

    /** Shows a hidden comment again; its open reports are dismissed with it. */
    async unhide(actorId: string, commentId: string, reason: string): Promise<Comment> {
      const at = now();
      const row = await messaging.transaction(async (tx) => {
        const comment = await lockedOrThrow(tx, commentId);
        if (comment.state !== 'hidden')
          throw new CommentStateConflict('The comment is not hidden.');
        await closeOpenReports(tx, commentId, 'dismissed', at);
        await recordAction(tx, { actorId, action: 'unhide', commentId, reason, at });
        return tx.comment.update({
          where: { id: commentId },
          data: { state: 'visible', hiddenAt: null, openReports: 0, reportedAt: null },
        });
      });
      return moderatorView(row);
    },

    /** Dismisses one open report; the comment leaves the queue with its last open report. */
    async dismiss(actorId: string, reportId: string, reason: string): Promise<Report> {
      const at = now();
      const found = await findReport(db, reportId);
      if (!found) throw new ReportNotFound(reportId);
      const report = await messaging.transaction(async (tx) => {
        // The comment first, as every report write does: one lock order, no deadlock.
        await lockComment(tx, found.commentId);
        const current = await findReport(tx, reportId);
        if (!current) throw new ReportNotFound(reportId);
        if (current.status !== 'open') throw new ReportNotOpen();
        const dismissed = await tx.commentReport.update({
          where: { id: reportId },
          data: { status: 'dismissed', resolvedAt: at },
        });
        await refreshReportState(tx, current.commentId);
        await recordAction(tx, {
          actorId,
          action: 'dismiss',
          commentId: current.commentId,
          reportId,
          reason,
          at,
        });
        return dismissed;
      });
      return toReport(report);
    },

    /** Every moderation action, newest first. */
    async audit(page: { cursor?: string | undefined; limit: number }): Promise<AuditPage> {
      const before = page.cursor === undefined ? undefined : decodeId(page.cursor);
      const rows = await listAudit(db, before, page.limit + 1);
      const more = rows.length > page.limit;
      const items = more ? rows.slice(0, page.limit) : rows;
      const last = items[items.length - 1];
      return {
        items: items.map((row): AuditEntry => ({
          id: row.id.toString(),
          actorId: row.actorId,
          // Written only by recordAction, whose kind is this union.
          action: row.action as AuditEntry['action'],
          commentId: row.commentId,
          reportId: row.reportId,
          reason: row.reason,
          at: row.createdAt.toISOString(),
        })),
        nextCursor: more && last ? encodeId(last.id) : null,
      };
    },
  };
}

export type ModerationService = ReturnType<typeof createModerationService>;
