import { Type } from 'typebox';

// A refresh token is 43 base64url characters; a little slack keeps the error generic.
// `password`: a secret, which documentation tools mask; its shape is checked by the service.
export const RefreshTokenField = Type.String({ format: 'password', minLength: 1, maxLength: 128 });

/** Without refreshToken the kavosh_refresh cookie is used (cookie mode, CSRF-checked). */
export const RefreshBody = Type.Object(
  { refreshToken: Type.Optional(RefreshTokenField) },
  { additionalProperties: false },
);

export const TokenPair = Type.Object(
  {
    accessToken: Type.String(),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'seconds' }),
    refreshToken: Type.Optional(
      Type.String({ description: 'absent in cookie mode (then csrfToken is present)' }),
    ),
    refreshTokenExpiresAt: Type.String({ format: 'date-time' }),
    csrfToken: Type.Optional(Type.String({ description: 'cookie mode: echo in x-csrf-token' })),
  },
  { additionalProperties: false },
);
