import rateLimit, { type CreateRateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import type { CountCallback, SharedCounters } from './counters.js';
import { RateLimited, RateLimitUnavailable } from './errors.js';
import { ratePolicyOf, type RatePolicy, type RatePolicyName } from './policies.js';

interface StoreParams {
  skipOnError?: boolean;
  exact?: boolean;
}

/**
 * The store @fastify/rate-limit calls: every limiter (child) counts in the same SharedCounters,
 * exactly or in batches as its policy says; skipOnError is the policy's fail-open switch.
 */
function storeOver(counters: SharedCounters) {
  return class PolicyStore {
    readonly #mode: { exact: boolean; failOpen: boolean };

    constructor(params: StoreParams = {}) {
      this.#mode = { exact: params.exact === true, failOpen: params.skipOnError === true };
    }

    incr(key: string, cb: CountCallback, timeWindow: number): void {
      counters.count(key, timeWindow, this.#mode, cb);
    }

    child(params: StoreParams): PolicyStore {
      return new PolicyStore(params);
    }
  };
}

/**
 * Limits every proxied request (/api/*, /.well-known/*) by its rate policy, after authentication
 * (the key is the user when a token verified, else the client IP): RateLimit-Limit, -Remaining
 * and -Reset on each answer, 429 RATE_LIMITED with Retry-After past the limit, 503
 * RATE_LIMIT_UNAVAILABLE on a fail-closed route while Redis is down.
 */
export async function installRateLimits(
  app: FastifyInstance,
  opts: { counters: SharedCounters; policies: Record<RatePolicyName, RatePolicy> },
): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    // The plugin only instantiates the class; the counters are shared by closure.
    store: storeOver(opts.counters) as unknown as NonNullable<CreateRateLimitOptions['store']>,
  });
  const rejections = new Counter({
    name: 'gateway_rate_limit_rejections_total',
    help: 'Requests answered 429 by the gateway, by rate policy',
    labelNames: ['policy'],
    registers: [app.metrics],
  });
  const limiterOf = (policy: RatePolicy) => {
    const options: CreateRateLimitOptions & StoreParams = {
      max: policy.max,
      timeWindow: policy.windowMs,
      skipOnError: policy.failOpen,
      exact: policy.exact,
      keyGenerator: policy.keyOf,
    };
    const rejected = rejections.labels(policy.name);
    // Shown at 0 from the start, so a dashboard's rate() has a series before the first 429.
    rejected.inc(0);
    return { limit: app.createRateLimit(options), rejected };
  };
  const limiters = {
    auth: limiterOf(opts.policies.auth),
    standard: limiterOf(opts.policies.standard),
    partner: limiterOf(opts.policies.partner),
  };

  app.addHook('onRequest', async (request, reply) => {
    const url = request.url;
    if (!url.startsWith('/api/') && !url.startsWith('/.well-known/')) return;
    let limiter = limiters.standard;
    // A partner key is counted against its tier, whatever the route.
    if (request.partner) limiter = limiters.partner;
    // Only a POST can be an auth route: no path copy for the rest.
    else if (request.method === 'POST') {
      const queryAt = url.indexOf('?');
      limiter = limiters[ratePolicyOf('POST', queryAt === -1 ? url : url.slice(0, queryAt))];
    }
    let result;
    try {
      result = await limiter.limit(request);
    } catch (err) {
      throw new RateLimitUnavailable(err);
    }
    if (result.isAllowed) return;
    reply.header('ratelimit-limit', result.max);
    reply.header('ratelimit-remaining', result.remaining);
    reply.header('ratelimit-reset', result.ttlInSeconds);
    if (result.isExceeded) {
      limiter.rejected.inc();
      reply.header('retry-after', result.ttlInSeconds);
      throw new RateLimited(result.ttlInSeconds);
    }
  });
}
