import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyUnpublished } from '../movies/repository.js';
import {
  outboxEvents,
  publishedMovie,
  startS1,
  user,
  type S1Context,
  type TestUser,
} from '../../test/s1-fixtures.js';

// Short limits so the caps are cheap to reach: depth 2, 50 characters, 2 replies previewed.
let ctx: S1Context;
let moderator: TestUser;

beforeAll(async () => {
  ctx = await startS1({
    COMMENT_MAX_DEPTH: '2',
    COMMENT_MAX_LENGTH: '50',
    COMMENT_REPLIES_PREVIEW: '2',
    COMMENT_EDIT_WINDOW_SECONDS: '600',
  });
  moderator = await user(ctx.db, { roles: ['moderator'] });
});
afterAll(() => ctx?.close());

const post = (movieId: string, who: TestUser | undefined, payload: Record<string, unknown>) =>
  ctx.svc.app.inject({
    method: 'POST',
    url: `/movies/${movieId}/comments`,
    ...(who && { headers: who.auth }),
    payload,
  });

async function comment(movieId: string, who: TestUser, body: string, parentId?: string) {
  const answer = await post(movieId, who, { body, ...(parentId && { parentId }) });
  expect(answer.statusCode).toBe(201);
  return answer.json<{ id: string; createdAt: string }>();
}

const list = (movieId: string, query = '', who?: TestUser) =>
  ctx.svc.app.inject({
    method: 'GET',
    url: `/movies/${movieId}/comments${query}`,
    ...(who && { headers: who.auth }),
  });

const replies = (id: string, query = '') =>
  ctx.svc.app.inject({ method: 'GET', url: `/comments/${id}/replies${query}` });

const patch = (id: string, who: TestUser, body: unknown) =>
  ctx.svc.app.inject({
    method: 'PATCH',
    url: `/comments/${id}`,
    headers: who.auth,
    payload: { body },
  });

const remove = (id: string, who: TestUser) =>
  ctx.svc.app.inject({ method: 'DELETE', url: `/comments/${id}`, headers: who.auth });

describe('posting comments', () => {
  it('when a user comments and replies, then the comment shows their profile and social.comment.created.v1 is in the outbox', async () => {
    const movieId = await publishedMovie(ctx.db);
    const ada = await user(ctx.db, { name: 'Ada Lovelace' });
    const answer = await post(movieId, ada, { body: '  <b>Great</b> film\u0301  ' });
    expect(answer.statusCode).toBe(201);
    const top = answer.json();
    expect(top).toMatchObject({
      movieId,
      parentId: null,
      depth: 0,
      state: 'visible',
      body: '<b>Great</b> filḿ'.normalize('NFC'),
      author: { id: ada.id, displayName: 'Ada Lovelace' },
      edited: false,
      editedAt: null,
      replyCount: 0,
    });
    const reply = await comment(movieId, ada, 'Agreed', top.id);

    const events = await outboxEvents(ctx.db, 'social.comment.created.v1');
    const mine = events.filter((e) => e.data['movieId'] === movieId);
    expect(mine.map((e) => e.data)).toEqual([
      { commentId: top.id, movieId, authorId: ada.id, parentId: null, createdAt: top.createdAt },
      {
        commentId: reply.id,
        movieId,
        authorId: ada.id,
        parentId: top.id,
        createdAt: reply.createdAt,
      },
    ]);
    expect(mine[0]).toMatchObject({ subject: top.id, source: '/kavosh/social' });
  });

  it('when the author has no profile yet, then the comment names them by id only', async () => {
    const movieId = await publishedMovie(ctx.db);
    const stranger = await user(ctx.db, { name: null });
    expect((await post(movieId, stranger, { body: 'hi' })).json()).toMatchObject({
      author: { id: stranger.id, displayName: null, initials: null },
    });
  });

  it('when the body is empty, blank, over the cap or has control characters, then 400 with a stable code', async () => {
    const movieId = await publishedMovie(ctx.db);
    const ada = await user(ctx.db);
    const cases: [unknown, string][] = [
      ['', 'COMMENT_BODY_EMPTY'],
      [' \n ', 'COMMENT_BODY_EMPTY'],
      ['x'.repeat(51), 'COMMENT_BODY_TOO_LONG'],
      ['bell\u0007', 'COMMENT_BODY_INVALID'],
      ['x'.repeat(10_001), 'VALIDATION_FAILED'],
      [42, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const answer = await post(movieId, ada, { body });
      expect(answer.statusCode, code).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json()).toMatchObject({ code });
    }
    expect((await post(movieId, ada, { body: 'x'.repeat(50) })).statusCode).toBe(201);
    expect((await post(movieId, ada, { body: 'ok', extra: 1 })).statusCode).toBe(400);
    expect((await post(movieId, undefined, { body: 'ok' })).statusCode).toBe(401);
  });

  it('when the movie is unknown or withdrawn, then 404 MOVIE_NOT_FOUND', async () => {
    const ada = await user(ctx.db);
    expect((await post(randomUUID(), ada, { body: 'hi' })).json()).toMatchObject({
      code: 'MOVIE_NOT_FOUND',
    });
    const movieId = await publishedMovie(ctx.db);
    await ctx.db.$transaction((tx) => applyUnpublished(tx, movieId, new Date(Date.now() + 1000)));
    expect((await post(movieId, ada, { body: 'hi' })).statusCode).toBe(404);
    expect((await list(movieId)).statusCode).toBe(404);
  });

  it('when a reply would be deeper than the cap, or names a parent of another movie, then it is refused', async () => {
    const movieId = await publishedMovie(ctx.db);
    const ada = await user(ctx.db);
    const d0 = await comment(movieId, ada, 'depth 0');
    const d1 = await comment(movieId, ada, 'depth 1', d0.id);
    const d2 = await comment(movieId, ada, 'depth 2', d1.id);
    const tooDeep = await post(movieId, ada, { body: 'depth 3', parentId: d2.id });
    expect(tooDeep.statusCode).toBe(409);
    expect(tooDeep.json()).toMatchObject({ code: 'REPLY_TOO_DEEP' });

    const other = await publishedMovie(ctx.db);
    for (const parentId of [d0.id, randomUUID()]) {
      const answer = await post(other, ada, { body: 'elsewhere', parentId });
      expect(answer.statusCode).toBe(400);
      expect(answer.json()).toMatchObject({ code: 'INVALID_PARENT' });
    }
  });

  it('when the parent is deleted or hidden, or sits under a hidden comment, then 409 PARENT_NOT_REPLYABLE', async () => {
    const movieId = await publishedMovie(ctx.db);
    const ada = await user(ctx.db);
    const deleted = await comment(movieId, ada, 'to delete');
    expect((await remove(deleted.id, ada)).statusCode).toBe(204);
    const hidden = await comment(movieId, ada, 'to hide');
    const underHidden = await comment(movieId, ada, 'under it', hidden.id);
    const hide = await ctx.svc.app.inject({
      method: 'POST',
      url: `/moderation/comments/${hidden.id}/hide`,
      headers: moderator.auth,
      payload: { reason: 'abuse' },
    });
    expect(hide.statusCode).toBe(200);
    for (const parentId of [deleted.id, hidden.id, underHidden.id]) {
      const answer = await post(movieId, ada, { body: 'reply', parentId });
      expect(answer.statusCode).toBe(409);
      expect(answer.json()).toMatchObject({ code: 'PARENT_NOT_REPLYABLE' });
    }
  });
});

