import { newId } from './ids.js';
import type { CardOutcome, StoredCard } from './state.js';

interface TestCard {
  brand: string;
  outcome: CardOutcome;
  declineCode: string;
}

/** Stripe's documented test card numbers this sandbox knows, and what each one does. */
const TEST_CARDS: Record<string, TestCard> = {
  '4242424242424242': { brand: 'visa', outcome: 'succeeds', declineCode: 'generic_decline' },
  '5555555555554444': { brand: 'mastercard', outcome: 'succeeds', declineCode: 'generic_decline' },
  '4000000000000002': { brand: 'visa', outcome: 'declines', declineCode: 'generic_decline' },
  '4000000000009995': { brand: 'visa', outcome: 'declines', declineCode: 'insufficient_funds' },
  // Attaching succeeds, every charge after it is declined: how Stripe lets you test failed renewals.
  '4000000000000341': {
    brand: 'visa',
    outcome: 'attaches_then_fails',
    declineCode: 'generic_decline',
  },
};

export const KNOWN_TEST_CARDS = Object.keys(TEST_CARDS);

/** The stored card for a test number, or undefined for a number the sandbox does not know. */
export function testCard(number: string): StoredCard | undefined {
  const digits = number.replace(/[\s-]/g, '');
  const card = TEST_CARDS[digits];
  if (!card) return undefined;
  return {
    paymentMethodId: newId('pm'),
    last4: digits.slice(-4),
    brand: card.brand,
    outcome: card.outcome,
    declineCode: card.declineCode,
  };
}

/** Whether a recurring charge on the card goes through. */
export function chargeSucceeds(card: StoredCard | null): boolean {
  return card !== null && card.outcome === 'succeeds';
}
