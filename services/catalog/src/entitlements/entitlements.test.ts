import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@kavosh/testing';
import { createDatabase, type Database } from '../db.js';
import { startCatalog } from '../../test/helper.js';
import { eventPublisher, type EventPublisher } from '../../test/events.js';
import { QUEUES } from '../consumers.js';
import { hasPremiumEntitlement } from './repository.js';

const ACTIVATED = 'billing.subscription.activated.v1';
const CANCELED = 'billing.subscription.canceled.v1';
const EXPIRED = 'billing.subscription.expired.v1';
const DAY = 86_400_000;

/** An ISO time `days` from now (negative: in the past). */
const inDays = (days: number): string => new Date(Date.now() + days * DAY).toISOString();

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

/** A subscription of a fresh user, with builders for its three events. */
function subscription() {
  const subscriptionId = randomUUID();
  const userId = randomUUID();
  return {
    subscriptionId,
    userId,
    activated: (activatedAt: string, currentPeriodEnd: string) =>
      events.event(ACTIVATED, subscriptionId, {
        subscriptionId,
        userId,
        planId: randomUUID(),
        tier: 'premium',
        currentPeriodEnd,
        activatedAt,
      }),
    canceled: (canceledAt: string, endsAt: string) =>
      events.event(CANCELED, subscriptionId, { subscriptionId, userId, canceledAt, endsAt }),
    expired: (expiredAt: string) =>
      events.event(EXPIRED, subscriptionId, { subscriptionId, userId, expiredAt }),
  };
}

/** Publishes the events in this order and waits until the consumer committed each one. */
async function deliver(...list: ReturnType<typeof events.event>[]): Promise<void> {
  for (const event of list) await events.publish(event);
  for (const event of list) await events.handled(db, QUEUES.entitlements, event.id);
}

const rowOf = (subscriptionId: string) =>
  db.entitlement.findUniqueOrThrow({ where: { subscriptionId } });
const entitled = (userId: string) => hasPremiumEntitlement(db, userId, new Date());

describe('entitlements projection (billing subscription events over RabbitMQ)', () => {
  it('grants premium on activation until the period ends, and a redelivery changes nothing', async () => {
    const sub = subscription();
    const activated = sub.activated(inDays(-1), inDays(29));
    await deliver(activated, activated);
    expect(await rowOf(sub.subscriptionId)).toMatchObject({
      userId: sub.userId,
      tier: 'premium',
      state: 'active',
      validUntil: new Date(activated.data.currentPeriodEnd),
      factAt: new Date(activated.data.activatedAt),
    });
    expect(await entitled(sub.userId)).toBe(true);
    expect(await entitled(randomUUID())).toBe(false);
    expect(await db.inboxEvent.count({ where: { eventId: activated.id } })).toBe(1);
  });

  it('keeps access after a cancel until endsAt, and ends it when that has passed', async () => {
    const sub = subscription();
    await deliver(sub.activated(inDays(-20), inDays(10)), sub.canceled(inDays(-1), inDays(10)));
    expect(await rowOf(sub.subscriptionId)).toMatchObject({ state: 'canceled' });
    expect(await entitled(sub.userId)).toBe(true);

    const lapsed = subscription();
    await deliver(
      lapsed.activated(inDays(-40), inDays(-10)),
      lapsed.canceled(inDays(-30), inDays(-10)),
    );
    expect(await entitled(lapsed.userId)).toBe(false);
  });

  it('denies a subscription that expired yesterday, and one whose period ended with no event yet', async () => {
    const expired = subscription();
    await deliver(expired.activated(inDays(-31), inDays(-1)), expired.expired(inDays(-1)));
    expect(await rowOf(expired.subscriptionId)).toMatchObject({ state: 'expired' });
    expect(await entitled(expired.userId)).toBe(false);

    // Billing's expired event is late: the period end alone already ends access.
    const overdue = subscription();
    await deliver(overdue.activated(inDays(-31), inDays(-1)));
    expect(await rowOf(overdue.subscriptionId)).toMatchObject({ state: 'active' });
    expect(await entitled(overdue.userId)).toBe(false);
  });

  it('grants again when the subscription is activated after a cancel and an expiry', async () => {
    const sub = subscription();
    await deliver(
      sub.activated(inDays(-60), inDays(-30)),
      sub.canceled(inDays(-40), inDays(-30)),
      sub.expired(inDays(-30)),
    );
    expect(await entitled(sub.userId)).toBe(false);
    const renewed = sub.activated(inDays(-1), inDays(29));
    await deliver(renewed);
    expect(await rowOf(sub.subscriptionId)).toMatchObject({
      state: 'active',
      validUntil: new Date(renewed.data.currentPeriodEnd),
    });
    expect(await entitled(sub.userId)).toBe(true);
  });

  it('ignores events older than the fact it holds: expiry before activation, activation after cancel', async () => {
    const sub = subscription();
    const activated = sub.activated(inDays(-31), inDays(-1));
    const expired = sub.expired(inDays(-1));
    await deliver(expired, activated);
    expect(await rowOf(sub.subscriptionId)).toMatchObject({
      state: 'expired',
      factAt: new Date(expired.data.expiredAt),
    });
    expect(await entitled(sub.userId)).toBe(false);

    const other = subscription();
    const canceled = other.canceled(inDays(-2), inDays(5));
    await deliver(canceled, other.activated(inDays(-10), inDays(20)));
    expect(await rowOf(other.subscriptionId)).toMatchObject({
      state: 'canceled',
      validUntil: new Date(canceled.data.endsAt),
      factAt: new Date(canceled.data.canceledAt),
    });
    expect(await entitled(other.userId)).toBe(true);
  });

  it('lets the later state win a tie in fact time, whichever arrives first', async () => {
    const at = inDays(-1);
    const first = subscription();
    await deliver(first.expired(at), first.activated(at, inDays(29)));
    const second = subscription();
    await deliver(second.activated(at, inDays(29)), second.expired(at));
    expect((await rowOf(first.subscriptionId)).state).toBe('expired');
    expect((await rowOf(second.subscriptionId)).state).toBe('expired');
  });

  it('dead-letters a malformed event at once and keeps consuming', async () => {
    const sub = subscription();
    const bad = sub.activated(inDays(-1), inDays(29));
    const malformed = { ...bad, data: { ...bad.data, tier: 'gold' } };
    await events.publish(malformed);
    await events.publishRaw(ACTIVATED, Buffer.from('{not json'), randomUUID());
    await eventually(async () => expect(await events.dlqDepth(QUEUES.entitlements)).toBe(2), {
      within: 15_000,
    });
    expect(await db.entitlement.count({ where: { subscriptionId: sub.subscriptionId } })).toBe(0);

    const good = sub.activated(inDays(-1), inDays(29));
    await deliver(good);
    expect(await entitled(sub.userId)).toBe(true);
  });
});
