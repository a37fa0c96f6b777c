import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalRequest, signRequest } from '../src/index.js';

// The documented vector (docs/partners.md), also checked by the gateway's verifier test.
const vector = JSON.parse(
  readFileSync(new URL('../test-vector.json', import.meta.url), 'utf8'),
) as {
  key: string;
  method: string;
  url: string;
  body: string;
  timestamp: string;
  nonce: string;
  canonical: string;
  signature: string;
};
const base = {
  method: vector.method,
  url: vector.url,
  body: vector.body,
  key: vector.key,
  now: Number(vector.timestamp) * 1000,
  nonce: vector.nonce,
};

describe('signRequest', () => {
  it('gives the documented canonical form and signature for the fixed request', () => {
    expect(canonicalRequest({ ...base, timestamp: vector.timestamp })).toBe(vector.canonical);
    expect(signRequest(base)).toEqual({
      'x-kavosh-key': vector.key,
      'x-kavosh-timestamp': vector.timestamp,
      'x-kavosh-nonce': vector.nonce,
      'x-kavosh-signature': `v1=${vector.signature}`,
    });
  });

  it('signs an absolute URL as its path and query', () => {
    expect(signRequest({ ...base, url: `https://api.example.com${vector.url}#x` })).toEqual(
      signRequest(base),
    );
  });

  it.each([
    ['the method', { method: 'PUT' }],
    ['the path', { url: vector.url.replace('issue', 'issued') }],
    ['a query value', { url: vector.url.replace('a=1', 'a=2') }],
    ['the body', { body: `${vector.body} ` }],
    ['the key', { key: `${vector.key.slice(0, -1)}A` }],
    ['the timestamp', { now: base.now + 1000 }],
    ['the nonce', { nonce: `${vector.nonce}x` }],
  ])('gives another signature when %s changes', (_name, change) => {
    expect(signRequest({ ...base, ...change })['x-kavosh-signature']).not.toBe(
      `v1=${vector.signature}`,
    );
  });

  it('makes a new nonce for every request, and refuses a malformed one', () => {
    const { now: _now, nonce: _nonce, ...rest } = base;
    expect(signRequest(rest)['x-kavosh-nonce']).not.toBe(signRequest(rest)['x-kavosh-nonce']);
    expect(() => signRequest({ ...base, nonce: 'short' })).toThrow();
  });
});
