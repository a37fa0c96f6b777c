import { createEvent, type CloudEvent } from '@kavosh/messaging';
import type { CatalogMoviePublishedV1Data, CatalogMovieUnpublishedV1Data } from '@kavosh/contracts';

const SOURCE = '/kavosh/catalog';

export const movieEvents = {
  published: (
    movie: {
      id: string;
      slug: string;
      title: string;
      year: number;
      premium: boolean;
      genreIds: string[];
      peopleIds: string[];
    },
    at: Date,
    traceparent?: string,
  ): CloudEvent<CatalogMoviePublishedV1Data> =>
    createEvent({
      type: 'catalog.movie.published.v1',
      source: SOURCE,
      traceparent,
      subject: movie.id,
      time: at,
      data: {
        movieId: movie.id,
        slug: movie.slug,
        title: movie.title,
        year: movie.year,
        genreIds: movie.genreIds,
        peopleIds: movie.peopleIds,
        tier: movie.premium ? 'premium' : 'free',
        publishedAt: at.toISOString(),
      },
    }),
  unpublished: (
    movieId: string,
    at: Date,
    traceparent?: string,
  ): CloudEvent<CatalogMovieUnpublishedV1Data> =>
    createEvent({
      type: 'catalog.movie.unpublished.v1',
      source: SOURCE,
      traceparent,
      subject: movieId,
      time: at,
      data: { movieId, unpublishedAt: at.toISOString() },
    }),
};
