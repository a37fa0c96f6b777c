import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** Where X-Forwarded-For may come from: the gateway's network ranges. */
export interface TrustedProxies {
  has(address: string): boolean;
}

/**
 * Parses a comma-separated list of CIDR ranges or single addresses (`10.0.0.0/8`, `::1`); an
 * IPv4 range also covers the IPv4-mapped IPv6 form (`::ffff:10.0.0.5`). Throws on a bad entry.
 */
export function parseTrustedProxies(list: string): TrustedProxies {
  const ranges = new BlockList();
  for (const entry of list.split(',').map((part) => part.trim())) {
    if (entry.length === 0) continue;
    const [address = '', prefixText, ...rest] = entry.split('/');
    const family = isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = prefixText === undefined ? max : Number(prefixText);
    if (
      family === 0 ||
      rest.length > 0 ||
      (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) ||
      prefix > max
    ) {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
    ranges.addSubnet(address, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return {
    has(address) {
      const family = isIP(address);
      return family !== 0 && ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * The client address by proxy-addr's rule: walk from the peer back through X-Forwarded-For
 * (right to left) while the hop is a trusted proxy; the first untrusted hop is the client. A
 * client's own X-Forwarded-For entries are never reached, as its peer (a proxy's view of it) is
 * untrusted; an entry that is not an address ends the walk at the proxy that wrote it.
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string {
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  let client = peer;
  while (trusted.has(client)) {
    const next = hops.pop();
    if (next === undefined || isIP(next) === 0) break;
    client = next;
  }
  return client;
}

/** The address failed logins are counted against (see clientAddress). */
export function clientIp(request: FastifyRequest, trusted: TrustedProxies): string {
  const peer = request.socket.remoteAddress ?? request.ip;
  return clientAddress(peer, request.headers['x-forwarded-for'], trusted);
}
