import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocial } from '../../test/helper.js';
import { createUser, type S3User } from '../../test/s3-fixtures.js';
import { createDatabase, type Database } from '../db.js';
import { isBlockedEitherWay } from './index.js';

let svc: Awaited<ReturnType<typeof startSocial>>;
let db: Database;

beforeAll(async () => {
  svc = await startSocial();
  db = createDatabase(svc.databaseUrl);
}, 120_000);
afterAll(async () => {
  await db?.$disconnect();
  await svc?.close();
});

const block = (by: S3User, id: string, method: 'POST' | 'DELETE' = 'POST') =>
  svc.app.inject({ method, url: `/users/${id}/block`, headers: by.auth });
const listBlocks = (by: S3User, query = '') =>
  svc.app.inject({ method: 'GET', url: `/me/blocks${query}`, headers: by.auth });

describe('blocks', () => {
  it('when a user blocks another, then it shows either way, twice is once, and unblock lifts it', async () => {
    const [ana, ben] = [await createUser(db), await createUser(db)];
    expect((await block(ana, ben.id)).statusCode).toBe(204);
    expect((await block(ana, ben.id)).statusCode).toBe(204);
    expect(await isBlockedEitherWay(db, ana.id, ben.id)).toBe(true);
    expect(await isBlockedEitherWay(db, ben.id, ana.id)).toBe(true);
    const list = (await listBlocks(ana)).json<{ items: { userId: string }[] }>();
    expect(list.items.map((item) => item.userId)).toEqual([ben.id]);
    // Ben's own list is his blocks, not the ones against him.
    expect((await listBlocks(ben)).json()).toEqual({ items: [], nextCursor: null });

    expect((await block(ana, ben.id, 'DELETE')).statusCode).toBe(204);
    expect((await block(ana, ben.id, 'DELETE')).statusCode).toBe(204);
    expect(await isBlockedEitherWay(db, ana.id, ben.id)).toBe(false);
    expect((await listBlocks(ana)).json()).toEqual({ items: [], nextCursor: null });
  });

  it('when the list is longer than a page, then the cursor walks it newest first without repeats', async () => {
    const ana = await createUser(db);
    const blocked = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of blocked) expect((await block(ana, id)).statusCode).toBe(204);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await listBlocks(ana, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: { userId: string }[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((item) => item.userId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...blocked].sort());
  });

  it('when the input is bad, then 400; without a token, 401', async () => {
    const ana = await createUser(db);
    const self = await block(ana, ana.id);
    expect(self.statusCode).toBe(400);
    expect(self.json()).toMatchObject({ code: 'CANNOT_BLOCK_SELF' });
    expect((await block(ana, 'not-a-uuid')).statusCode).toBe(400);
    for (const query of ['?limit=0', '?limit=101', '?cursor=nope', '?extra=1']) {
      const res = await listBlocks(ana, query);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const anonymous = await svc.app.inject({ method: 'POST', url: `/users/${ana.id}/block` });
    expect(anonymous.statusCode).toBe(401);
    expect((await svc.app.inject({ method: 'GET', url: '/me/blocks' })).statusCode).toBe(401);
  });
});
