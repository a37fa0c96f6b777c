import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Signs a Kavosh partner request (docs/partners.md). The signed form:
 *
 *   KAVOSH-HMAC-SHA256 \n <timestamp> \n <nonce> \n <METHOD> \n <path> \n <sorted query> \n <body sha256 hex>
 *
 * `timestamp` is Unix seconds; the query is the raw query string split on `&`, empty parts
 * dropped, sorted by code unit and joined with `&`; the HMAC-SHA256 key is the whole partner key.
 */
export interface SignRequestInput {
  method: string;
  /** The URL (absolute, or path and query) exactly as it will be sent. */
  url: string;
  /** The body exactly as it will be sent; none for a request without one. */
  body?: string | Uint8Array;
  /** The partner key, `kvp_<prefix>_<secret>`. */
  key: string;
  /** Unix milliseconds; default now. */
  now?: number;
  /** 16–64 of [A-Za-z0-9_-], new for every request; default 24 random bytes. */
  nonce?: string;
}

export const SIGNATURE_ALGORITHM = 'KAVOSH-HMAC-SHA256';

const sortedQuery = (query: string): string =>
  query
    .split('&')
    .filter((part) => part !== '')
    .sort()
    .join('&');

/** The request target (path and query) of a URL as sent. */
function targetOf(url: string): { path: string; query: string } {
  const target = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url.replace(/^[^:]+:\/\/[^/?#]*/, '') : url;
  const withoutFragment = target.split('#')[0] ?? '';
  const queryAt = withoutFragment.indexOf('?');
  const path = queryAt === -1 ? withoutFragment : withoutFragment.slice(0, queryAt);
  return {
    path: path === '' ? '/' : path,
    query: queryAt === -1 ? '' : withoutFragment.slice(queryAt + 1),
  };
}

/** The canonical string that is signed. */
export function canonicalRequest(input: {
  method: string;
  url: string;
  body?: string | Uint8Array;
  timestamp: string;
  nonce: string;
}): string {
  const { path, query } = targetOf(input.url);
  const bodySha256 = createHash('sha256')
    .update(input.body ?? '')
    .digest('hex');
  return [
    SIGNATURE_ALGORITHM,
    input.timestamp,
    input.nonce,
    input.method.toUpperCase(),
    path,
    sortedQuery(query),
    bodySha256,
  ].join('\n');
}

/** The headers to send with the request: the key, the timestamp, the nonce and the signature. */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const timestamp = String(Math.floor((input.now ?? Date.now()) / 1000));
  const nonce = input.nonce ?? randomBytes(24).toString('base64url');
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) {
    throw new Error('a nonce is 16 to 64 of A-Z a-z 0-9 _ -');
  }
  const signature = createHmac('sha256', input.key)
    .update(canonicalRequest({ ...input, timestamp, nonce }))
    .digest('hex');
  return {
    'x-kavosh-key': input.key,
    'x-kavosh-timestamp': timestamp,
    'x-kavosh-nonce': nonce,
    'x-kavosh-signature': `v1=${signature}`,
  };
}
