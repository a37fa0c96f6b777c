import type { Database } from '../db.js';
import { queryFingerprint, type CursorCodec } from '../infrastructure/cursor.js';
import { isUuid, type Viewer } from '../infrastructure/viewer.js';
import { MovieNotFound, StatusFilterForbidden } from './errors.js';
import { moviesRepository as repo, type Keyset, type ListOrder } from './repository.js';
import type { MovieDetail, MovieListQuery, MoviePage } from './schemas.js';
import { toDetail, toSummary } from './representation.js';
import { searchExpression } from './search.js';

export interface MovieReadingDeps {
  db: Database;
  cursors: CursorCodec;
}

const emptyPage = (): MoviePage => ({ items: [], nextCursor: null });

/** The catalog as readers see it: lists, search and one movie, drafts for editors only. */
export function createMovieReading({ db, cursors }: MovieReadingDeps) {
  /** The signed position a cursor carries, checked against the query it was issued for. */
  function decodeAfter(cursor: string | undefined, fingerprint: string): Keyset | undefined {
    if (cursor === undefined) return undefined;
    const [value, id] = cursors.decode(cursor, fingerprint, 2);
    if (typeof id !== 'string') throw new Error('a signed cursor lost its id');
    return { value: value ?? null, id };
  }

  return {
    /** One page of movies for `query` as `viewer` may see them (the read cache keys on these inputs). */
    async list(query: MovieListQuery, viewer: Viewer): Promise<MoviePage> {
      if (query.status !== undefined && query.status !== 'published' && !viewer.editor) {
        throw new StatusFilterForbidden();
      }
      const status = viewer.editor ? query.status : 'published';
      let search: string | undefined;
      if (query.q !== undefined) {
        const expression = searchExpression(query.q);
        // Nothing searchable (stopwords, symbols): an empty page, never a scan of every row.
        if (expression === null) return emptyPage();
        search = expression;
      }
      const order: ListOrder = search !== undefined ? 'relevance' : (query.sort ?? 'newest');
      const fingerprint = queryFingerprint('movies', {
        search,
        order,
        status: status ?? 'any',
        genre: query.genre,
        yearFrom: query.yearFrom,
        yearTo: query.yearTo,
        language: query.language,
        premium: query.premium,
        person: query.person,
      });
      const after = decodeAfter(query.cursor, fingerprint);
      let genreId: string | undefined;
      if (query.genre !== undefined) {
        const found = await repo.findGenreId(db, query.genre);
        if (found === null) return emptyPage();
        genreId = found;
      }
      const filter = {
        status,
        genreId,
        yearFrom: query.yearFrom,
        yearTo: query.yearTo,
        language: query.language,
        premium: query.premium,
        personId: query.person,
        search,
      };
      // One more than the page: whether there is a next page.
      const { positions, rows } = await repo.listSummaryPage(
        db,
        filter,
        order,
        after,
        query.limit + 1,
      );
      const page = positions.slice(0, query.limit);
      const inPage = new Set(page.map((p) => p.id));
      const last = page[page.length - 1];
      const nextCursor =
        positions.length > query.limit && last
          ? cursors.encode(fingerprint, [last.key, last.id])
          : null;
      return { items: rows.filter((r) => inPage.has(r.id)).map(toSummary), nextCursor };
    },

    /** A movie by id or current slug; an old slug answers where the movie lives now. */
    async get(
      idOrSlug: string,
      viewer: Viewer,
    ): Promise<{ movie: MovieDetail } | { redirectToSlug: string }> {
      const row = await repo.findDetail(
        db,
        isUuid(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug },
      );
      const visible = (status: string) => viewer.editor || status === 'published';
      if (row && visible(row.status)) return { movie: toDetail(row, viewer) };
      if (row || isUuid(idOrSlug)) throw new MovieNotFound(idOrSlug);
      const current = await repo.findCurrentSlugOfOld(db, idOrSlug);
      if (current === null) throw new MovieNotFound(idOrSlug);
      const target = await repo.findDetail(db, { slug: current });
      if (!target || !visible(target.status)) throw new MovieNotFound(idOrSlug);
      return { redirectToSlug: current };
    },
  };
}
export type MovieReading = ReturnType<typeof createMovieReading>;
