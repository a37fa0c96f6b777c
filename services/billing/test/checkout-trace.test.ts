import { randomUUID } from 'node:crypto';
import type { KavoshApp } from '@kavosh/service-kit';
import { startTelemetry, type Telemetry } from '@kavosh/telemetry';
import { eventually } from '@kavosh/testing';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../src/db.js';
import { callerWith } from './fixtures.js';
import { startBillingWithSandbox, type BillingWithSandbox } from './helper.js';

const CHECKOUT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CHECKOUT_SPAN = '00f067aa0ba902b7';
const DAY_SECONDS = 86_400;

const traceOf = (traceparent: string | undefined) => {
  const [, traceId, spanId] = (traceparent ?? '').split('-');
  return { traceId, spanId };
};

// The checkout request, the provider's webhook that completes it and the events billing writes
// then are one trace: the webhook's work runs in a span whose parent is the checkout's.
describe('the trace of a checkout', () => {
  const memory = new InMemorySpanExporter();
  let telemetry: Telemetry;
  let env: BillingWithSandbox;
  let app: KavoshApp;
  let db: Database;

  beforeAll(async () => {
    telemetry = startTelemetry({
      serviceName: 'billing-test',
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
    env = await startBillingWithSandbox();
    app = env.billing.app;
    db = createDatabase(env.billing.databaseUrl);
  }, 60_000);
  afterAll(async () => {
    await db?.$disconnect();
    await env?.close();
    await telemetry?.shutdown();
  });

  it('continues through the webhook into the events billing emits, and not into a later renewal', async () => {
    const admin = await callerWith(['admin']);
    const plan = await app.inject({
      method: 'POST',
      url: '/plans',
      headers: admin.headers,
      payload: { name: 'Traced monthly', priceMinor: 500, currency: 'EUR', interval: 'month' },
    });
    const caller = await callerWith(['user']);
    const checkout = await app.inject({
      method: 'POST',
      url: '/checkout',
      headers: {
        ...caller.headers,
        'idempotency-key': randomUUID(),
        traceparent: `00-${CHECKOUT_TRACE}-${CHECKOUT_SPAN}-01`,
      },
      payload: { planId: plan.json<{ id: string }>().id },
    });
    expect(checkout.statusCode).toBe(201);
    const { subscriptionId } = checkout.json<{ subscriptionId: string }>();
    const pending = await db.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    await env.sandbox.pay(pending.providerCheckoutSessionId ?? '');

    const activated = await eventually(
      async () => {
        const row = await db.outboxEvent.findFirst({
          where: { subject: subscriptionId, type: 'billing.subscription.activated.v1' },
        });
        expect(row).not.toBeNull();
        return JSON.parse(row?.envelope ?? '{}') as { traceparent?: string };
      },
      { within: 20_000 },
    );
    const event = traceOf(activated.traceparent);
    expect(event.traceId).toBe(CHECKOUT_TRACE);
    // Not the checkout's own span: the span of the webhook's work, a child of it.
    expect(event.spanId).not.toBe(CHECKOUT_SPAN);
    // Walk from the span the event names up to the checkout: the webhook's span is on the way.
    const chain = await eventually(() => {
      const spans = new Map(memory.getFinishedSpans().map((s) => [s.spanContext().spanId, s]));
      const names: string[] = [];
      let spanId: string | undefined = event.spanId;
      while (spanId !== undefined && spanId !== CHECKOUT_SPAN) {
        const span = spans.get(spanId);
        expect(span, `span ${spanId} exported`).toBeDefined();
        expect(span?.spanContext().traceId).toBe(CHECKOUT_TRACE);
        names.push(span?.name ?? '');
        spanId = span?.parentSpanContext?.spanId;
      }
      expect(spanId).toBe(CHECKOUT_SPAN);
      return names;
    });
    expect(chain).toContain('billing.webhook');
    // The webhook's span is the checkout span's direct child.
    expect(chain.at(-1)).toBe('billing.webhook');

    // A renewal a month later is its own story: its events are not in the checkout's trace.
    await env.sandbox.advanceClock(31 * DAY_SECONDS);
    const renewed = await eventually(
      async () => {
        const rows = await db.outboxEvent.findMany({
          where: { subject: subscriptionId, type: 'billing.subscription.activated.v1' },
          orderBy: { id: 'asc' },
        });
        expect(rows).toHaveLength(2);
        return JSON.parse(rows[1]?.envelope ?? '{}') as { traceparent?: string };
      },
      { within: 20_000 },
    );
    expect(traceOf(renewed.traceparent).traceId).not.toBe(CHECKOUT_TRACE);
  });
});
