import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../db.js';
import type { CustomersService } from '../customers/service.js';
import type { BillingMetrics } from '../metrics.js';
import type { PlansService } from '../plans/service.js';
import type { PaymentProvider } from '../provider/index.js';
import { applySubscriptionFacts } from '../subscriptions/lifecycle.js';
import { PlanNotFound } from '../plans/errors.js';
import {
  isPlanGone,
  isSlotTaken,
  subscriptionsRepository as subscriptions,
} from '../subscriptions/repository.js';
import { AlreadySubscribed } from './errors.js';
import { fingerprintOf, type Idempotency, type StoredAnswer } from './idempotency.js';
import type { CheckoutAnswer, CheckoutBody } from './schemas.js';

export function createCheckoutService(deps: {
  db: Database;
  provider: PaymentProvider;
  plans: PlansService;
  customers: CustomersService;
  idempotency: Idempotency;
  metrics: Pick<BillingMetrics, 'checkoutStarted'>;
  successUrl: string;
  cancelUrl: string;
  logger: Logger;
  now?: () => Date;
}) {
  const { db, provider } = deps;
  const now = deps.now ?? (() => new Date());

  /**
   * A new checkout replaces an abandoned one (the buyer closed the payment page, or wants another
   * plan): its session is expired at the provider first, so it can never be paid afterwards, and
   * its pending subscription ends, audited. A session already paid keeps the slot: its webhook
   * is on its way. A pending subscription without a session yet is another checkout in flight.
   */
  async function supersede(
    pending: { id: string; providerCheckoutSessionId: string | null },
    userId: string,
  ) {
    if (!pending.providerCheckoutSessionId) throw new AlreadySubscribed('pending');
    const session = await provider.expireCheckoutSession(pending.providerCheckoutSessionId);
    if (session.status !== 'expired') throw new AlreadySubscribed('pending');
    await db.$transaction((tx) =>
      applySubscriptionFacts(
        tx,
        pending.id,
        { status: 'expired' },
        {
          cause: { kind: 'user', ref: userId },
          at: now(),
          providerAt: null,
          detail: 'checkout abandoned: replaced by a new checkout',
        },
      ),
    );
  }

  /**
   * A pending subscription holding the user's slot, then the provider's session for it. The
   * provider call carries a key derived from the subscription, so a retry reuses the session.
   */
  async function start(
    userId: string,
    body: CheckoutBody,
    traceparent: string | undefined,
  ): Promise<CheckoutAnswer> {
    const plan = await deps.plans.findOnSale(body.planId);
    const holding = await subscriptions.findHolding(db, userId);
    if (holding?.status === 'pending') await supersede(holding, userId);
    else if (holding) throw new AlreadySubscribed(holding.status);
    const customerId = await deps.customers.providerCustomerFor(userId, now());
    const id = randomUUID();
    const at = now();
    try {
      await db.$transaction(async (tx) => {
        await subscriptions.insert(tx, {
          id,
          userId,
          activeUserId: userId,
          planId: plan.id,
          planName: plan.name,
          tier: plan.tier,
          priceMinor: plan.priceMinor,
          currency: plan.currency,
          interval: plan.interval,
          trialDays: plan.trialDays,
          status: 'pending',
          providerCustomerId: customerId,
          traceparent: traceparent ?? null,
          createdAt: at,
          updatedAt: at,
        });
        await subscriptions.insertChange(tx, {
          subscriptionId: id,
          fromStatus: null,
          toStatus: 'pending',
          cause: 'user',
          causeRef: userId,
          detail: `checkout of plan ${plan.id}`,
          at,
        });
      });
    } catch (err) {
      // Another checkout (with another key) took the slot between our check and this insert.
      if (isSlotTaken(err)) throw new AlreadySubscribed('pending');
      // An admin deleted the (never sold) plan between our read and this insert.
      if (isPlanGone(err)) throw new PlanNotFound(plan.id);
      throw err;
    }

    let session;
    try {
      session = await provider.createCheckoutSession(
        {
          customerId,
          localSubscriptionId: id,
          userId,
          plan: {
            id: plan.id,
            name: plan.name,
            priceMinor: plan.priceMinor,
            currency: plan.currency,
            interval: plan.interval === 'year' ? 'year' : 'month',
            trialDays: plan.trialDays,
          },
          successUrl: deps.successUrl,
          cancelUrl: deps.cancelUrl,
          ...(traceparent ? { traceparent } : {}),
        },
        `kavosh-checkout-${id}`,
      );
    } catch (err) {
      // No session, no sale: free the user's slot again (audited), then report the failure.
      await db.$transaction((tx) =>
        applySubscriptionFacts(
          tx,
          id,
          { status: 'expired' },
          {
            cause: { kind: 'system' },
            at: now(),
            providerAt: null,
            detail: 'checkout session could not be created',
          },
        ),
      );
      throw err;
    }
    const url = session.url ?? '';
    await subscriptions.update(db, id, {
      providerCheckoutSessionId: session.id,
      checkoutUrl: url,
      updatedAt: now(),
    });
    deps.metrics.checkoutStarted();
    deps.logger.info(
      { userId, subscriptionId: id, planId: plan.id, sessionId: session.id },
      'checkout started',
    );
    return {
      subscriptionId: id,
      planId: plan.id,
      status: 'pending',
      checkoutUrl: url,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  return {
    /** POST /checkout under the caller's Idempotency-Key. */
    checkout(
      userId: string,
      key: string,
      body: CheckoutBody,
      traceparent: string | undefined,
    ): Promise<StoredAnswer<CheckoutAnswer>> {
      return deps.idempotency.run(userId, key, fingerprintOf('POST /checkout', body), async () => ({
        status: 201,
        body: await start(userId, body, traceparent),
      }));
    },
  };
}
export type CheckoutService = ReturnType<typeof createCheckoutService>;
