// The blocks feature's public surface for the rest of social (chat, and any feature that must
// not connect two users who blocked each other).
export { isBlockedEitherWay, deleteBlocksOf } from './repository.js';
