import type Stripe from 'stripe';
import { Params, type RawParams } from './params.js';
import { noSuch } from './stripe-error.js';

/** The decimal strings Stripe sends for `*_decimal` fields; the SDK turns them into Decimals. */
export const decimalString = (value: number) => String(value) as unknown as Stripe.Decimal;

/**
 * A Stripe list page over records kept oldest first: newest first, `limit` 1..100 (default 10),
 * `starting_after`/`ending_before` cursors by id, `has_more` when more lie beyond the page.
 */
export function listPage<R extends { id: string }, T>(
  records: R[],
  query: Params,
  url: string,
  kind: string,
  represent: (record: R) => T,
): Stripe.ApiList<T> {
  const limit = query.integer('limit', 1, 100) ?? 10;
  const startingAfter = query.string('starting_after', 255);
  const endingBefore = query.string('ending_before', 255);
  const newestFirst = [...records].reverse();
  let data: R[];
  let hasMore: boolean;
  if (startingAfter) {
    const index = newestFirst.findIndex((record) => record.id === startingAfter);
    if (index < 0) throw noSuch(kind, startingAfter, 'starting_after');
    const rest = newestFirst.slice(index + 1);
    data = rest.slice(0, limit);
    hasMore = rest.length > limit;
  } else if (endingBefore) {
    const index = newestFirst.findIndex((record) => record.id === endingBefore);
    if (index < 0) throw noSuch(kind, endingBefore, 'ending_before');
    const before = newestFirst.slice(0, index);
    data = before.slice(Math.max(0, before.length - limit));
    hasMore = before.length > limit;
  } else {
    data = newestFirst.slice(0, limit);
    hasMore = newestFirst.length > limit;
  }
  return { object: 'list', data: data.map(represent), has_more: hasMore, url };
}

export const LIST_PARAMS = ['limit', 'starting_after', 'ending_before'] as const;

export const queryParams = (query: unknown) => Params.of(query as RawParams);
