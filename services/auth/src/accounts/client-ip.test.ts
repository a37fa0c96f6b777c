import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies } from './client-ip.js';

describe('parseTrustedProxies', () => {
  it('matches addresses inside its CIDR ranges, in both IPv4 forms and IPv6', () => {
    const trusted = parseTrustedProxies('10.42.0.0/16, fd00:1::/64,192.0.2.7');
    expect(trusted.has('10.42.7.9')).toBe(true);
    expect(trusted.has('::ffff:10.42.7.9')).toBe(true);
    expect(trusted.has('fd00:1::abcd')).toBe(true);
    expect(trusted.has('192.0.2.7')).toBe(true);
    expect(trusted.has('10.43.0.1')).toBe(false);
    expect(trusted.has('fd00:2::1')).toBe(false);
    expect(trusted.has('192.0.2.8')).toBe(false);
    expect(trusted.has('not an address')).toBe(false);
  });

  it('trusts loopback only with the default list', () => {
    const trusted = parseTrustedProxies('127.0.0.0/8,::1/128');
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map((a) => trusted.has(a))).toEqual([
      true,
      true,
      true,
    ]);
    expect(trusted.has('172.18.0.5')).toBe(false);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/x', 'gateway', '::1/129', '10.0.0.0/8/8'])(
    'refuses %s',
    (entry) => {
      expect(() => parseTrustedProxies(entry)).toThrow(/not an IP address or CIDR range/);
    },
  );
});

describe('clientAddress', () => {
  const trusted = parseTrustedProxies('172.18.0.0/16');

  it('ignores X-Forwarded-For from an untrusted peer', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', trusted)).toBe('203.0.113.9');
  });

  it('takes the entry a trusted proxy appended, not what the client put before it', () => {
    expect(clientAddress('172.18.0.3', '198.51.100.1, 203.0.113.9', trusted)).toBe('203.0.113.9');
  });

  it('walks back through several trusted hops to the first untrusted one', () => {
    expect(clientAddress('172.18.0.3', ['198.51.100.1, 203.0.113.9', '172.18.0.4'], trusted)).toBe(
      '203.0.113.9',
    );
  });

  it('stops at the proxy when its entry is not an address', () => {
    expect(clientAddress('172.18.0.3', 'unknown', trusted)).toBe('172.18.0.3');
    expect(clientAddress('172.18.0.3', undefined, trusted)).toBe('172.18.0.3');
  });
});
