import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  publishedMovie,
  startS1,
  user,
  type S1Context,
  type TestUser,
} from '../../test/s1-fixtures.js';

// Three distinct reporters hide a comment automatically.
let ctx: S1Context;
let moderator: TestUser;
let admin: TestUser;

beforeAll(async () => {
  ctx = await startS1({ REPORTS_AUTO_HIDE: '3' });
  moderator = await user(ctx.db, { roles: ['moderator'] });
  admin = await user(ctx.db, { roles: ['admin'] });
});
afterAll(() => ctx?.close());

async function comment(movieId: string, who: TestUser, body: string): Promise<string> {
  const answer = await ctx.svc.app.inject({
    method: 'POST',
    url: `/movies/${movieId}/comments`,
    headers: who.auth,
    payload: { body },
  });
  expect(answer.statusCode).toBe(201);
  return answer.json<{ id: string }>().id;
}

const report = (commentId: string, who: TestUser, reason: unknown = 'rude') =>
  ctx.svc.app.inject({
    method: 'POST',
    url: `/comments/${commentId}/report`,
    headers: who.auth,
    payload: { reason },
  });

const act = (path: string, who: TestUser, reason: unknown = 'checked') =>
  ctx.svc.app.inject({ method: 'POST', url: path, headers: who.auth, payload: { reason } });

const get = (path: string, who?: TestUser) =>
  ctx.svc.app.inject({ method: 'GET', url: path, ...(who && { headers: who.auth }) });

const thread = async (movieId: string, who?: TestUser) =>
  (await get(`/movies/${movieId}/comments`, who)).json<{
    items: { id: string; state: string; body: string | null; author: unknown }[];
  }>().items;

interface QueueItem {
  comment: { id: string; body: string | null; state: string };
  openReports: number;
  reports: { id: string; reporterId: string | null; reason: string; status: string }[];
}

