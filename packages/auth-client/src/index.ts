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
export {
  ACCESS_EXTENSION,
  accessCheck,
  declareAccess,
  isAccess,
  partnerScopeOf,
} from './access.js';
export type { Access, UserAccess } from './access.js';
export {
  Forbidden,
  PartnerKeyInvalid,
  PartnerScopeForbidden,
  TokenInvalid,
  Unauthenticated,
} from './errors.js';
export {
  INTERNAL_PARTNER_HEADER,
  PARTNER_KEYS_CHANNEL,
  PARTNER_KEY_PATTERN,
  PARTNER_SCOPES,
  PARTNER_TIERS,
  PARTNER_VERIFY_PATH,
  SIGNED_SCOPES,
  formatPartnerHeader,
  isPartnerScope,
  parsePartnerHeader,
  partnerKeyPrefix,
  partnerOf,
} from './partners.js';
export type {
  PartnerIdentity,
  PartnerKeyVerification,
  PartnerScope,
  PartnerTier,
} from './partners.js';
