import { Type, type Static } from 'typebox';

export const PlaybackParams = Type.Object(
  { id: Type.String({ format: 'uuid', maxLength: 36, description: 'the movie id' }) },
  { additionalProperties: false },
);
export type PlaybackParams = Static<typeof PlaybackParams>;

export const Playback = Type.Object(
  {
    url: Type.String({
      format: 'uri',
      description: 'Signed stream URL on the media origin (nginx secure_link: md5 + expires)',
    }),
    expiresAt: Type.String({
      format: 'date-time',
      description: 'When the origin stops accepting the URL; ask again for a new one.',
    }),
  },
  { additionalProperties: false },
);
export type Playback = Static<typeof Playback>;
