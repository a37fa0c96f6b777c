import { Type, type Static } from 'typebox';

export const Uuid = Type.String({ format: 'uuid', maxLength: 36 });

export const UserParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type UserParams = Static<typeof UserParams>;

export const PublicProfile = Type.Object(
  {
    id: Uuid,
    displayName: Type.String({ maxLength: 100 }),
    initials: Type.String({ maxLength: 8 }),
  },
  { additionalProperties: false },
);
export type PublicProfile = Static<typeof PublicProfile>;
