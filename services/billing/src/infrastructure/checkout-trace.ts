import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Attributes,
  type SpanContext,
} from '@opentelemetry/api';
import type { Database } from '../db.js';
import type { ProviderEvent } from '../provider/index.js';

// A ProxyTracer: a no-op until the SDK (main.ts imports @kavosh/telemetry/register) is started.
const tracer = trace.getTracer('@kavosh/billing');

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

function parseTraceparent(value: string): SpanContext | undefined {
  const match = TRACEPARENT.exec(value);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  const spanContext: SpanContext = {
    traceId: match[1],
    spanId: match[2],
    traceFlags: Number.parseInt(match[3], 16) & 1,
    isRemote: true,
  };
  return trace.isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** The provider and local ids a verified event names its subscription by. */
function subscriptionIdsOf(event: ProviderEvent): {
  local: string | null;
  providerSubscription: string | null;
  checkoutSession: string | null;
} {
  switch (event.object) {
    case 'checkout_session':
      return {
        local: event.session.localSubscriptionId,
        providerSubscription: event.session.subscriptionId,
        checkoutSession: event.session.id,
      };
    case 'subscription':
      return {
        local: event.subscription.localSubscriptionId,
        providerSubscription: event.subscription.id,
        checkoutSession: null,
      };
    case 'invoice':
      return {
        local: event.invoice.localSubscriptionId,
        providerSubscription: event.invoice.subscriptionId,
        checkoutSession: null,
      };
    default:
      return { local: null, providerSubscription: null, checkoutSession: null };
  }
}

/**
 * The traceparent of the checkout a provider event completes, or null. Only the checkout's own
 * events continue its trace: those about its session, and any while the subscription is still
 * pending (the first payment's burst). A renewal months later starts from its own delivery.
 */
export async function checkoutTraceparentOf(
  db: Database,
  event: ProviderEvent,
): Promise<string | null> {
  const ids = subscriptionIdsOf(event);
  const or = [
    ...(ids.local ? [{ id: ids.local }] : []),
    ...(ids.providerSubscription ? [{ providerSubscriptionId: ids.providerSubscription }] : []),
    ...(ids.checkoutSession ? [{ providerCheckoutSessionId: ids.checkoutSession }] : []),
  ];
  if (or.length === 0) return null;
  const sub = await db.subscription.findFirst({
    where: { OR: or },
    select: { status: true, traceparent: true },
  });
  if (!sub?.traceparent) return null;
  return event.object === 'checkout_session' || sub.status === 'pending' ? sub.traceparent : null;
}

/**
 * Runs `fn` in a span that continues the checkout's trace: a child of the checkout request's span
 * (`checkoutTraceparent`, stored with the pending subscription), linked to the span active now
 * (the webhook delivery's request). The events `fn` writes to the outbox carry this span as their
 * traceparent, so one trace goes from the checkout through the provider's webhook into billing's
 * events and their consumers. Without a checkout traceparent, `fn` runs in the current context.
 */
export async function inCheckoutTrace<T>(
  opts: { name: string; checkoutTraceparent: string | null; attributes?: Attributes },
  fn: () => Promise<T>,
): Promise<T> {
  const parent = opts.checkoutTraceparent ? parseTraceparent(opts.checkoutTraceparent) : undefined;
  if (!parent) return fn();
  const delivery = trace.getActiveSpan()?.spanContext();
  const span = tracer.startSpan(
    opts.name,
    {
      kind: SpanKind.CONSUMER,
      ...(opts.attributes ? { attributes: opts.attributes } : {}),
      ...(delivery && trace.isSpanContextValid(delivery) ? { links: [{ context: delivery }] } : {}),
    },
    trace.setSpanContext(ROOT_CONTEXT, parent),
  );
  try {
    return await context.with(trace.setSpan(context.active(), span), fn);
  } catch (err) {
    span.recordException(err instanceof Error ? err : String(err));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw err;
  } finally {
    span.end();
  }
}
