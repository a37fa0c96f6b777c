import type { Consumer, Messaging } from '@kavosh/messaging';
import { authUserDeleted } from './customers/consumers/auth-user-deleted.js';
import { authUserRegistered } from './customers/consumers/auth-user-registered.js';
import type { Prisma } from './generated/prisma/client.js';
import type { PaymentProvider } from './provider/index.js';

// Billing's queues (`billing.<purpose>`, prefixed in tests) and what each handles.
export const QUEUES = {
  customers: 'billing.customers',
  erasure: 'billing.erasure',
} as const;

/** Starts every billing consumer on the process's messaging; they stop with messaging.close(). */
export async function startConsumers(
  messaging: Messaging<Prisma.TransactionClient>,
  deps: { provider: PaymentProvider; providerTimeoutMs: number },
): Promise<Consumer[]> {
  return [
    await messaging.subscribe({
      queue: QUEUES.customers,
      handlers: { 'auth.user.registered.v1': authUserRegistered },
    }),
    // Calls the provider inside the transaction: one event per transaction, with room for the
    // provider's timeouts (cancel, then erase: a few calls).
    await messaging.subscribe({
      queue: QUEUES.erasure,
      handlers: { 'auth.user.deleted.v1': authUserDeleted(deps.provider) },
      maxBatch: 1,
      transactionTimeoutMs: 10_000 + 6 * deps.providerTimeoutMs,
    }),
  ];
}
