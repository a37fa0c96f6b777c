import { describe, expect, it } from 'vitest';
import { addInterval, nextPeriodEnd } from '../src/subscriptions/lifecycle.js';
import type { PriceRecord } from '../src/state.js';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('billing periods', () => {
  it('a month from the 31st ends on the last day of a shorter month, like Stripe', () => {
    expect(addInterval(at('2027-01-31T10:00:00Z'), 'month', 1)).toBe(at('2027-02-28T10:00:00Z'));
    expect(addInterval(at('2028-01-31T10:00:00Z'), 'month', 1)).toBe(at('2028-02-29T10:00:00Z'));
    expect(addInterval(at('2027-03-15T00:00:00Z'), 'month', 1)).toBe(at('2027-04-15T00:00:00Z'));
    expect(addInterval(at('2027-11-30T00:00:00Z'), 'month', 3)).toBe(at('2028-02-29T00:00:00Z'));
  });

  it('years, weeks and days', () => {
    expect(addInterval(at('2028-02-29T00:00:00Z'), 'year', 1)).toBe(at('2029-02-28T00:00:00Z'));
    expect(addInterval(at('2027-01-01T00:00:00Z'), 'week', 2)).toBe(at('2027-01-15T00:00:00Z'));
    expect(addInterval(at('2027-01-01T00:00:00Z'), 'day', 1)).toBe(at('2027-01-02T00:00:00Z'));
  });

  it('periods are counted from the billing cycle anchor, so the 31st comes back after February', () => {
    const monthly = { interval: 'month', intervalCount: 1 } as PriceRecord;
    const anchor = at('2027-01-31T10:00:00Z');
    const february = nextPeriodEnd(anchor, anchor, monthly);
    expect(february).toBe(at('2027-02-28T10:00:00Z'));
    expect(nextPeriodEnd(anchor, february, monthly)).toBe(at('2027-03-31T10:00:00Z'));
  });

  it('finds the right boundary far from the anchor', () => {
    const monthly = { interval: 'month', intervalCount: 1 } as PriceRecord;
    const anchor = at('2027-01-31T10:00:00Z');
    expect(nextPeriodEnd(anchor, at('2037-01-31T10:00:00Z'), monthly)).toBe(
      at('2037-02-28T10:00:00Z'),
    );
    const daily = { interval: 'day', intervalCount: 1 } as PriceRecord;
    expect(nextPeriodEnd(anchor, anchor + 1000 * 86400, daily)).toBe(anchor + 1001 * 86400);
  });
});
