import { randomUUID } from 'node:crypto';
import type { Role } from '@kavosh/auth-client';
import type { KavoshApp } from '@kavosh/service-kit';
import type { Database } from '../src/db.js';
import { testTokens } from '@kavosh/auth-client/testing';

/** Bearer headers for a caller with `roles` (or none for an anonymous caller). */
export async function authAs(...roles: Role[]): Promise<Record<string, string>> {
  if (roles.length === 0) return {};
  const token = await (await testTokens()).tokenFor({ roles });
  return { authorization: `Bearer ${token}` };
}

export interface MovieSeed {
  title?: string;
  synopsis?: string;
  year?: number;
  status?: 'draft' | 'published' | 'unpublished';
  premium?: boolean;
  publishedAt?: Date | null;
  ratingAverage?: number | null;
  ratingCount?: number;
  genreIds?: string[];
  languages?: string[];
  peopleNames?: string;
  credits?: { personId: string; role: 'director' | 'writer' | 'cast'; position?: number }[];
}

/** Inserts movies straight into the database (fast, any state), returning their ids and slugs. */
export async function insertMovies(
  db: Database,
  seeds: MovieSeed[],
): Promise<{ id: string; slug: string }[]> {
  const created: { id: string; slug: string }[] = [];
  for (const seed of seeds) {
    const id = randomUUID();
    const slug = `m-${id}`;
    const status = seed.status ?? 'published';
    await db.movie.create({
      data: {
        id,
        slug,
        title: seed.title ?? `Movie ${id.slice(0, 8)}`,
        synopsis: seed.synopsis ?? 'A synthetic synopsis.',
        year: seed.year ?? 2000,
        premium: seed.premium ?? false,
        status,
        streamKey: `streams/${id}`,
        publishedAt:
          seed.publishedAt !== undefined
            ? seed.publishedAt
            : status === 'published'
              ? new Date()
              : null,
        ratingAverage: seed.ratingAverage ?? null,
        ratingCount: seed.ratingCount ?? 0,
        peopleNames: seed.peopleNames ?? '',
        genres: { create: (seed.genreIds ?? []).map((genreId) => ({ genreId })) },
        languages: { create: (seed.languages ?? []).map((language) => ({ language })) },
        credits: {
          create: (seed.credits ?? []).map((c) => ({
            id: randomUUID(),
            personId: c.personId,
            role: c.role,
            position: c.position ?? 0,
          })),
        },
      },
    });
    created.push({ id, slug });
  }
  return created;
}

export async function insertGenre(db: Database, name: string) {
  return db.genre.create({
    data: { id: randomUUID(), name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-') },
  });
}

export async function insertPerson(db: Database, name: string) {
  return db.person.create({ data: { id: randomUUID(), name } });
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Follows nextCursor from `url` to the end; fails on any non-200 page. */
export async function allPages<T>(
  app: KavoshApp,
  url: string,
  headers: Record<string, string> = {},
  between?: (pageIndex: number) => Promise<void>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page += 1) {
    const sep = url.includes('?') ? '&' : '?';
    const res: { statusCode: number; body: string; json<J>(): J } = await app.inject({
      url: cursor === null ? url : `${url}${sep}cursor=${encodeURIComponent(cursor)}`,
      headers,
    });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const body: Page<T> = res.json<Page<T>>();
    items.push(...body.items);
    cursor = body.nextCursor;
    if (cursor === null) return items;
    await between?.(page);
  }
  throw new Error(`${url}: more than 1000 pages`);
}
