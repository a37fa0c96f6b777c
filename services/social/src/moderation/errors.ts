import { AppError } from '@kavosh/service-kit';

export class AlreadyReported extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'ALREADY_REPORTED',
      title: 'Already reported',
      detail: 'You reported this comment already.',
    });
  }
}

export class CommentNotReportable extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'COMMENT_NOT_REPORTABLE',
      title: 'Comment not reportable',
      detail: 'The comment is hidden or deleted already.',
    });
  }
}

export class CommentStateConflict extends AppError {
  constructor(detail: string) {
    super({ status: 409, code: 'COMMENT_STATE_CONFLICT', title: 'Comment state conflict', detail });
  }
}

export class ReportNotFound extends AppError {
  constructor(id: string) {
    super({
      status: 404,
      code: 'REPORT_NOT_FOUND',
      title: 'Report not found',
      detail: `No report has the id ${id}.`,
    });
  }
}

export class ReportNotOpen extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'REPORT_NOT_OPEN',
      title: 'Report not open',
      detail: 'The report was dismissed or resolved already.',
    });
  }
}
