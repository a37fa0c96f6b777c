export { chatRoutes } from './routes.js';
export {
  chatMessagesAfter,
  createChatService,
  typingRecipientOf,
  type ChatService,
} from './service.js';
export { startChatConsumers, CHAT_QUEUES } from './consumers.js';
