import { randomUUID } from 'node:crypto';
import type { Identity } from '@kavosh/auth-client';
import type { Database } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import { InvalidCursor, queryFingerprint, type CursorCodec } from '../infrastructure/cursor.js';
import { assertVersion, assertVersionIfGiven } from '../infrastructure/version-etag.js';
import { slugify, uniqueSlug } from '../infrastructure/slug.js';
import type { Viewer } from '../infrastructure/viewer.js';
import {
  ArticleNotFound,
  ArticleStateConflict,
  DraftListForbidden,
  SlugConflict,
  UnknownMovies,
} from './errors.js';
import { renderMarkdown } from './markdown.js';
import {
  articlesRepository as repo,
  type ArticleRow,
  type LockedArticle,
  type ArticleSummaryRow,
} from './repository.js';
import type {
  Article,
  ArticleCreateBody,
  ArticleListQuery,
  ArticlePage,
  ArticlePatchBody,
  ArticleStatus,
  ArticleSummary,
} from './schemas.js';

type Tx = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Fastify refuses a path parameter over 100 characters (414, maxParamLength): a slug stays
// below that with room for a "-<n>" suffix.
const MAX_SLUG_BASE = 90;
// Editors creating the same title at once: each loser of the unique index tries the next free
// slug; the last attempt adds a random suffix, which no other writer can be racing for.
const SLUG_ATTEMPTS = 5;

const isSlugConflict = (err: unknown): boolean =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

const toStatus = (value: string): ArticleStatus => {
  if (value === 'draft' || value === 'published' || value === 'unpublished') return value;
  throw new Error(`articles.status holds an unknown status "${value}"`);
};

function toSummary(row: ArticleSummaryRow): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    authorName: row.authorName,
    tags: row.tags,
    movieIds: row.movieIds,
    status: toStatus(row.status),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

const toArticle = (row: ArticleRow): Article => ({
  ...toSummary(row),
  bodyMarkdown: row.bodyMarkdown,
  bodyHtml: row.bodyHtml,
});

/**
 * Account deletion (auth.user.deleted.v1, consumed by src/accounts/): the user's articles keep
 * their text under the byline "Former contributor" and lose the link to the account. Runs in the
 * consumer's transaction; answers how many articles changed.
 */
export const anonymizeAuthor = (tx: Tx, userId: string, at: Date = new Date()): Promise<number> =>
  repo.anonymizeAuthor(tx, userId, at);

