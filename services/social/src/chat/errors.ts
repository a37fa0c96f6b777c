import { AppError } from '@kavosh/service-kit';

/** 404: no such conversation, or the caller is not in it (the same answer: no existence leak). */
export class ConversationNotFound extends AppError {
  constructor() {
    super({
      status: 404,
      code: 'CONVERSATION_NOT_FOUND',
      title: 'Conversation not found',
      detail: 'There is no conversation with this id that you take part in.',
    });
  }
}

/** 403: one of the two users blocked the other. */
export class ChatBlocked extends AppError {
  constructor() {
    super({
      status: 403,
      code: 'CHAT_BLOCKED',
      title: 'Chat blocked',
      detail: 'One of you has blocked the other.',
    });
  }
}

/** 400: a conversation needs two different users. */
export class CannotChatWithSelf extends AppError {
  constructor() {
    super({
      status: 400,
      code: 'CANNOT_CHAT_WITH_SELF',
      title: 'Cannot chat with yourself',
      detail: 'A conversation is between you and another user.',
    });
  }
}

/** 409: the other participant's account was deleted; the history stays readable. */
export class ConversationClosed extends AppError {
  constructor() {
    super({
      status: 409,
      code: 'CONVERSATION_CLOSED',
      title: 'Conversation closed',
      detail: "The other participant's account was deleted.",
    });
  }
}

/** 404: social knows no user with this id (never registered, or deleted). */
export class ChatUserNotFound extends AppError {
  constructor() {
    super({
      status: 404,
      code: 'USER_NOT_FOUND',
      title: 'User not found',
      detail: 'There is no user with this id to talk to.',
    });
  }
}
