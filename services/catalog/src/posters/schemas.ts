import { Type, type Static } from 'typebox';

export const MovieIdParams = Type.Object(
  { id: Type.String({ format: 'uuid', maxLength: 36 }) },
  { additionalProperties: false },
);

export const PosterFileParams = Type.Object(
  {
    file: Type.String({
      pattern: '^[0-9a-f]{64}\\.(jpg|png|webp)$',
      maxLength: 69,
      description: '<sha-256 of the image, lower-case hex>.<jpg|png|webp>',
    }),
  },
  { additionalProperties: false },
);

export const PosterUpload = Type.Object(
  {
    movieId: Type.String({ format: 'uuid', maxLength: 36 }),
    posterHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    posterType: Type.Union([
      Type.Literal('image/jpeg'),
      Type.Literal('image/png'),
      Type.Literal('image/webp'),
    ]),
    posterUrl: Type.String({ description: 'Public, immutable URL of the image' }),
    version: Type.Integer({ minimum: 1, description: "The movie's new version (its ETag)" }),
  },
  { additionalProperties: false },
);
export type PosterUpload = Static<typeof PosterUpload>;

export const PosterBytes = Type.Unsafe<unknown>({
  type: 'string',
  format: 'binary',
  description: 'The image bytes',
});

/**
 * The upload form of at most maxBytes, for the OpenAPI document. Fastify validates a body per media type; the
 * multipart body is not parsed before the handler (it streams), so the schema carries no
 * `type`: Ajv applies `properties` and `required` to objects only, and the handler checks the
 * form itself.
 */
export const posterUploadBody = (maxBytes: number) =>
  Type.Unsafe<unknown>({
    content: {
      'multipart/form-data': {
        schema: {
          properties: {
            poster: {
              type: 'string',
              format: 'binary',
              // For a binary string, its size in bytes: POSTER_MAX_BYTES.
              maxLength: maxBytes,
              description: 'The image: JPEG, PNG or WebP (sniffed from its bytes)',
            },
          },
          required: ['poster'],
        },
      },
    },
  });