export function createArticlesService(deps: {
  db: Database;
  cursors: CursorCodec;
  now: () => Date;
}) {
  const { db } = deps;

  async function assertMoviesExist(tx: Tx, movieIds: string[] | undefined): Promise<void> {
    if (movieIds === undefined) return;
    const missing = await repo.missingMovies(tx, movieIds);
    if (missing.length > 0) throw new UnknownMovies(missing);
  }

  async function load(tx: Tx | Database, id: string, viewer: Viewer): Promise<Article> {
    const row = await repo.find(tx, { id }, { publishedMoviesOnly: !viewer.editor });
    if (!row) throw new ArticleNotFound(id);
    return toArticle(row);
  }

  /** Locks the article, checks If-Match, and answers its current state. */
  async function lockChecked(
    tx: Tx,
    id: string,
    ifMatch: string | undefined,
    opts: { required: boolean },
  ): Promise<LockedArticle> {
    const current = await repo.lock(tx, id);
    if (!current) throw new ArticleNotFound(id);
    if (opts.required) assertVersion(ifMatch, current.version);
    else assertVersionIfGiven(ifMatch, current.version);
    return current;
  }

  return {
    async list(query: ArticleListQuery, viewer: Viewer): Promise<ArticlePage> {
      const status = query.status ?? 'published';
      if (status !== 'published' && !viewer.editor) throw new DraftListForbidden();
      const fingerprint = queryFingerprint('articles', {
        status,
        tag: query.tag,
        movie: query.movie,
        // Editors and the public see different movie links: their cursors are not interchangeable.
        editor: viewer.editor,
      });
      let after: { at: Date; id: string } | undefined;
      if (query.cursor !== undefined) {
        const [at, id] = deps.cursors.decode(query.cursor, fingerprint, 2);
        const date = typeof at === 'string' ? new Date(at) : undefined;
        if (!date || Number.isNaN(date.getTime()) || typeof id !== 'string' || !UUID.test(id)) {
          throw new InvalidCursor('The cursor is malformed.');
        }
        after = { at: date, id };
      }
      const rows = await repo.list(db, {
        status,
        tag: query.tag,
        movieId: query.movie,
        publishedMoviesOnly: !viewer.editor,
        after,
        limit: query.limit + 1,
      });
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      const lastAt = status === 'published' ? last?.publishedAt : last?.createdAt;
      return {
        items: items.map(toSummary),
        nextCursor:
          rows.length > query.limit && last && lastAt
            ? deps.cursors.encode(fingerprint, [lastAt.toISOString(), last.id])
            : null,
      };
    },

    /** By id or slug; only published articles unless the viewer is an editor. */
    async get(idOrSlug: string, viewer: Viewer): Promise<Article> {
      const opts = { publishedMoviesOnly: !viewer.editor };
      const row =
        (UUID.test(idOrSlug) ? await repo.find(db, { id: idOrSlug }, opts) : null) ??
        (await repo.find(db, { slug: idOrSlug }, opts));
      if (!row || (row.status !== 'published' && !viewer.editor)) {
        throw new ArticleNotFound(idOrSlug);
      }
      return toArticle(row);
    },

    /** A new draft; the slug comes from the title and never changes afterwards. */
    async create(body: ArticleCreateBody, author: Identity): Promise<Article> {
      const id = randomUUID();
      const bodyMarkdown = body.bodyMarkdown;
      const fields = {
        title: body.title.trim(),
        summary: body.summary?.trim() || null,
        bodyMarkdown,
        bodyHtml: renderMarkdown(bodyMarkdown),
        authorName: body.authorName.trim(),
      };
      const base = slugify(fields.title, 'article').slice(0, MAX_SLUG_BASE).replace(/-+$/, '');
      for (let attempt = 1; ; attempt += 1) {
        const last = attempt === SLUG_ATTEMPTS;
        try {
          return await db.$transaction(async (tx) => {
            await assertMoviesExist(tx, body.movieIds);
            const slug = await uniqueSlug(
              last ? `${base}-${randomUUID().slice(0, 8)}` : base,
              (candidate) => repo.slugTaken(tx, candidate),
            );
            await repo.insert(tx, {
              ...fields,
              id,
              slug,
              authorId: author.userId,
              tags: body.tags ?? [],
              movieIds: body.movieIds ?? [],
              at: deps.now(),
            });
            return load(tx, id, { editor: true });
          });
        } catch (err) {
          if (!isSlugConflict(err)) throw err;
          if (last) throw new SlugConflict();
        }
      }
    },

    /** Changes the given fields; If-Match is required (428 without, 412 when stale). */
    async update(
      id: string,
      body: ArticlePatchBody,
      ifMatch: string | undefined,
    ): Promise<Article> {
      return db.$transaction(async (tx) => {
        await lockChecked(tx, id, ifMatch, { required: true });
        await assertMoviesExist(tx, body.movieIds);
        await repo.update(tx, id, {
          ...(body.title !== undefined ? { title: body.title.trim() } : {}),
          ...(body.summary !== undefined ? { summary: body.summary?.trim() || null } : {}),
          ...(body.bodyMarkdown !== undefined
            ? { bodyMarkdown: body.bodyMarkdown, bodyHtml: renderMarkdown(body.bodyMarkdown) }
            : {}),
          ...(body.authorName !== undefined ? { authorName: body.authorName.trim() } : {}),
          tags: body.tags,
          movieIds: body.movieIds,
          at: deps.now(),
        });
        return load(tx, id, { editor: true });
      });
    },

    /** Publishes a draft or unpublished article; the first publication date is kept. */
    async publish(id: string, ifMatch: string | undefined): Promise<Article> {
      return db.$transaction(async (tx) => {
        const current = await lockChecked(tx, id, ifMatch, { required: false });
        if (current.status === 'published') {
          throw new ArticleStateConflict('The article is already published.');
        }
        const at = deps.now();
        await repo.update(tx, id, {
          status: 'published',
          publishedAt: current.publishedAt ?? at,
          at,
        });
        return load(tx, id, { editor: true });
      });
    },

    async unpublish(id: string, ifMatch: string | undefined): Promise<Article> {
      return db.$transaction(async (tx) => {
        const current = await lockChecked(tx, id, ifMatch, { required: false });
        if (current.status !== 'published') {
          throw new ArticleStateConflict('Only a published article can be unpublished.');
        }
        await repo.update(tx, id, { status: 'unpublished', at: deps.now() });
        return load(tx, id, { editor: true });
      });
    },

    async delete(id: string, ifMatch: string | undefined): Promise<void> {
      await db.$transaction(async (tx) => {
        await lockChecked(tx, id, ifMatch, { required: false });
        await repo.delete(tx, id);
      });
    },
  };
}
export type ArticlesService = ReturnType<typeof createArticlesService>;
