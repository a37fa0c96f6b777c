import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkTicket, ticketOf } from './websocket-ticket.js';

const SECRET = 'a-test-secret-of-at-least-32-characters!!';
const NOW = 1_800_000_000_000;

const ticketAt = (expiresSeconds: number, secret = SECRET) => {
  const body = `${'n'.repeat(22)}.${expiresSeconds}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
};

describe('checkTicket', () => {
  it('accepts a ticket signed with the secret that has not expired', () => {
    expect(checkTicket(ticketAt(NOW / 1000 + 30), SECRET, NOW)).toBe('valid');
  });

  it('refuses an expired, a forged, a malformed and a missing ticket, each by name', () => {
    expect(checkTicket(ticketAt(NOW / 1000), SECRET, NOW)).toBe('expired');
    expect(checkTicket(ticketAt(NOW / 1000 + 30, `${SECRET}x`), SECRET, NOW)).toBe('forged');
    const tampered = ticketAt(NOW / 1000 + 30).replace(/^n/, 'm');
    expect(checkTicket(tampered, SECRET, NOW)).toBe('forged');
    expect(checkTicket('abc', SECRET, NOW)).toBe('malformed');
    expect(checkTicket(`${ticketAt(NOW / 1000 + 30)}x`, SECRET, NOW)).toBe('malformed');
    expect(checkTicket(undefined, SECRET, NOW)).toBe('missing');
  });
});

describe('ticketOf', () => {
  it('reads the one ticket parameter, and nothing when it is absent or repeated', () => {
    expect(ticketOf('/api/social/ws?x=1&ticket=abc')).toBe('abc');
    expect(ticketOf('/api/social/ws')).toBeUndefined();
    expect(ticketOf('/api/social/ws?ticket=a&ticket=b')).toBeUndefined();
  });
});
