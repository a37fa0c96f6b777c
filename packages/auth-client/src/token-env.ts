import { Type, type Static } from 'typebox';

/**
 * The environment a service needs to verify access tokens; spread it into the service's own
 * config schema: `Type.Object({ ...CommonEnv.properties, ...TokenEnv.properties, … })`.
 */
export const TokenEnv = Type.Object({
  AUTH_JWKS_URL: Type.String({
    format: 'uri',
    default: 'http://127.0.0.1:3001/.well-known/jwks.json',
  }),
  JWT_ISSUER: Type.String({ minLength: 1, default: 'http://localhost:8080' }),
  JWT_AUDIENCE: Type.String({ minLength: 1, default: 'kavosh' }),
});
export type TokenConfig = Static<typeof TokenEnv>;
