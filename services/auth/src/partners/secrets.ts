import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new key: 48 bits of prefix (names the key; unique in the table) and 256 bits of secret, so
 * the secret alone resists any guessing and needs no slow hash.
 */
export function newKey(): { prefix: string; secret: string; key: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { prefix, secret, key: `kvp_${prefix}_${secret}` };
}

export const newSecret = (): string => randomBytes(32).toString('base64url');

/**
 * HMAC-SHA256 under a server pepper: a 256-bit random secret cannot be brute-forced from its hash,
 * so argon2's cost buys nothing here and would make every (uncached) verification slow; the pepper
 * (kept outside the database) means a stolen table alone does not even allow an offline check.
 */
export const hashSecret = (pepper: string, secret: string): string =>
  createHmac('sha256', pepper).update(secret).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
