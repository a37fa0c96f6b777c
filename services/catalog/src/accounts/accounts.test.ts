import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startCatalog } from '../../test/helper.js';
import { eventPublisher, type EventPublisher } from '../../test/events.js';
import { QUEUES } from '../consumers.js';
import { hasPremiumEntitlement } from '../entitlements/repository.js';

import { FORMER_CONTRIBUTOR } from '../articles/repository.js';

const DELETED = 'auth.user.deleted.v1';
const ACTIVATED = 'billing.subscription.activated.v1';
const DAY = 86_400_000;

let svc: Awaited<ReturnType<typeof startCatalog>>;
let db: Database;
let events: EventPublisher;

beforeAll(async () => {
  svc = await startCatalog();
  db = createDatabase(svc.databaseUrl);
  events = await eventPublisher(svc);
});
afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await svc?.close();
});

const deleted = (userId: string) =>
  events.event(DELETED, userId, { userId, deletedAt: new Date().toISOString() });

function activated(userId: string, subscriptionId = randomUUID()) {
  return events.event(ACTIVATED, subscriptionId, {
    subscriptionId,
    userId,
    planId: randomUUID(),
    tier: 'premium',
    currentPeriodEnd: new Date(Date.now() + 30 * DAY).toISOString(),
    activatedAt: new Date().toISOString(),
  });
}

async function article(authorId: string, authorName: string): Promise<string> {
  const id = randomUUID();
  await db.article.create({
    data: {
      id,
      slug: `by-${id}`,
      title: 'Notes from the festival',
      bodyMarkdown: 'Some *words*.',
      bodyHtml: '<p>Some <em>words</em>.</p>',
      authorId,
      authorName,
      status: 'published',
      publishedAt: new Date(),
    },
  });
  return id;
}

describe('account deletion (auth.user.deleted.v1 over RabbitMQ)', () => {
  it("erases the user's entitlements and authorship, once, and leaves other users alone", async () => {
    const userId = randomUUID();
    const otherId = randomUUID();
    const subscriptions = [activated(userId), activated(userId), activated(otherId)];
    for (const event of subscriptions) await events.publish(event);
    for (const event of subscriptions) await events.handled(db, QUEUES.entitlements, event.id);
    const theirs = await article(userId, 'Dana Editor');
    const others = await article(otherId, 'Sam Editor');
    expect(await hasPremiumEntitlement(db, userId, new Date())).toBe(true);

    const event = deleted(userId);
    await events.publish(event);
    await events.publish(event);
    await events.handled(db, QUEUES.accounts, event.id);

    expect(await db.entitlement.count({ where: { userId } })).toBe(0);
    expect(await hasPremiumEntitlement(db, userId, new Date())).toBe(false);
    expect(await db.article.findUniqueOrThrow({ where: { id: theirs } })).toMatchObject({
      authorId: null,
      authorName: FORMER_CONTRIBUTOR,
      version: 2,
      bodyMarkdown: 'Some *words*.',
    });
    expect(await db.article.findUniqueOrThrow({ where: { id: others } })).toMatchObject({
      authorId: otherId,
      authorName: 'Sam Editor',
      version: 1,
    });
    expect(await hasPremiumEntitlement(db, otherId, new Date())).toBe(true);

    // The redelivered copy was dropped by the inbox; a later, separate deletion event changes
    // nothing either (the version does not move again).
    const again = deleted(userId);
    await events.publish(again);
    await events.handled(db, QUEUES.accounts, again.id);
    expect(await db.inboxEvent.count({ where: { eventId: event.id } })).toBe(1);
    expect((await db.article.findUniqueOrThrow({ where: { id: theirs } })).version).toBe(2);
  });

  it('ignores a billing event for the user that arrives after the deletion', async () => {
    const userId = randomUUID();
    const event = deleted(userId);
    await events.publish(event);
    await events.handled(db, QUEUES.accounts, event.id);

    const late = activated(userId);
    await events.publish(late);
    await events.handled(db, QUEUES.entitlements, late.id);
    expect(await db.entitlement.count({ where: { userId } })).toBe(0);
    expect(await hasPremiumEntitlement(db, userId, new Date())).toBe(false);
  });

  it('dead-letters a malformed deletion event and keeps consuming', async () => {
    const userId = randomUUID();
    const bad = deleted(userId);
    await events.publish({ ...bad, data: { ...bad.data, userId: 'not-a-uuid' } });
    await eventually(async () => expect(await events.dlqDepth(QUEUES.accounts)).toBe(1), {
      within: 15_000,
    });
    const good = deleted(userId);
    await events.publish(good);
    await events.handled(db, QUEUES.accounts, good.id);
    expect(await db.erasedUser.count({ where: { userId } })).toBe(1);
  });
});
