import type { FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../config.js';

export type RatePolicyName = 'auth' | 'standard';

/** How one class of requests is limited. */
export interface RatePolicy {
  name: RatePolicyName;
  max: number;
  windowMs: number;
  /** Count every request in Redis before answering (strict, small limits), not in batches. */
  exact: boolean;
  /** While Redis is down: true lets requests through (counted per replica), false answers 503. */
  failOpen: boolean;
  /** Who a request is counted for. */
  keyOf(request: FastifyRequest): string;
}

// Credential endpoints are what password guessing and account spraying hit: counted per client
// IP (a token says nothing here), exactly, and refused while they cannot be counted.
const AUTH_PATHS = new Set(
  ['/api/auth/login', '/api/auth/register', '/api/auth/refresh'].flatMap((path) => [
    path,
    `${path}/`,
  ]),
);

export function ratePolicies(config: GatewayConfig): Record<RatePolicyName, RatePolicy> {
  return {
    auth: {
      name: 'auth',
      max: config.RATE_LIMIT_AUTH_MAX,
      windowMs: config.RATE_LIMIT_WINDOW_MS,
      exact: true,
      failOpen: false,
      keyOf: (request) => `auth:${request.ip}`,
    },
    standard: {
      name: 'standard',
      max: config.RATE_LIMIT_MAX,
      windowMs: config.RATE_LIMIT_WINDOW_MS,
      exact: false,
      failOpen: true,
      keyOf: (request) =>
        request.identity ? `user:${request.identity.userId}` : `ip:${request.ip}`,
    },
  };
}

/** The policy of a request to a public path (query string removed). */
export const ratePolicyOf = (method: string, path: string): RatePolicyName =>
  method === 'POST' && AUTH_PATHS.has(path) ? 'auth' : 'standard';