describe('reading comments', () => {
  it('when a movie has more comments than a page, then pages go newest first with the first replies oldest first, and cursors reach every one once', async () => {
    const movieId = await publishedMovie(ctx.db);
    const ada = await user(ctx.db);
    const tops = [];
    for (let i = 0; i < 5; i++) tops.push(await comment(movieId, ada, `top ${i}`));
    const first = tops[0]!;
    const threadReplies = [];
    for (let i = 0; i < 3; i++)
      threadReplies.push(await comment(movieId, ada, `reply ${i}`, first.id));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(movieId, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.statusCode).toBe(200);
      const body = page.json<{
        items: { id: string; body: string }[];
        nextCursor: string | null;
      }>();
      seen.push(...body.items.map((item) => item.body));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['top 4', 'top 3', 'top 2', 'top 1', 'top 0']);

    const last = (await list(movieId, '?limit=5')).json();
    const thread = last.items[4];
    expect(thread).toMatchObject({ id: first.id, replyCount: 3 });
    expect(thread.replies.items.map((r: { body: string }) => r.body)).toEqual([
      'reply 0',
      'reply 1',
    ]);
    expect(thread.replies.nextCursor).toEqual(expect.any(String));
    const rest = (await replies(first.id, `?cursor=${thread.replies.nextCursor}`)).json();
    expect(rest).toMatchObject({
      items: [{ id: threadReplies[2]!.id, body: 'reply 2' }],
      nextCursor: null,
    });
    expect(last.items[0].replies).toEqual({ items: [], nextCursor: null });

    const all = (await replies(first.id, '?limit=50')).json();
    expect(all.items.map((r: { id: string }) => r.id)).toEqual(threadReplies.map((r) => r.id));
  });

  it('when the cursor or limit is bad, then 400', async () => {
    const movieId = await publishedMovie(ctx.db);
    const bad = await list(movieId, '?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    expect((await list(movieId, '?limit=0')).statusCode).toBe(400);
    expect((await list(movieId, '?limit=51')).statusCode).toBe(400);
    expect((await list(movieId, '?sort=old')).statusCode).toBe(400);
    expect((await replies(randomUUID())).json()).toMatchObject({ code: 'COMMENT_NOT_FOUND' });
  });
});

