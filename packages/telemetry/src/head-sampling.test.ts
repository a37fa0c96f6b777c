import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ROOT_CONTEXT,
  SpanKind,
  context,
  createTraceState,
  trace,
  type SpanContext,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  SamplingDecision,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { gatedSampler } from './head-sampling.js';
import { startTelemetry, type Telemetry } from './sdk.js';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

interface Seen {
  /** The active span context inside the handler, as a traceparent. */
  active: string | null;
  /** The traceparent the handler's outgoing call carried. */
  forwarded: string | null;
}

describe('the request gate at sampling ratio 0', () => {
  const memory = new InMemorySpanExporter();
  let telemetry: Telemetry;
  let server: Server;
  let echo: Server;
  let url: string;
  let echoUrl: string;
  const echoed: IncomingHttpHeaders[] = [];

  const listen = async (s: Server): Promise<string> => {
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    // Every request without a sampled parent is sampled out: the path most requests take at 0.1.
    telemetry = startTelemetry({
      serviceName: 'gate-test',
      spanProcessors: [new SimpleSpanProcessor(memory)],
      sampleRatio: 0,
    });
    echo = createServer((req, res) => {
      echoed.push(req.headers);
      res.end('{}');
    });
    echoUrl = await listen(echo);
    server = createServer((req, res) => {
      const spanContext = trace.getActiveSpan()?.spanContext();
      const active = spanContext
        ? `00-${spanContext.traceId}-${spanContext.spanId}-0${spanContext.traceFlags}`
        : null;
      void fetch(`${echoUrl}${req.url ?? '/'}`).then(async (answer) => {
        await answer.text();
        const forwarded = echoed.at(-1)?.traceparent;
        const seen: Seen = { active, forwarded: typeof forwarded === 'string' ? forwarded : null };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(seen));
      });
    });
    url = await listen(server);
  });
  afterAll(async () => {
    server.close();
    echo.close();
    await telemetry.shutdown();
  });

  /**
   * GET `path` as a client whose active span is `parent` (none: tracing suppressed, so no
   * traceparent is sent): this process's fetch instrumentation sends a child of it, as any
   * traced caller does.
   */
  const get = (path: string, parent?: SpanContext): Promise<Seen> =>
    context.with(
      parent ? trace.setSpanContext(ROOT_CONTEXT, parent) : suppressTracing(ROOT_CONTEXT),
      async () => {
        const res = await fetch(`${url}${path}`);
        return (await res.json()) as Seen;
      },
    );
  const parentOf = (traceFlags: number, traceState?: string): SpanContext => ({
    traceId: hex(16),
    spanId: hex(8),
    traceFlags,
    isRemote: false,
    ...(traceState ? { traceState: createTraceState(traceState) } : {}),
  });

  it('gives a request without a parent a new unsampled trace that calls carry onwards, and exports nothing', async () => {
    memory.reset();
    const seen = await get('/movies');
    const active = TRACEPARENT.exec(seen.active ?? '');
    expect(active?.[3], 'the sampled flag').toBe('00');
    const forwarded = TRACEPARENT.exec(seen.forwarded ?? '');
    // Same trace, flag 00: the callee follows the decision instead of starting a trace of its own.
    expect(forwarded?.[1]).toBe(active?.[1]);
    expect(forwarded?.[3]).toBe('00');
    expect(memory.getFinishedSpans()).toEqual([]);
  });

  it('continues an unsampled parent with a span id of its own, keeping its tracestate', async () => {
    memory.reset();
    const parent = parentOf(0, 'vendor=abc');
    const seen = await get('/movies', parent);
    const active = TRACEPARENT.exec(seen.active ?? '');
    expect(active?.[1]).toBe(parent.traceId);
    expect(active?.[2]).not.toBe(parent.spanId);
    expect(active?.[3]).toBe('00');
    expect(seen.forwarded).toMatch(new RegExp(`^00-${parent.traceId}-[0-9a-f]{16}-00$`));
    expect(echoed.at(-1)?.tracestate).toBe('vendor=abc');
    expect(memory.getFinishedSpans()).toEqual([]);
  });

  it('records a request whose parent is sampled, through the HTTP instrumentation', async () => {
    memory.reset();
    const parent = parentOf(1);
    const seen = await get('/movies', parent);
    expect(seen.active).toMatch(new RegExp(`^00-${parent.traceId}-[0-9a-f]{16}-01$`));
    // This process is the client too: its fetch span is the server span's parent. The fetch
    // span ends on undici's last event, which may come after the body was read (a loaded CI run).
    const { client, serverSpan } = await vi.waitFor(
      () => {
        const spans = memory.getFinishedSpans();
        const client = spans.find((span) => span.parentSpanContext?.spanId === parent.spanId);
        expect(client?.kind).toBe(SpanKind.CLIENT);
        const serverSpan = spans.find(
          (span) => span.parentSpanContext?.spanId === client?.spanContext().spanId,
        );
        expect(serverSpan?.kind).toBe(SpanKind.SERVER);
        return { client, serverSpan };
      },
      { timeout: 5_000 },
    );
    expect(client?.spanContext().traceId).toBe(parent.traceId);
    expect(seen.active).toContain(serverSpan?.spanContext().spanId);
  });

  it('leaves probes untraced whatever their parent says', async () => {
    memory.reset();
    const seen = await get('/health/live', parentOf(1));
    expect(seen.active).toBeNull();
    expect(memory.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER)).toEqual([]);
  });
});

describe('gatedSampler', () => {
  const sampler = gatedSampler(0);
  const decide = (kind: SpanKind, parent = ROOT_CONTEXT) =>
    sampler.shouldSample(parent, hex(16), 'span', kind, {}, []).decision;

  it('records a root server span: the gate has already chosen its request', () => {
    expect(decide(SpanKind.SERVER)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });

  it('samples other root spans at the ratio, and child spans as their parent', () => {
    expect(decide(SpanKind.INTERNAL)).toBe(SamplingDecision.NOT_RECORD);
    const sampledParent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: hex(16),
      spanId: hex(8),
      traceFlags: 1,
      isRemote: true,
    });
    expect(decide(SpanKind.CLIENT, sampledParent)).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    const unsampledParent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: hex(16),
      spanId: hex(8),
      traceFlags: 0,
      isRemote: true,
    });
    expect(decide(SpanKind.SERVER, unsampledParent)).toBe(SamplingDecision.NOT_RECORD);
  });
});
