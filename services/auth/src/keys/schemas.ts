import { Type } from 'typebox';

export const PublicJwk = Type.Object(
  {
    kty: Type.String(),
    crv: Type.String(),
    x: Type.String(),
    kid: Type.String(),
    alg: Type.String(),
    use: Type.String(),
  },
  { additionalProperties: false },
);
export const PublicJwkSet = Type.Object(
  { keys: Type.Array(PublicJwk) },
  { additionalProperties: false },
);
