import { randomUUID } from 'node:crypto';
import { posterUrl } from '../posters/poster-url.js';
import type { Viewer } from '../infrastructure/viewer.js';
import { InvalidCredit } from './errors.js';
import type { MovieDetailRow, MovieSummaryRow } from './repository.js';
import type { CreditInput, CreditRole, MovieDetail, MovieStatus, MovieSummary } from './schemas.js';

// Rows to representations and back: what the movies service answers and stores.

const ROLE_RANK: Record<string, number> = { director: 0, writer: 1, cast: 2 };

const toStatus = (value: string): MovieStatus => {
  if (value === 'draft' || value === 'published' || value === 'unpublished') return value;
  throw new Error(`movies.status holds an unknown status "${value}"`);
};
const toRole = (value: string): CreditRole => {
  if (value === 'director' || value === 'writer' || value === 'cast') return value;
  throw new Error(`credits.role holds an unknown role "${value}"`);
};

export const toSummary = (row: MovieSummaryRow): MovieSummary => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  originalTitle: row.originalTitle,
  synopsis: row.synopsis,
  year: row.year,
  runtimeMinutes: row.runtimeMinutes,
  ageRating: row.ageRating,
  premium: row.premium,
  status: toStatus(row.status),
  genres: row.genres
    .map((genre) => ({ id: genre.id, slug: genre.slug, name: genre.name }))
    .sort((a, b) => a.name.localeCompare(b.name)),
  languages: [...row.languages].sort(),
  ratingAverage: row.ratingAverage,
  ratingCount: row.ratingCount,
  posterUrl: posterUrl(row.posterHash, row.posterType),
  publishedAt: row.publishedAt?.toISOString() ?? null,
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

export const toDetail = (row: MovieDetailRow, viewer: Viewer): MovieDetail => ({
  ...toSummary(row),
  credits: row.credits
    .map((c) => ({
      personId: c.personId,
      name: c.name,
      role: toRole(c.role),
      character: c.character,
      position: c.position,
    }))
    .sort(
      (a, b) =>
        (ROLE_RANK[a.role] ?? 9) - (ROLE_RANK[b.role] ?? 9) ||
        a.position - b.position ||
        a.name.localeCompare(b.name),
    ),
  createdAt: row.createdAt.toISOString(),
  ...(viewer.editor ? { streamKey: row.streamKey } : {}),
});

/** Credits as stored: positions default to the order given within each role. */
export function normaliseCredits(credits: CreditInput[]) {
  const seen = new Set<string>();
  const nextPosition: Record<string, number> = {};
  return credits.map((c) => {
    const key = `${c.role}:${c.personId}`;
    if (seen.has(key))
      throw new InvalidCredit(`Person ${c.personId} is credited twice as ${c.role}.`);
    seen.add(key);
    if (c.character !== undefined && c.role !== 'cast') {
      throw new InvalidCredit('Only a cast credit has a character.');
    }
    const position = c.position ?? nextPosition[c.role] ?? 0;
    nextPosition[c.role] = position + 1;
    return {
      id: randomUUID(),
      personId: c.personId,
      role: c.role,
      character: c.character ?? null,
      position,
    };
  });
}
