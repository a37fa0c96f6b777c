export { TokenEnv } from './token-env.js';
export type { TokenConfig } from './token-env.js';
export {
  ACCESS_TOKEN_TYPE,
  ROLES,
  createLocalTokenVerifier,
  createTokenVerifier,
} from './verifier.js';
export type { Identity, Role, TokenVerifier, VerifyOptions } from './verifier.js';
export { authenticate, identityOf, requireAuth, requireRole } from './plugin.js';
export { Forbidden, TokenInvalid, Unauthenticated } from './errors.js';
