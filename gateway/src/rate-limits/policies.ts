import type { FastifyRequest } from 'fastify';
import type { PartnerTier } from '@kavosh/auth-client';
import type { GatewayConfig } from '../config.js';
import { partnerGrantOf } from '../partners/plugin.js';

export type RatePolicyName = 'auth' | 'standard' | 'partner';

/** How one class of requests is limited. */
export interface RatePolicy {
  name: RatePolicyName;
  /** Requests per window, or per request (a partner key's tier). */
  max: number | ((request: FastifyRequest) => number);
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
  const tierMax: Record<PartnerTier, number> = {
    basic: config.PARTNER_RATE_LIMIT_BASIC,
    standard: config.PARTNER_RATE_LIMIT_STANDARD,
    premium: config.PARTNER_RATE_LIMIT_PREMIUM,
  };
  return {
    auth: {
      name: 'auth',
      max: config.RATE_LIMIT_AUTH_MAX,
      windowMs: config.RATE_LIMIT_WINDOW_MS,
      exact: true,
      failOpen: false,
      keyOf: (request) => `auth:${request.ip}`,
    },
    partner: {
      name: 'partner',
      max: (request) => tierMax[partnerGrantOf(request)?.tier ?? 'basic'],
      windowMs: config.RATE_LIMIT_WINDOW_MS,
      exact: false,
      failOpen: true,
      keyOf: (request) => `partner:${request.partner?.keyId ?? request.ip}`,
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
