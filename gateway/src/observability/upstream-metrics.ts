import type { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import type { UpstreamName } from '../upstreams.js';

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

export interface UpstreamObserver {
  /** The upstream answered with `status` after `seconds` (request sent → headers received). */
  answered(status: number, seconds: number): void;
  /** No answer: refused, reset or timed out (status_class "error"). */
  failed(seconds: number): void;
}

/**
 * gateway_upstream_requests_total{upstream,status_class} and
 * gateway_upstream_duration_seconds{upstream} on the app's registry. The labelled children are
 * made once here: a label lookup per request costs more than the observation itself.
 */
export function upstreamMetrics(
  app: FastifyInstance,
  upstreams: readonly UpstreamName[],
): Record<UpstreamName, UpstreamObserver> {
  const requests = new Counter({
    name: 'gateway_upstream_requests_total',
    help: 'Requests the gateway sent to each upstream, by the class of its answer (error: none)',
    labelNames: ['upstream', 'status_class'],
    registers: [app.metrics],
  });
  const duration = new Histogram({
    name: 'gateway_upstream_duration_seconds',
    help: 'Time from sending a request to an upstream to its response headers, in seconds',
    labelNames: ['upstream'],
    buckets: DURATION_BUCKETS,
    registers: [app.metrics],
  });
  const observers = {} as Record<UpstreamName, UpstreamObserver>;
  for (const upstream of upstreams) {
    const byClass = STATUS_CLASSES.map((statusClass) =>
      requests.labels({ upstream, status_class: statusClass }),
    );
    const errors = requests.labels({ upstream, status_class: 'error' });
    const timing = duration.labels({ upstream });
    observers[upstream] = {
      answered(status, seconds) {
        (byClass[Math.floor(status / 100) - 1] ?? errors).inc();
        timing.observe(seconds);
      },
      failed(seconds) {
        errors.inc();
        timing.observe(seconds);
      },
    };
  }
  return observers;
}
