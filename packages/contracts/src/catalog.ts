import { Type, type Static } from 'typebox';
import { defineEvent } from './define-event.js';
import { Tier, UtcDateTime, Uuid } from './fields.js';

export const CatalogMoviePublishedV1Data = Type.Object(
  {
    movieId: Uuid,
    slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 1, maxLength: 160 }),
    title: Type.String({ minLength: 1, maxLength: 300 }),
    year: Type.Integer({ minimum: 1870, maximum: 2200 }),
    genreIds: Type.Array(Uuid, { maxItems: 20, uniqueItems: true }),
    peopleIds: Type.Array(Uuid, { maxItems: 200, uniqueItems: true }),
    tier: Tier,
    publishedAt: UtcDateTime,
  },
  { additionalProperties: false },
);
export type CatalogMoviePublishedV1Data = Static<typeof CatalogMoviePublishedV1Data>;

export const catalogMoviePublishedV1 = defineEvent({
  type: 'catalog.movie.published.v1',
  description:
    'A movie became visible to viewers (first publication or re-publication). Carries the ' +
    'current state; a consumer ignores it when it already applied a later publish or unpublish.',
  subject: 'movieId',
  consumers: [{ service: 'social', purpose: 'notify followers of its genres and people' }],
  data: CatalogMoviePublishedV1Data,
});
export const CatalogMoviePublishedV1 = catalogMoviePublishedV1.schema;
export type CatalogMoviePublishedV1 = Static<typeof CatalogMoviePublishedV1>;

export const CatalogMovieUnpublishedV1Data = Type.Object(
  { movieId: Uuid, unpublishedAt: UtcDateTime },
  { additionalProperties: false },
);
export type CatalogMovieUnpublishedV1Data = Static<typeof CatalogMovieUnpublishedV1Data>;

export const catalogMovieUnpublishedV1 = defineEvent({
  type: 'catalog.movie.unpublished.v1',
  description: 'A movie was withdrawn from viewers (unpublished or deleted).',
  subject: 'movieId',
  consumers: [{ service: 'social', purpose: 'hide the movie from feeds and notifications' }],
  data: CatalogMovieUnpublishedV1Data,
});
export const CatalogMovieUnpublishedV1 = catalogMovieUnpublishedV1.schema;
export type CatalogMovieUnpublishedV1 = Static<typeof CatalogMovieUnpublishedV1>;
