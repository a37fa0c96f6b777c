import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signed form of a partner request (docs/partners.md; packages/partner-client signs the same):
 *
 *   KAVOSH-HMAC-SHA256 \n <timestamp> \n <nonce> \n <METHOD> \n <path> \n <sorted query> \n <body sha256 hex>
 *
 * The query is the raw query string split on `&`, empty parts dropped, sorted by code unit and
 * joined with `&` (no decoding: what was sent is what is signed). The HMAC key is the whole
 * partner key string; the signature is sent as `X-Kavosh-Signature: v1=<hex>`.
 */
export const SIGNATURE_ALGORITHM = 'KAVOSH-HMAC-SHA256';
export const TIMESTAMP_HEADER = 'x-kavosh-timestamp';
export const NONCE_HEADER = 'x-kavosh-nonce';
export const SIGNATURE_HEADER = 'x-kavosh-signature';
/** ±5 minutes between the partner's clock and ours; nonces are kept as long. */
export const CLOCK_WINDOW_SECONDS = 300;

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const TIMESTAMP_PATTERN = /^[0-9]{1,12}$/;
const SIGNATURE_PATTERN = /^v1=([0-9a-f]{64})$/;

export const sortedQuery = (query: string): string =>
  query
    .split('&')
    .filter((part) => part !== '')
    .sort()
    .join('&');

export interface SignedParts {
  method: string;
  /** The request target as sent: path and optional `?query`. */
  target: string;
  bodySha256: string;
  timestamp: string;
  nonce: string;
}

export function canonicalRequest(parts: SignedParts): string {
  const queryAt = parts.target.indexOf('?');
  const path = queryAt === -1 ? parts.target : parts.target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : parts.target.slice(queryAt + 1);
  return [
    SIGNATURE_ALGORITHM,
    parts.timestamp,
    parts.nonce,
    parts.method.toUpperCase(),
    path,
    sortedQuery(query),
    parts.bodySha256,
  ].join('\n');
}

export const sha256Hex = (body: Buffer | string): string =>
  createHash('sha256').update(body).digest('hex');

export const signatureOf = (key: string, parts: SignedParts): string =>
  createHmac('sha256', key).update(canonicalRequest(parts)).digest('hex');

export interface SignatureHeaders {
  timestamp: unknown;
  nonce: unknown;
  signature: unknown;
}

/**
 * Whether the headers are well formed and the timestamp within the window (before any body is
 * read): the parsed values, or undefined.
 */
export function signatureHeadersOf(
  headers: SignatureHeaders,
  nowSeconds: number,
): { timestamp: string; nonce: string; signature: string } | undefined {
  const { timestamp, nonce, signature } = headers;
  if (typeof timestamp !== 'string' || !TIMESTAMP_PATTERN.test(timestamp)) return undefined;
  if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce)) return undefined;
  if (typeof signature !== 'string') return undefined;
  const hex = SIGNATURE_PATTERN.exec(signature)?.[1];
  if (hex === undefined) return undefined;
  if (Math.abs(Number(timestamp) - nowSeconds) > CLOCK_WINDOW_SECONDS) return undefined;
  return { timestamp, nonce, signature: hex };
}

/** Constant-time comparison of the expected and the sent signature. */
export function signatureMatches(key: string, parts: SignedParts, sentHex: string): boolean {
  const expected = Buffer.from(signatureOf(key, parts), 'hex');
  const sent = Buffer.from(sentHex, 'hex');
  return expected.length === sent.length && timingSafeEqual(expected, sent);
}
