import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { StripeError } from './stripe-error.js';

/** The key a request presents: `Authorization: Bearer <key>`, or Basic with the key as user. */
function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value.trim();
  if (scheme?.toLowerCase() === 'basic') {
    return Buffer.from(value, 'base64').toString('utf8').split(':', 1)[0];
  }
  return undefined;
}

const sameKey = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Stripe's 401s: no key, or a key that is not the sandbox's. */
export function requireApiKey(request: FastifyRequest, apiKey: string): void {
  const key = presentedKey(request);
  if (key === undefined) {
    throw new StripeError(
      401,
      'invalid_request_error',
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  if (!sameKey(key, apiKey)) {
    // Like Stripe, only the key's last four characters are echoed back.
    const shown = key.length > 12 ? `${key.slice(0, 8)}****${key.slice(-4)}` : '****';
    throw new StripeError(
      401,
      'invalid_request_error',
      `Invalid API Key provided: ${shown}`,
      'api_key_invalid',
    );
  }
}
