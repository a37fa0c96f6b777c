import type { Static } from 'typebox';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { EVENTS, type authUserDeletedV1, type EventOf, type EventType } from '../src/index.js';
import { createAjv } from './ajv.js';
import { SAMPLES } from './samples.js';

const ajv = createAjv();

/** Validates the sample of `type` with `data` fields replaced, using the producer schema. */
function acceptsData<T extends EventType>(type: T, change: Record<string, unknown>): boolean {
  const event = EVENTS.find((candidate) => candidate.type === type);
  if (!event) throw new Error(`no event ${type}`);
  const sample = structuredClone(SAMPLES[type]);
  return ajv.validate(event.schema, { ...sample, data: { ...sample.data, ...change } });
}

describe('field rules', () => {
  it('accepts each role and refuses an unknown, a duplicate or no role', () => {
    expect(
      acceptsData('auth.user.updated.v1', { roles: ['user', 'editor', 'moderator', 'admin'] }),
    ).toBe(true);
    expect(acceptsData('auth.user.updated.v1', { roles: ['root'] })).toBe(false);
    expect(acceptsData('auth.user.updated.v1', { roles: ['user', 'user'] })).toBe(false);
    expect(acceptsData('auth.user.updated.v1', { roles: [] })).toBe(false);
  });

  it('refuses a malformed email, an empty and a too long display name', () => {
    expect(acceptsData('auth.user.registered.v1', { email: 'not-an-email' })).toBe(false);
    expect(acceptsData('auth.user.registered.v1', { displayName: '' })).toBe(false);
    expect(acceptsData('auth.user.registered.v1', { displayName: 'x'.repeat(101) })).toBe(false);
  });

  it('takes money as integer minor units of an uppercase 3-letter currency', () => {
    const type = 'billing.payment.succeeded.v1';
    expect(acceptsData(type, { amount: { amountMinor: 0, currency: 'USD' } })).toBe(true);
    expect(acceptsData(type, { amount: { amountMinor: 9.99, currency: 'USD' } })).toBe(false);
    expect(acceptsData(type, { amount: { amountMinor: -1, currency: 'USD' } })).toBe(false);
    expect(acceptsData(type, { amount: { amountMinor: 999, currency: 'usd' } })).toBe(false);
    expect(acceptsData(type, { amount: { amountMinor: 999, currency: 'EURO' } })).toBe(false);
    expect(acceptsData(type, { amount: { amountMinor: 999 } })).toBe(false);
    expect(acceptsData(type, { amount: '9.99 EUR' })).toBe(false);
  });

  it('allows null where the contract says nullable, and only there', () => {
    expect(acceptsData('billing.payment.succeeded.v1', { subscriptionId: null })).toBe(true);
    expect(acceptsData('social.comment.created.v1', { parentId: null })).toBe(true);
    expect(
      acceptsData('social.rating.changed.v1', {
        ratingCount: 0,
        ratingSum: 0,
        averageRating: null,
      }),
    ).toBe(true);
    expect(acceptsData('billing.payment.succeeded.v1', { invoiceId: null })).toBe(false);
    expect(acceptsData('billing.payment.failed.v1', { subscriptionId: undefined })).toBe(false);
  });

  it('keeps rating aggregates as non-negative integers and the average within 0..10', () => {
    const type = 'social.rating.changed.v1';
    expect(acceptsData(type, { ratingCount: 1.5 })).toBe(false);
    expect(acceptsData(type, { ratingSum: -1 })).toBe(false);
    expect(acceptsData(type, { averageRating: 11 })).toBe(false);
  });

  it('bounds the failure reason, the movie year and slug, and the id lists', () => {
    expect(acceptsData('billing.payment.failed.v1', { reason: 'x'.repeat(501) })).toBe(false);
    expect(acceptsData('billing.payment.failed.v1', { reason: '' })).toBe(false);
    expect(acceptsData('catalog.movie.published.v1', { year: 1999.5 })).toBe(false);
    expect(acceptsData('catalog.movie.published.v1', { slug: 'Not A Slug' })).toBe(false);
    expect(acceptsData('catalog.movie.published.v1', { tier: 'gold' })).toBe(false);
    expect(acceptsData('catalog.movie.published.v1', { genreIds: ['not-a-uuid'] })).toBe(false);
    expect(acceptsData('billing.subscription.activated.v1', { tier: 'free' })).toBe(false);
  });

  it('refuses times that are not UTC date-times', () => {
    expect(acceptsData('auth.user.deleted.v1', { deletedAt: '2026-03-01' })).toBe(false);
    expect(acceptsData('auth.user.deleted.v1', { deletedAt: '2026-03-01T12:00:00+02:00' })).toBe(
      false,
    );
    expect(acceptsData('auth.user.deleted.v1', { deletedAt: '2026-03-01T12:00:00Z' })).toBe(true);
  });
});

describe('EVENTS', () => {
  it('lists each event type once, with its major version and producer taken from the type', () => {
    const types = EVENTS.map((event) => event.type);
    expect(new Set(types).size).toBe(types.length);
    for (const event of EVENTS) {
      expect(event.type).toMatch(new RegExp(`^${event.producer}\\..+\\.v${event.version}$`));
      expect(Object.keys(event.dataSchema.properties)).toContain(event.subject);
      expect(event.consumers.length).toBeGreaterThan(0);
    }
  });

  it('types EventType as exactly the registered types, and EventOf as their envelopes', () => {
    expectTypeOf<EventType>().toEqualTypeOf<(typeof EVENTS)[number]['type']>();
    expectTypeOf<Static<typeof authUserDeletedV1.consumerSchema>>().toEqualTypeOf<
      EventOf<'auth.user.deleted.v1'>
    >();
    expectTypeOf<
      EventOf<'billing.payment.failed.v1'>['source']
    >().toEqualTypeOf<'/kavosh/billing'>();
    expectTypeOf<EventOf<'auth.user.deleted.v1'>['data']>().toEqualTypeOf<{
      userId: string;
      deletedAt: string;
    }>();
  });
});
