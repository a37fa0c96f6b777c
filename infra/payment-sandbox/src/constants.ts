/**
 * The API version stripe-node 23.2.0 pins; events carry it in `api_version` and object shapes
 * follow it. test/api-version.test.ts fails when the SDK in the lockfile pins another one.
 */
export const STRIPE_API_VERSION = '2026-11-18.endive';

/** Checkout sessions expire 24 hours after creation unless paid, as Stripe's default. */
export const CHECKOUT_SESSION_LIFETIME_SECONDS = 24 * 60 * 60;

export const DAY_SECONDS = 24 * 60 * 60;
