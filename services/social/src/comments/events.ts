import { createEvent, type CloudEvent } from '@kavosh/messaging';
import type { SocialCommentCreatedV1Data } from '@kavosh/contracts';
import { SOURCE } from '../ratings/events.js';
import type { CommentRow } from './repository.js';

export const commentCreated = (
  row: CommentRow & { authorId: string },
): CloudEvent<SocialCommentCreatedV1Data> =>
  createEvent({
    type: 'social.comment.created.v1',
    source: SOURCE,
    subject: row.id,
    time: row.createdAt,
    data: {
      commentId: row.id,
      movieId: row.movieId,
      authorId: row.authorId,
      parentId: row.parentId,
      createdAt: row.createdAt.toISOString(),
    },
  });
