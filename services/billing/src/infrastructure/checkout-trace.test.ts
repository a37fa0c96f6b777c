import { trace } from '@opentelemetry/api';
import { activeTraceparent } from '@kavosh/service-kit';
import { startTelemetry, type Telemetry } from '@kavosh/telemetry';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { eventually } from '@kavosh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCheckoutTrace } from './checkout-trace.js';

const CHECKOUT_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CHECKOUT_SPAN = 'b7ad6b7169203331';
const CHECKOUT = `00-${CHECKOUT_TRACE}-${CHECKOUT_SPAN}-01`;

describe('inCheckoutTrace', () => {
  const memory = new InMemorySpanExporter();
  let telemetry: Telemetry;

  beforeAll(() => {
    telemetry = startTelemetry({
      serviceName: 'billing-test',
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
  });
  afterAll(() => telemetry?.shutdown());

  // The SDK exports a finished span once its resource is resolved: a moment after it ends.
  const finished = (name: string) =>
    eventually(() => {
      const span = memory.getFinishedSpans().find((s) => s.name === name);
      expect(span, name).toBeDefined();
      return span;
    });

  it('runs the work as a child of the checkout span, linked to the delivery span', async () => {
    const tracer = trace.getTracer('test');
    let inside: string | undefined;
    await tracer.startActiveSpan('POST /webhooks/provider', async (delivery) => {
      await inCheckoutTrace(
        {
          name: 'invoice.paid process',
          checkoutTraceparent: CHECKOUT,
          attributes: { 'billing.provider_event.id': 'evt_1' },
        },
        async () => {
          inside = activeTraceparent();
        },
      );
      delivery.end();
    });
    const span = await finished('invoice.paid process');
    const delivery = await finished('POST /webhooks/provider');
    expect(span?.spanContext().traceId).toBe(CHECKOUT_TRACE);
    expect(span?.parentSpanContext?.spanId).toBe(CHECKOUT_SPAN);
    expect(span?.links.map((l) => l.context.spanId)).toEqual([delivery?.spanContext().spanId]);
    expect(span?.attributes['billing.provider_event.id']).toBe('evt_1');
    // What an outbox event written inside would carry: this span, in the checkout's trace.
    expect(inside).toBe(`00-${CHECKOUT_TRACE}-${span?.spanContext().spanId}-01`);
  });

  it('runs in the current context when there is no valid checkout traceparent', async () => {
    const before = memory.getFinishedSpans().length;
    for (const checkoutTraceparent of [
      null,
      'not-a-traceparent',
      `00-${'0'.repeat(32)}-${CHECKOUT_SPAN}-01`,
    ]) {
      expect(
        await inCheckoutTrace({ name: 'x', checkoutTraceparent }, async () => activeTraceparent()),
      ).toBeUndefined();
    }
    expect(memory.getFinishedSpans()).toHaveLength(before);
  });

  it('marks the span failed and rethrows what the work threw', async () => {
    await expect(
      inCheckoutTrace({ name: 'failing process', checkoutTraceparent: CHECKOUT }, async () => {
        throw new Error('amount mismatch');
      }),
    ).rejects.toThrow('amount mismatch');
    const span = await finished('failing process');
    expect(span?.status.code).toBe(2);
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
  });
});
