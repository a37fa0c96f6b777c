import { randomBytes, timingSafeEqual } from 'node:crypto';
// Declares request.cookies, which @fastify/cookie fills (registered by sessionsRoutes).
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@kavosh/service-kit';
import type { TokenPair } from './service.js';

export const REFRESH_COOKIE = 'kavosh_refresh';
export const CSRF_COOKIE = 'kavosh_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export class CsrfRejected extends AppError {
  constructor() {
    super({
      status: 403,
      code: 'CSRF_REJECTED',
      title: 'Cross-site request refused',
      detail: `Cookie mode needs an allowed Origin and the ${CSRF_HEADER} header matching the ${CSRF_COOKIE} cookie.`,
    });
  }
}

// What auth puts in its cookies: base64url (a refresh token is 43 characters, a CSRF token too).
const COOKIE_VALUE = /^[A-Za-z0-9_-]{16,128}$/;

/**
 * One of auth's cookies, as parsed by @fastify/cookie (registered by sessionsRoutes). A value that
 * is not what auth sets (bad %-encoding is handed over undecoded) counts as no cookie.
 */
function readCookie(request: FastifyRequest, name: string): string | undefined {
  const value = request.cookies[name];
  return value !== undefined && COOKIE_VALUE.test(value) ? value : undefined;
}

const same = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Browsers may keep the refresh token in an HttpOnly, Secure, SameSite=Strict cookie scoped to
 * auth's path instead of in script-readable storage. A cookie is sent by the browser on its own,
 * so cookie-mode refresh and logout also need an allowed Origin and a double-submit CSRF token
 * (a readable cookie that the page echoes in a header; another site can neither read nor set it).
 */
export function createCookieTransport(opts: { path: string; allowedOrigins: string[] }) {
  const cookie = (name: string, value: string, attrs: string) =>
    `${name}=${encodeURIComponent(value)}; ${attrs}; Secure; SameSite=Strict`;

  return {
    /** Moves the refresh token from the body into cookies; returns the body and its CSRF token. */
    deliver(
      reply: FastifyReply,
      pair: TokenPair,
    ): Omit<TokenPair, 'refreshToken'> & { csrfToken: string } {
      const csrfToken = randomBytes(32).toString('base64url');
      const maxAge = Math.max(
        0,
        Math.floor((Date.parse(pair.refreshTokenExpiresAt) - Date.now()) / 1000),
      );
      reply.header('set-cookie', [
        cookie(REFRESH_COOKIE, pair.refreshToken, `Path=${opts.path}; Max-Age=${maxAge}; HttpOnly`),
        cookie(CSRF_COOKIE, csrfToken, `Path=/; Max-Age=${maxAge}`),
      ]);
      const { refreshToken: _moved, ...rest } = pair;
      return { ...rest, csrfToken };
    },

    /** The refresh token from the cookie after the CSRF checks, or undefined when none is sent. */
    take(request: FastifyRequest): string | undefined {
      const token = readCookie(request, REFRESH_COOKIE);
      if (token === undefined) return undefined;
      const origin = request.headers.origin;
      const csrfCookie = readCookie(request, CSRF_COOKIE);
      const csrfHeader = request.headers[CSRF_HEADER];
      if (
        origin === undefined ||
        !opts.allowedOrigins.includes(origin) ||
        csrfCookie === undefined ||
        typeof csrfHeader !== 'string' ||
        !same(csrfCookie, csrfHeader)
      ) {
        throw new CsrfRejected();
      }
      return token;
    },

    clear(reply: FastifyReply): void {
      reply.header('set-cookie', [
        cookie(REFRESH_COOKIE, '', `Path=${opts.path}; Max-Age=0; HttpOnly`),
        cookie(CSRF_COOKIE, '', 'Path=/; Max-Age=0'),
      ]);
    },
  };
}
export type CookieTransport = ReturnType<typeof createCookieTransport>;