async function queueOf(commentId: string): Promise<QueueItem | undefined> {
  const items: QueueItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await get(
      `/moderation/reports?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      moderator,
    );
    expect(page.statusCode).toBe(200);
    const body = page.json<{ items: QueueItem[]; nextCursor: string | null }>();
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items.find((item) => item.comment.id === commentId);
}

describe('reports and moderation', () => {
  it('when a user reports a comment twice, then the second is 409 ALREADY_REPORTED; bad reasons are 400', async () => {
    const movieId = await publishedMovie(ctx.db);
    const author = await user(ctx.db);
    const reporter = await user(ctx.db);
    const id = await comment(movieId, author, 'hmm');
    const first = await report(id, reporter);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ commentId: id });
    const second = await report(id, reporter, 'again');
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'ALREADY_REPORTED' });
    for (const reason of ['', '   ', 'x'.repeat(501), 7]) {
      expect((await report(id, await user(ctx.db), reason)).statusCode).toBe(400);
    }
    expect((await report(randomUUID(), reporter)).json()).toMatchObject({
      code: 'COMMENT_NOT_FOUND',
    });
    expect((await queueOf(id))?.openReports).toBe(1);
  });

  it('when the third distinct user reports, then the comment is hidden from readers, shown to moderators, audited and queued', async () => {
    const movieId = await publishedMovie(ctx.db);
    const author = await user(ctx.db, { name: 'Troll' });
    const id = await comment(movieId, author, 'offensive words');
    const reporters = [await user(ctx.db), await user(ctx.db), await user(ctx.db)];
    await report(id, reporters[0]!);
    await report(id, reporters[1]!);
    expect((await thread(movieId))[0]).toMatchObject({ state: 'visible' });
    await report(id, reporters[2]!, 'slur');

    expect((await thread(movieId))[0]).toEqual(
      expect.objectContaining({ id, state: 'hidden', body: null, author: null }),
    );
    expect((await thread(movieId, moderator))[0]).toMatchObject({
      state: 'hidden',
      body: 'offensive words',
      author: { id: author.id, displayName: 'Troll' },
    });
    const late = await report(id, await user(ctx.db));
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'COMMENT_NOT_REPORTABLE' });

    const queued = await queueOf(id);
    expect(queued).toMatchObject({
      comment: { state: 'hidden', body: 'offensive words' },
      openReports: 3,
    });
    expect(queued?.reports.map((r) => r.reporterId)).toEqual(reporters.map((r) => r.id));
    const audit = await ctx.db.moderationAction.findMany({ where: { commentId: id } });
    expect(audit).toMatchObject([{ action: 'auto_hide', actorId: null }]);
  });

  it('when a moderator unhides, hides and dismisses, then each is audited with who and why, and the queue follows', async () => {
    const movieId = await publishedMovie(ctx.db);
    const author = await user(ctx.db);
    const id = await comment(movieId, author, 'borderline');
    const [r1, r2] = [await user(ctx.db), await user(ctx.db)];
    const firstReport = (await report(id, r1)).json<{ id: string }>().id;
    await report(id, r2);

    const dismissed = await act(
      `/moderation/reports/${firstReport}/dismiss`,
      moderator,
      ' not rude ',
    );
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.json()).toMatchObject({ id: firstReport, status: 'dismissed' });
    expect(
      (await act(`/moderation/reports/${firstReport}/dismiss`, moderator)).json(),
    ).toMatchObject({
      code: 'REPORT_NOT_OPEN',
    });
    expect((await queueOf(id))?.openReports).toBe(1);

    const hidden = await act(`/moderation/comments/${id}/hide`, admin, 'harassment');
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json()).toMatchObject({ state: 'hidden', body: 'borderline' });
    expect(await queueOf(id)).toBeUndefined();
    expect((await act(`/moderation/comments/${id}/hide`, admin)).json()).toMatchObject({
      code: 'COMMENT_STATE_CONFLICT',
    });

    const shown = await act(`/moderation/comments/${id}/unhide`, moderator, 'appeal upheld');
    expect(shown.json()).toMatchObject({ state: 'visible' });
    expect((await thread(movieId))[0]).toMatchObject({ state: 'visible', body: 'borderline' });
    expect((await act(`/moderation/comments/${id}/unhide`, moderator)).statusCode).toBe(409);

    const audit = await get('/moderation/audit?limit=50', moderator);
    expect(audit.statusCode).toBe(200);
    const entries = audit
      .json<{
        items: {
          commentId: string;
          action: string;
          actorId: string;
          reason: string;
          reportId: string | null;
        }[];
      }>()
      .items.filter((entry) => entry.commentId === id);
    expect(entries.map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ['unhide', moderator.id, 'appeal upheld'],
      ['hide', admin.id, 'harassment'],
      ['dismiss', moderator.id, 'not rude'],
    ]);
    expect(entries[2]?.reportId).toBe(firstReport);
  });

  it('when the audit has more entries than a page, then the cursor walks it newest first without repeats', async () => {
    const movieId = await publishedMovie(ctx.db);
    const author = await user(ctx.db);
    for (let i = 0; i < 3; i++) {
      const id = await comment(movieId, author, `c${i}`);
      await act(`/moderation/comments/${id}/hide`, moderator, `r${i}`);
    }
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await get(
        `/moderation/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        moderator,
      );
      const body = page.json<{ items: { id: string }[]; nextCursor: string | null }>();
      ids.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].map(Number)).toEqual([...ids].map(Number).sort((a, b) => b - a));
    expect((await get('/moderation/audit?cursor=zz', moderator)).json()).toMatchObject({
      code: 'INVALID_CURSOR',
    });
    // A queue position whose time no DATETIME holds (found by the e2e fuzzer as a 500).
    for (const ms of [8_640_000_000_000_001, 253_402_300_800_000, -1]) {
      const forged = Buffer.from(JSON.stringify([ms, randomUUID()])).toString('base64url');
      const res = await get(`/moderation/reports?cursor=${forged}`, moderator);
      expect(res.statusCode, String(ms)).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_CURSOR' });
    }
  });

  it('when a user without the moderator role calls the moderation routes, then 403 (401 without a token)', async () => {
    const plain = await user(ctx.db);
    const editor = await user(ctx.db, { roles: ['editor'] });
    const id = randomUUID();
    for (const who of [plain, editor]) {
      expect((await get('/moderation/reports', who)).statusCode).toBe(403);
      expect((await get('/moderation/audit', who)).statusCode).toBe(403);
      expect((await act(`/moderation/comments/${id}/hide`, who)).statusCode).toBe(403);
      expect((await act(`/moderation/comments/${id}/unhide`, who)).statusCode).toBe(403);
      expect((await act(`/moderation/reports/${id}/dismiss`, who)).statusCode).toBe(403);
    }
    expect((await get('/moderation/reports')).statusCode).toBe(401);
    expect((await act(`/moderation/comments/${id}/hide`, moderator)).json()).toMatchObject({
      code: 'COMMENT_NOT_FOUND',
    });
    expect((await act(`/moderation/reports/${id}/dismiss`, moderator)).json()).toMatchObject({
      code: 'REPORT_NOT_FOUND',
    });
    expect((await act(`/moderation/comments/${id}/hide`, moderator, '')).statusCode).toBe(400);
  });
});
