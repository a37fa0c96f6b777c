import { Type } from 'typebox';

// A refresh token is 43 base64url characters; a little slack keeps the error generic.
export const RefreshTokenField = Type.String({ minLength: 1, maxLength: 128 });

export const RefreshBody = Type.Object(
  { refreshToken: RefreshTokenField },
  { additionalProperties: false },
);

export const TokenPair = Type.Object(
  {
    accessToken: Type.String(),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'seconds' }),
    refreshToken: Type.String(),
    refreshTokenExpiresAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
