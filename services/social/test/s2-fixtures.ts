import { randomUUID } from 'node:crypto';
import { testTokens } from '@kavosh/auth-client/testing';
import type { Database } from '../src/db.js';

// Fixtures of S2's tests (follows, feed, notifications): users with profiles, movies in the
// projection, tokens, and events published through the real broker as their producers would.

export { eventPublisher, type EventPublisher } from './s1-fixtures.js';

export interface TestUser {
  id: string;
  name: string;
  auth: { authorization: string };
}

/** A user social knows (a profile row, as S1's projection writes it) and their bearer token. */
export async function createUser(db: Database, name = `User ${randomUUID().slice(0, 8)}`) {
  const id = randomUUID();
  await db.profile.create({
    data: {
      userId: id,
      displayName: name,
      initials: name.slice(0, 2).toUpperCase(),
      roles: 'user',
      updatedAt: new Date(),
    },
  });
  const token = await (await testTokens()).tokenFor({ userId: id });
  return { id, name, auth: { authorization: `Bearer ${token}` } } satisfies TestUser;
}

/** A bearer token for a user social has no profile of. */
export async function strangerAuth(id = randomUUID()) {
  return { authorization: `Bearer ${await (await testTokens()).tokenFor({ userId: id })}` };
}

/** A published movie in the projection, in these genres. */
export async function publishedMovie(
  db: Database,
  genreIds: string[] = [],
  publishedAt = new Date(),
) {
  const id = randomUUID();
  await db.movie.create({
    data: {
      id,
      slug: `movie-${id}`,
      title: `Movie ${id.slice(0, 8)}`,
      published: true,
      publishedAt,
      stateAt: publishedAt,
    },
  });
  if (genreIds.length > 0) {
    await db.movieGenre.createMany({ data: genreIds.map((genreId) => ({ movieId: id, genreId })) });
  }
  return id;
}
