import { createHash, randomBytes } from 'node:crypto';

/** A new refresh token: 256 random bits, base64url (43 characters). */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps instead of the token: its SHA-256, hex. */
export const hashRefreshToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
