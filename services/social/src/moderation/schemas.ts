import { Type, type Static } from 'typebox';
import { TEXT_PATTERN } from '@kavosh/service-kit';
import { Comment, MAX_CURSOR_LENGTH } from '../comments/index.js';
import { Uuid } from '../profiles/schemas.js';

const DateTime = Type.String({ format: 'date-time', maxLength: 35 });
const NextCursor = Type.Union([Type.String({ maxLength: MAX_CURSOR_LENGTH }), Type.Null()]);

/** Why: required, 1-500 characters with at least one that is not a space. */
export const Reason = Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' });

export const ReasonBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export type ReasonBody = Static<typeof ReasonBody>;

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

export const ModerationPageQuery = Type.Object(
  {
    cursor: Type.Optional(
      Type.String({ minLength: 1, maxLength: MAX_CURSOR_LENGTH, pattern: TEXT_PATTERN }),
    ),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: 50, default: 20 }),
  },
  { additionalProperties: false },
);
export type ModerationPageQuery = Static<typeof ModerationPageQuery>;

export const ReportStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('dismissed'),
  Type.Literal('resolved'),
]);

export const Report = Type.Object(
  {
    id: Uuid,
    commentId: Uuid,
    /** Null once the reporter's account was deleted. */
    reporterId: Type.Union([Uuid, Type.Null()]),
    reason: Type.String({ maxLength: 500 }),
    status: ReportStatus,
    createdAt: DateTime,
    resolvedAt: Type.Union([DateTime, Type.Null()]),
  },
  { additionalProperties: false },
);
export type Report = Static<typeof Report>;

/** What the reporter learns: their report was taken (not whether it hid the comment). */
export const ReportReceipt = Type.Object(
  { id: Uuid, commentId: Uuid, createdAt: DateTime },
  { additionalProperties: false },
);
export type ReportReceipt = Static<typeof ReportReceipt>;

export const MAX_REPORTS_PER_ITEM = 20;

export const QueueItem = Type.Object(
  {
    comment: Comment,
    openReports: Type.Integer({ minimum: 0 }),
    /** When the oldest open report came: the queue's order (oldest first). */
    reportedAt: DateTime,
    reports: Type.Array(Report, { maxItems: MAX_REPORTS_PER_ITEM }),
  },
  { additionalProperties: false },
);

export const QueuePage = Type.Object(
  { items: Type.Array(QueueItem, { maxItems: 50 }), nextCursor: NextCursor },
  { additionalProperties: false },
);
export type QueuePage = Static<typeof QueuePage>;

export const AuditEntry = Type.Object(
  {
    id: Type.String({ pattern: '^[0-9]{1,19}$', maxLength: 19 }),
    /** Null: the automatic hide after enough distinct reports. */
    actorId: Type.Union([Uuid, Type.Null()]),
    action: Type.Union([
      Type.Literal('hide'),
      Type.Literal('unhide'),
      Type.Literal('dismiss'),
      Type.Literal('auto_hide'),
      Type.Literal('delete'),
    ]),
    commentId: Type.Union([Uuid, Type.Null()]),
    reportId: Type.Union([Uuid, Type.Null()]),
    reason: Type.String({ maxLength: 500 }),
    at: DateTime,
  },
  { additionalProperties: false },
);
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object(
  { items: Type.Array(AuditEntry, { maxItems: 50 }), nextCursor: NextCursor },
  { additionalProperties: false },
);
export type AuditPage = Static<typeof AuditPage>;
