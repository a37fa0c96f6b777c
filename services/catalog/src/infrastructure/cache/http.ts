import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CatalogCache, Loader } from './types.js';
import { parseIfNoneMatch } from './body-etag.js';
import type { CacheSpec } from './keys.js';

/** Cache-Control of an answer only its caller may see (editors' drafts). */
export const NO_STORE = 'private, no-store';

/** How long clients and CDNs may keep a public read. */
export interface CachePolicy {
  maxAgeSeconds: number;
  staleWhileRevalidateSeconds: number;
}

/**
 * Cache-Control of a cached read. Anonymous: a CDN may keep it. With a token the body is the same,
 * but a shared cache should not store a response to a request carrying credentials.
 */
export const cacheControlFor = (request: FastifyRequest, policy: CachePolicy): string =>
  request.identity === null && request.headers.authorization === undefined
    ? `public, max-age=${policy.maxAgeSeconds}, stale-while-revalidate=${policy.staleWhileRevalidateSeconds}`
    : `private, max-age=${policy.maxAgeSeconds}`;

/** A Vary header value that also names `field`, keeping what another hook (CORS) put there. */
export function withVary(current: unknown, field: string): string {
  const fields = typeof current === 'string' && current !== '' ? current.split(/\s*,\s*/) : [];
  if (fields.includes('*') || fields.some((f) => f.toLowerCase() === field.toLowerCase())) {
    return fields.join(', ');
  }
  return [...fields, field].join(', ');
}

/** The route's own serialization of `value` (its response schema), as the text the cache keeps. */
export function serializedBody(reply: FastifyReply, value: unknown): string {
  const out = reply.serialize(value);
  return typeof out === 'string' ? out : new TextDecoder().decode(out);
}

/**
 * Answers a public read through the cache: body or 304 with a strong ETag, Cache-Control and
 * `Vary: Authorization` (an editor's answer differs). The loader serializes with serializedBody,
 * the route's own serializer, so cached and uncached bodies are byte for byte the same.
 * Returns the loader's uncacheable value (a redirect) for the route to answer, else undefined
 * once the reply is sent (the handler then returns `reply`).
 */
export async function serveCached<P>(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: CatalogCache,
  spec: CacheSpec,
  load: Loader<P>,
): Promise<{ pass: P } | undefined> {
  const outcome = await cache.read(spec, load, parseIfNoneMatch(request.headers['if-none-match']));
  if (outcome.kind === 'pass') return { pass: outcome.value };
  reply
    .header('etag', outcome.etag)
    .header('cache-control', cacheControlFor(request, cache.policy))
    .header('vary', withVary(reply.getHeader('vary'), 'Authorization'));
  if (outcome.kind === 'not-modified') reply.code(304).send();
  else reply.type('application/json; charset=utf-8').send(outcome.body);
  return undefined;
}
