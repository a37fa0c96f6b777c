import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetry, type Telemetry } from '@kavosh/telemetry';
import { createLogger, traceparentOf, type KavoshApp } from '../src/index.js';
import { buildTestApp, eventually } from './helper.js';

describe('logs and events under an active span', () => {
  const lines: string[] = [];
  const memory = new InMemorySpanExporter();
  let telemetry: Telemetry;
  let app: KavoshApp;

  beforeAll(async () => {
    telemetry = startTelemetry({
      serviceName: 'kit-test',
      spanProcessors: [new SimpleSpanProcessor(memory)],
    });
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    // A feature's own logger, as services make them: not derived from the request's.
    const component = logger.child({ component: 'movies' });
    app = await buildTestApp({ logger });
    app.get('/movies/:id', async (req) => {
      component.info('movie looked up');
      return { traceparent: traceparentOf(req) ?? null };
    });
    await app.ready();
    component.info('outside any span');
  });
  afterAll(async () => {
    await app.close();
    await telemetry.shutdown();
  });

  it('puts the active span on request lines once, and on lines of loggers made elsewhere', async () => {
    const tracer = trace.getTracer('kit-test');
    const { res, traceId, spanId } = await tracer.startActiveSpan('client', async (span) => {
      const answer = await app.inject({ url: '/movies/7', headers: { 'x-request-id': 'tr-1' } });
      span.end();
      return { res: answer, ...span.spanContext() };
    });
    expect(res.json()).toEqual({ traceparent: `00-${traceId}-${spanId}-01` });

    await eventually(() => {
      const access = lines.find((line) => line.includes('"request_id":"tr-1"'));
      expect(access).toBeDefined();
      // Bound once by the request's logger; the mixin must not write them a second time.
      expect(access?.match(/"trace_id"/g)).toHaveLength(1);
      expect(JSON.parse(access ?? '{}')).toMatchObject({ trace_id: traceId, span_id: spanId });
    });
    const looked = lines.map((line) => JSON.parse(line)).find((e) => e.msg === 'movie looked up');
    expect(looked).toMatchObject({
      component: 'movies',
      trace_id: traceId,
      span_id: spanId,
      request_id: 'tr-1',
    });
    const outside = lines.map((line) => JSON.parse(line)).find((e) => e.msg === 'outside any span');
    expect(outside).toBeDefined();
    expect(outside).not.toHaveProperty('trace_id');
  });
});