describe('editing and deleting', () => {
  it("when another user edits or deletes someone's comment, then 403 NOT_COMMENT_AUTHOR and nothing changes", async () => {
    const movieId = await publishedMovie(ctx.db);
    const ada = await user(ctx.db);
    const mallory = await user(ctx.db);
    const target = await comment(movieId, ada, 'mine');
    const edit = await patch(target.id, mallory, 'pwned');
    expect(edit.statusCode).toBe(403);
    expect(edit.json()).toMatchObject({ code: 'NOT_COMMENT_AUTHOR' });
    const del = await remove(target.id, mallory);
    expect(del.statusCode).toBe(403);
    const page = (await list(movieId)).json();
    expect(page.items[0]).toMatchObject({ body: 'mine', state: 'visible', edited: false });
  });

  it('when the author edits within the window, then the body changes and the comment says it was edited', async () => {
    const movieId = await publishedMovie(ctx.db);
    const ada = await user(ctx.db);
    const target = await comment(movieId, ada, 'tpyo');
    const edited = await patch(target.id, ada, ' typo ');
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      body: 'typo',
      edited: true,
      editedAt: expect.any(String),
    });
    expect((await patch(target.id, ada, '')).json()).toMatchObject({ code: 'COMMENT_BODY_EMPTY' });
    expect((await patch(randomUUID(), ada, 'x')).statusCode).toBe(404);
  });

  it('when the edit window has passed, then 409 EDIT_WINDOW_CLOSED', async () => {
    const movieId = await publishedMovie(ctx.db);
    const ada = await user(ctx.db);
    const target = await comment(movieId, ada, 'old');
    await ctx.db.comment.update({
      where: { id: target.id },
      data: { createdAt: new Date(Date.now() - 601_000) },
    });
    const answer = await patch(target.id, ada, 'new');
    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toMatchObject({ code: 'EDIT_WINDOW_CLOSED' });
  });

  it('when the comment is hidden by a moderator, then its author cannot edit it: 409 COMMENT_NOT_EDITABLE', async () => {
    const movieId = await publishedMovie(ctx.db);
    const ada = await user(ctx.db);
    const target = await comment(movieId, ada, 'hidden soon');
    await ctx.svc.app.inject({
      method: 'POST',
      url: `/moderation/comments/${target.id}/hide`,
      headers: moderator.auth,
      payload: { reason: 'spam' },
    });
    const answer = await patch(target.id, ada, 'sneaky edit');
    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toMatchObject({ code: 'COMMENT_NOT_EDITABLE' });
  });

  it('when the author or a moderator deletes, then the comment keeps its place and replies with no body or author', async () => {
    const movieId = await publishedMovie(ctx.db);
    const ada = await user(ctx.db);
    const bob = await user(ctx.db);
    const byAuthor = await comment(movieId, ada, 'regret');
    const reply = await comment(movieId, bob, 'reply', byAuthor.id);
    const byModerator = await comment(movieId, bob, 'spam');

    expect((await remove(byAuthor.id, ada)).statusCode).toBe(204);
    expect((await remove(byModerator.id, moderator)).statusCode).toBe(204);
    const again = await remove(byAuthor.id, moderator);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'COMMENT_ALREADY_DELETED' });

    const page = (await list(movieId)).json();
    expect(
      page.items.map((c: { state: string; body: string | null; author: unknown }) => [
        c.state,
        c.body,
        c.author,
      ]),
    ).toEqual([
      ['deleted', null, null],
      ['deleted', null, null],
    ]);
    expect(page.items[1]).toMatchObject({
      replyCount: 1,
      replies: { items: [{ id: reply.id, body: 'reply' }] },
    });
    const row = await ctx.db.comment.findUnique({ where: { id: byAuthor.id } });
    expect(row).toMatchObject({ body: '[deleted]', authorId: null });

    const audit = await ctx.db.moderationAction.findMany({ where: { commentId: byModerator.id } });
    expect(audit).toMatchObject([{ action: 'delete', actorId: moderator.id }]);
    expect(await ctx.db.moderationAction.count({ where: { commentId: byAuthor.id } })).toBe(0);
  });
});

describe('GET /openapi.json', () => {
  it('documents every S1 route with its access, as the gateway reads it', async () => {
    const doc = (await ctx.svc.app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, Record<string, unknown>>>;
    }>();
    const routes: [string, string, unknown][] = [
      ['get', '/users/{id}', 'public'],
      ['get', '/movies/{id}/rating', 'public'],
      ['put', '/movies/{id}/rating', 'authenticated'],
      ['delete', '/movies/{id}/rating', 'authenticated'],
      ['get', '/movies/{id}/comments', 'public'],
      ['post', '/movies/{id}/comments', 'authenticated'],
      ['get', '/comments/{id}/replies', 'public'],
      ['patch', '/comments/{id}', 'authenticated'],
      ['delete', '/comments/{id}', 'authenticated'],
      ['post', '/comments/{id}/report', 'authenticated'],
      ['get', '/moderation/reports', { roles: ['moderator', 'admin'] }],
      ['post', '/moderation/comments/{id}/hide', { roles: ['moderator', 'admin'] }],
      ['post', '/moderation/comments/{id}/unhide', { roles: ['moderator', 'admin'] }],
      ['post', '/moderation/reports/{id}/dismiss', { roles: ['moderator', 'admin'] }],
      ['get', '/moderation/audit', { roles: ['moderator', 'admin'] }],
    ];
    for (const [method, path, access] of routes) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation?.['x-kavosh-access'], `${method} ${path}`).toEqual(access);
    }
  });
});
