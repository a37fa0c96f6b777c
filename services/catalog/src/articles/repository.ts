import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Prisma.TransactionClient;
type Sql = Database | Tx;

/** What an author's erasure leaves as the byline. */
export const FORMER_CONTRIBUTOR = 'Former contributor';

export interface ArticleRow {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
  bodyMarkdown: string;
  bodyHtml: string;
  authorId: string | null;
  authorName: string;
  status: string;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  tags: string[];
  movieIds: string[];
}

export interface LockedArticle {
  status: string;
  version: number;
  publishedAt: Date | null;
}

export type ArticleSummaryRow = Omit<ArticleRow, 'bodyMarkdown' | 'bodyHtml'>;

/** Which linked movies a reader sees: the public only published ones. */
const includeFor = (opts: { publishedMoviesOnly: boolean }) =>
  ({
    tags: { select: { tag: true }, orderBy: { tag: 'asc' } },
    movies: {
      select: { movieId: true },
      orderBy: { movieId: 'asc' },
      ...(opts.publishedMoviesOnly ? { where: { movie: { status: 'published' } } } : {}),
    },
  }) satisfies Prisma.ArticleInclude;

type Linked = { tags: { tag: string }[]; movies: { movieId: string }[] };

function flatten<T extends Linked>(
  row: T,
): Omit<T, 'tags' | 'movies'> & {
  tags: string[];
  movieIds: string[];
} {
  const { tags, movies, ...rest } = row;
  return { ...rest, tags: tags.map((t) => t.tag), movieIds: movies.map((m) => m.movieId) };
}

const SUMMARY_SELECT = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  authorId: true,
  authorName: true,
  status: true,
  publishedAt: true,
  createdAt: true,
  updatedAt: true,
  version: true,
} satisfies Prisma.ArticleSelect;

export interface ArticleFields {
  title: string;
  summary: string | null;
  bodyMarkdown: string;
  bodyHtml: string;
  authorName: string;
}

export interface ListFilter {
  status: string;
  tag?: string;
  movieId?: string;
  publishedMoviesOnly: boolean;
  /** The last row of the previous page: its sort key (published_at or created_at) and id. */
  after?: { at: Date; id: string };
  limit: number;
}

export const articlesRepository = {
  async find(
    sql: Sql,
    where: { id: string } | { slug: string },
    opts: { publishedMoviesOnly: boolean },
  ): Promise<ArticleRow | null> {
    const row = await sql.article.findUnique({ where, include: includeFor(opts) });
    return row ? flatten(row) : null;
  },

  /** The row's state, locked until the transaction ends. */
  async lock(tx: Tx, id: string): Promise<LockedArticle | null> {
    const rows = await tx.$queryRaw<LockedArticle[]>`
      SELECT status, version, published_at AS publishedAt FROM articles WHERE id = ${id} FOR UPDATE`;
    const row = rows[0];
    return row ? { ...row, version: Number(row.version) } : null;
  },

  async slugTaken(sql: Sql, slug: string): Promise<boolean> {
    return (await sql.article.count({ where: { slug } })) > 0;
  },

  /** The ids among `ids` that name no movie. */
  async missingMovies(sql: Sql, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const found = await sql.movie.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const known = new Set(found.map((m) => m.id));
    return ids.filter((id) => !known.has(id));
  },

  async insert(
    tx: Tx,
    article: ArticleFields & {
      id: string;
      slug: string;
      authorId: string;
      tags: string[];
      movieIds: string[];
      at: Date;
    },
  ): Promise<void> {
    await tx.article.create({
      data: {
        id: article.id,
        slug: article.slug,
        title: article.title,
        summary: article.summary,
        bodyMarkdown: article.bodyMarkdown,
        bodyHtml: article.bodyHtml,
        authorId: article.authorId,
        authorName: article.authorName,
        createdAt: article.at,
        updatedAt: article.at,
        tags: { create: article.tags.map((tag) => ({ tag })) },
        movies: { create: article.movieIds.map((movieId) => ({ movieId })) },
      },
    });
  },

  /** Changes the given fields (and links, when given) and bumps the version. */
  async update(
    tx: Tx,
    id: string,
    change: Partial<ArticleFields> & {
      status?: string;
      publishedAt?: Date;
      tags?: string[];
      movieIds?: string[];
      at: Date;
    },
  ): Promise<void> {
    const { tags, movieIds, at, ...fields } = change;
    if (tags !== undefined) {
      await tx.articleTag.deleteMany({ where: { articleId: id } });
      await tx.articleTag.createMany({ data: tags.map((tag) => ({ articleId: id, tag })) });
    }
    if (movieIds !== undefined) {
      await tx.articleMovie.deleteMany({ where: { articleId: id } });
      await tx.articleMovie.createMany({
        data: movieIds.map((movieId) => ({ articleId: id, movieId })),
      });
    }
    await tx.article.update({
      where: { id },
      data: { ...fields, updatedAt: at, version: { increment: 1 } },
    });
  },

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.article.delete({ where: { id } });
  },

  /** Newest first: by published_at for published articles, by created_at for the others. */
  async list(sql: Sql, filter: ListFilter): Promise<ArticleSummaryRow[]> {
    const column = filter.status === 'published' ? 'publishedAt' : 'createdAt';
    const where: Prisma.ArticleWhereInput = { status: filter.status };
    if (filter.tag !== undefined) where.tags = { some: { tag: filter.tag } };
    if (filter.movieId !== undefined) {
      where.movies = {
        some: {
          movieId: filter.movieId,
          ...(filter.publishedMoviesOnly ? { movie: { status: 'published' } } : {}),
        },
      };
    }
    if (filter.after) {
      const { at, id } = filter.after;
      where.OR = [{ [column]: { lt: at } }, { [column]: at, id: { lt: id } }];
    }
    const rows = await sql.article.findMany({
      where,
      select: { ...SUMMARY_SELECT, ...includeFor(filter) },
      orderBy: [{ [column]: 'desc' }, { id: 'desc' }],
      take: filter.limit,
    });
    return rows.map(flatten);
  },

  /**
   * Account deletion: the user's articles stay, without the link to them and under a neutral
   * byline. The version moves, so cached copies and ETags of those articles change.
   */
  async anonymizeAuthor(tx: Sql, userId: string, at: Date): Promise<number> {
    const { count } = await tx.article.updateMany({
      where: { authorId: userId },
      data: {
        authorId: null,
        authorName: FORMER_CONTRIBUTOR,
        updatedAt: at,
        version: { increment: 1 },
      },
    });
    return count;
  },
};
