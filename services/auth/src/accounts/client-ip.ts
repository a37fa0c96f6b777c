import type { FastifyRequest } from 'fastify';

/**
 * The address failed logins are counted against. Behind the gateway every request comes from the
 * gateway, so when the peer is a trusted proxy the client is the last X-Forwarded-For entry (the
 * one that proxy appended); from anyone else X-Forwarded-For is ignored, as it can be forged.
 */
export function clientIp(request: FastifyRequest, trustedProxies: ReadonlySet<string>): string {
  const peer = request.socket.remoteAddress ?? request.ip;
  const forwarded = request.headers['x-forwarded-for'];
  if (!trustedProxies.has(peer) || forwarded === undefined) return peer;
  const last = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .pop();
  return last ?? peer;
}
