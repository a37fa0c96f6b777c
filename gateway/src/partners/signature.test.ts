import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalRequest,
  sha256Hex,
  signatureHeadersOf,
  signatureMatches,
  type SignedParts,
} from './signature.js';

// The vector packages/partner-client signs with and docs/partners.md shows.
const vector = JSON.parse(
  readFileSync(
    new URL('../../../packages/partner-client/test-vector.json', import.meta.url),
    'utf8',
  ),
) as Record<
  'key' | 'method' | 'url' | 'body' | 'timestamp' | 'nonce' | 'canonical' | 'signature',
  string
>;

const parts: SignedParts = {
  method: vector.method,
  target: vector.url,
  bodySha256: sha256Hex(vector.body),
  timestamp: vector.timestamp,
  nonce: vector.nonce,
};

describe('partner request signatures at the gateway', () => {
  it('verifies the documented vector', () => {
    expect(canonicalRequest(parts)).toBe(vector.canonical);
    expect(signatureMatches(vector.key, parts, vector.signature)).toBe(true);
  });

  it.each([
    ['the method', { method: 'PUT' }],
    ['the path', { target: vector.url.replace('issue', 'issued') }],
    ['a query value', { target: vector.url.replace('a=1', 'a=2') }],
    ['an added query parameter', { target: `${vector.url}&c=1` }],
    ['the body', { bodySha256: sha256Hex(`${vector.body} `) }],
    ['the timestamp', { timestamp: String(Number(vector.timestamp) + 1) }],
    ['the nonce', { nonce: `${vector.nonce}x` }],
  ])('refuses the signature when %s changes', (_name, change) => {
    expect(signatureMatches(vector.key, { ...parts, ...change }, vector.signature)).toBe(false);
  });

  it('refuses the signature under another key', () => {
    expect(signatureMatches(`${vector.key.slice(0, -1)}A`, parts, vector.signature)).toBe(false);
  });

  it('takes headers only when well formed and within ±5 minutes', () => {
    const now = Number(vector.timestamp);
    const headers = {
      timestamp: vector.timestamp,
      nonce: vector.nonce,
      signature: `v1=${vector.signature}`,
    };
    expect(signatureHeadersOf(headers, now)).toEqual({
      timestamp: vector.timestamp,
      nonce: vector.nonce,
      signature: vector.signature,
    });
    expect(signatureHeadersOf(headers, now + 300)).toBeDefined();
    expect(signatureHeadersOf(headers, now - 300)).toBeDefined();
    expect(signatureHeadersOf(headers, now + 301)).toBeUndefined();
    expect(signatureHeadersOf(headers, now - 301)).toBeUndefined();
    expect(signatureHeadersOf({ ...headers, nonce: 'short' }, now)).toBeUndefined();
    expect(signatureHeadersOf({ ...headers, signature: vector.signature }, now)).toBeUndefined();
    expect(signatureHeadersOf({ ...headers, timestamp: '1.5e9' }, now)).toBeUndefined();
    expect(signatureHeadersOf({ ...headers, timestamp: undefined }, now)).toBeUndefined();
  });
});
