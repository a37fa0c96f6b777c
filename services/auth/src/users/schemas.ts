import { Type } from 'typebox';
import { TEXT_PATTERN } from '@kavosh/service-kit';
import { RoleName, User } from '../accounts/schemas.js';

export const MAX_PAGE_SIZE = 100;

export const UserListQuery = Type.Object(
  {
    cursor: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })),
    limit: Type.Integer({ format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 }),
    email: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 254,
        pattern: TEXT_PATTERN,
        description: 'email prefix',
      }),
    ),
  },
  { additionalProperties: false },
);

export const UserPage = Type.Object(
  { items: Type.Array(User), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

export const UserParams = Type.Object(
  { id: Type.String({ format: 'uuid', maxLength: 36 }) },
  { additionalProperties: false },
);

export const RoleBody = Type.Object({ role: RoleName }, { additionalProperties: false });
