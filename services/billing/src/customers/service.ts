import type { Logger } from 'pino';
import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { PaymentProvider } from '../provider/index.js';
import { applySubscriptionFacts } from '../subscriptions/lifecycle.js';
import { subscriptionsRepository } from '../subscriptions/repository.js';
import { customersRepository as repo } from './repository.js';

export function createCustomersService(deps: { db: Database; provider: PaymentProvider }) {
  const { db, provider } = deps;

  return {
    /**
     * The provider's customer id for a buyer, created at the provider on first use. The
     * provider-side idempotency key is per user, so a retry or a concurrent checkout never
     * makes a second customer.
     */
    async providerCustomerFor(userId: string, now: Date): Promise<string> {
      const customer = await repo.ensure(db, userId, now);
      if (customer.providerCustomerId) return customer.providerCustomerId;
      const created = await provider.createCustomer(
        { userId, email: customer.email, name: customer.displayName },
        `kavosh-customer-${userId}`,
      );
      return repo.setProviderCustomer(db, userId, created.id);
    },
  };
}
export type CustomersService = ReturnType<typeof createCustomersService>;

/** auth.user.registered.v1: the customer record (email and name for invoices). */
export async function recordRegisteredUser(
  tx: Prisma.TransactionClient,
  user: { userId: string; email: string; displayName: string; registeredAt: Date },
): Promise<void> {
  await repo.upsertProfile(
    tx,
    user.userId,
    { email: user.email, displayName: user.displayName },
    user.registeredAt,
  );
}

/**
 * auth.user.deleted.v1: stop billing the user and erase their personal data, here and at the
 * provider. The provider calls come first and are idempotent: if the provider is down this throws,
 * the transaction rolls back and the message is retried; nothing is lost or half-done.
 */
export async function eraseDeletedUser(
  tx: Prisma.TransactionClient,
  provider: PaymentProvider,
  user: { userId: string; deletedAt: Date; eventId: string },
  logger: Logger,
): Promise<{ subscriptionExpired: boolean; invoicesAnonymized: number }> {
  const customer = await repo.find(tx, user.userId);
  // Marked erased (and the row locked) before the provider calls: the webhooks those calls cause
  // wait for this transaction, then find the customer erased and keep no payload.
  await repo.erase(tx, user.userId, user.deletedAt);
  const holding = await subscriptionsRepository.findHolding(tx, user.userId);
  if (holding?.providerSubscriptionId) await provider.cancelNow(holding.providerSubscriptionId);
  if (customer?.providerCustomerId) await provider.eraseCustomer(customer.providerCustomerId);

  let subscriptionExpired = false;
  if (holding) {
    const result = await applySubscriptionFacts(
      tx,
      holding.id,
      { status: 'expired' },
      {
        cause: { kind: 'system', ref: user.eventId },
        at: user.deletedAt,
        providerAt: null,
        detail: 'account deleted',
      },
    );
    subscriptionExpired = result.outcome === 'applied';
  }
  const { count } = await repo.anonymizeInvoices(tx, user.userId);
  if (customer?.providerCustomerId)
    await repo.blankProviderPayloads(tx, customer.providerCustomerId);
  logger.info(
    { userId: user.userId, subscriptionExpired, invoicesAnonymized: count },
    'deleted account erased from billing',
  );
  return { subscriptionExpired, invoicesAnonymized: count };
}
