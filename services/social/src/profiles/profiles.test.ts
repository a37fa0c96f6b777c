import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventPublisher,
  startS1,
  type EventPublisher,
  type S1Context,
} from '../../test/s1-fixtures.js';
import { PROFILES_QUEUE } from './consumers.js';
import { findProfiles, profileExists } from './index.js';

let ctx: S1Context;
let events: EventPublisher;

beforeAll(async () => {
  ctx = await startS1();
  events = await eventPublisher(ctx.svc);
});
afterAll(async () => {
  await events?.close();
  await ctx?.close();
});

const at = (offsetMs: number) =>
  new Date(Date.parse('2026-12-01T10:00:00.000Z') + offsetMs).toISOString();

async function deliver(type: string, userId: string, data: Record<string, unknown>, id?: string) {
  const event = events.event(type, userId, { userId, ...data }, id);
  await events.publish(event);
  await events.handled(ctx.db, PROFILES_QUEUE, event.id);
  return event;
}

const registered = (userId: string, displayName: string, offsetMs = 0, id?: string) =>
  deliver(
    'auth.user.registered.v1',
    userId,
    { email: 'someone@example.com', displayName, roles: ['user'], registeredAt: at(offsetMs) },
    id,
  );

const updated = (userId: string, displayName: string, offsetMs: number, id?: string) =>
  deliver(
    'auth.user.updated.v1',
    userId,
    { displayName, roles: ['user', 'moderator'], updatedAt: at(offsetMs) },
    id,
  );

const profile = (userId: string) => ctx.svc.app.inject({ method: 'GET', url: `/users/${userId}` });

describe('profiles projection', () => {
  it('when a user registers, then GET /users/:id shows the display name and initials, and no more', async () => {
    const userId = randomUUID();
    await registered(userId, 'Grace Brewster Hopper');
    const answer = await profile(userId);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      id: userId,
      displayName: 'Grace Brewster Hopper',
      initials: 'GH',
    });
    expect(await profileExists(ctx.db, userId)).toBe(true);
    expect((await findProfiles(ctx.db, [userId, randomUUID()])).get(userId)).toMatchObject({
      displayName: 'Grace Brewster Hopper',
      initials: 'GH',
    });
  });

  it('when updates arrive out of order or twice, then the newest by updatedAt is kept', async () => {
    const userId = randomUUID();
    await registered(userId, 'First Name');
    const newer = await updated(userId, 'Newest Name', 2_000);
    await updated(userId, 'Older Name', 1_000);
    // The same event again (a redelivery): the inbox drops it.
    await events.publish(newer);
    await registered(userId, 'First Name', 0);
    expect((await profile(userId)).json()).toMatchObject({
      displayName: 'Newest Name',
      initials: 'NN',
    });
    const row = await ctx.db.profile.findUnique({ where: { userId } });
    expect(row).toMatchObject({ roles: 'user,moderator', updatedAt: new Date(at(2_000)) });
  });

  it('when an update arrives before the registration, then the later registration does not overwrite it', async () => {
    const userId = randomUUID();
    await updated(userId, 'Renamed Early', 5_000);
    await registered(userId, 'Original', 0);
    expect((await profile(userId)).json()).toMatchObject({ displayName: 'Renamed Early' });
  });

  it('when the user is deleted, then the profile is gone and a late registered or updated event does not bring it back', async () => {
    const userId = randomUUID();
    await registered(userId, 'Short Lived');
    await deliver('auth.user.deleted.v1', userId, { deletedAt: at(10_000) });
    expect((await profile(userId)).statusCode).toBe(404);
    await registered(userId, 'Short Lived', 0);
    await updated(userId, 'Ghost', 20_000);
    const answer = await profile(userId);
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toMatchObject({ code: 'PROFILE_NOT_FOUND' });
    expect(await ctx.db.erasedUser.count({ where: { userId } })).toBe(1);
  });

  it('when the id is not a UUID, then 400', async () => {
    expect((await profile('me')).statusCode).toBe(400);
  });
});
