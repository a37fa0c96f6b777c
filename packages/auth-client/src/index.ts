export { TokenEnv } from './token-env.js';
export type { TokenConfig } from './token-env.js';
export {
  ACCESS_TOKEN_TYPE,
  ROLES,
  createLocalTokenVerifier,
  createTokenVerifier,
} from './verifier.js';
export type { Identity, Role, TokenVerifier, VerifyOptions } from './verifier.js';
export { authenticate } from './plugin.js';
export type { AuthenticateOptions } from './plugin.js';
export { identityOf } from './identity.js';
export { ACCESS_EXTENSION, accessCheck, declareAccess, isAccess } from './access.js';
export type { Access } from './access.js';
export { Forbidden, TokenInvalid, Unauthenticated } from './errors.js';
