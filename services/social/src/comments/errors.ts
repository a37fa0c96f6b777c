import { AppError } from '@kavosh/service-kit';
import type { BodyProblem } from './body.js';

export class CommentNotFound extends AppError {
  constructor(id: string) {
    super({
      status: 404,
      code: 'COMMENT_NOT_FOUND',
      title: 'Comment not found',
      detail: `No comment has the id ${id}.`,
    });
  }
}

const BODY_PROBLEMS: Record<BodyProblem, { code: string; detail: string }> = {
  empty: { code: 'COMMENT_BODY_EMPTY', detail: 'The body is empty once trimmed.' },
  'too-long': { code: 'COMMENT_BODY_TOO_LONG', detail: 'The body is longer than allowed.' },
  'control-character': {
    code: 'COMMENT_BODY_INVALID',
    detail: 'The body contains control characters (only tabs and line breaks are allowed).',
  },
  'lone-surrogate': {
    code: 'COMMENT_BODY_INVALID',
    detail: 'The body is not valid Unicode text (half of a surrogate pair).',
  },
};

export class CommentBodyInvalid extends AppError {
  constructor(problem: BodyProblem, maxLength: number) {
    const { code, detail } = BODY_PROBLEMS[problem];
    super({
      status: 400,
      code,
      title: 'Invalid comment body',
      detail: problem === 'too-long' ? `${detail} (at most ${maxLength} characters)` : detail,
    });
  }
}

/** 400: parentId names no comment of this movie. */
export class InvalidParent extends AppError {
  constructor() {
    super({
      status: 400,
      code: 'INVALID_PARENT',
      title: 'Invalid parent comment',
      detail: 'parentId names no comment on this movie.',
    });
  }
}

export class ReplyTooDeep extends AppError {
  constructor(maxDepth: number) {
    super({
      status: 409,
      code: 'REPLY_TOO_DEEP',
      title: 'Reply too deep',
      detail: `Threads nest at most ${maxDepth} replies deep; reply higher up the thread.`,
    });
  }
}

export class ParentNotReplyable extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'PARENT_NOT_REPLYABLE',
      title: 'Cannot reply here',
      detail: 'The comment is deleted or hidden, or sits under a hidden comment.',
    });
  }
}

export class NotCommentAuthor extends AppError {
  constructor() {
    super({
      status: 403,
      code: 'NOT_COMMENT_AUTHOR',
      title: 'Not your comment',
      detail: 'Only its author may change this comment (or a moderator delete it).',
    });
  }
}

export class EditWindowClosed extends AppError {
  constructor(seconds: number) {
    super({
      status: 409,
      code: 'EDIT_WINDOW_CLOSED',
      title: 'Edit window closed',
      detail: `A comment can be edited for ${seconds} seconds after it was posted.`,
    });
  }
}

export class CommentNotEditable extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'COMMENT_NOT_EDITABLE',
      title: 'Comment not editable',
      detail: 'A hidden comment cannot be edited.',
    });
  }
}

export class CommentAlreadyDeleted extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'COMMENT_ALREADY_DELETED',
      title: 'Comment already deleted',
      detail: 'The comment was deleted already.',
    });
  }
}
