import { AppError } from '@kavosh/service-kit';

/** The provider's amount or currency differs from what billing sold: refused, never applied. */
export class AmountMismatch extends AppError {
  constructor(facts: {
    eventId: string;
    expected: { amountMinor: number; currency: string };
    received: { amountMinor: number | null; currency: string | null };
  }) {
    super({
      status: 422,
      code: 'AMOUNT_MISMATCH',
      title: 'Amount mismatch',
      detail: `Event ${facts.eventId} states an amount or currency other than the subscription's.`,
      extra: { expected: facts.expected, received: facts.received },
    });
  }
}
