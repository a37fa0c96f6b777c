import { Type, type Static } from 'typebox';

export const RoleName = Type.Union([
  Type.Literal('user'),
  Type.Literal('editor'),
  Type.Literal('moderator'),
  Type.Literal('admin'),
]);
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
// The policy (8..128 code points, not common) is checked in the service; this only caps the size.
export const Password = Type.String({ format: 'password', minLength: 1, maxLength: 512 });
export const DisplayName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });

export const RegisterBody = Type.Object(
  { email: Email, password: Password, displayName: DisplayName },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object(
  {
    email: Email,
    password: Password,
    /** Browsers: keep the refresh token in an HttpOnly cookie instead of the body. */
    refreshTokenCookie: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateMeBody = Type.Object(
  { displayName: DisplayName },
  { additionalProperties: false },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const DeleteMeBody = Type.Object({ password: Password }, { additionalProperties: false });

export const User = Type.Object(
  {
    id: Type.String({ format: 'uuid', maxLength: 36 }),
    email: Type.String(),
    displayName: Type.String(),
    role: RoleName,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type User = Static<typeof User>;
