import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import { PartnerKeyInvalid, type PartnerKeyVerification } from '@kavosh/auth-client';
import {
  CredentialsAmbiguous,
  NonceStoreUnavailable,
  PartnerKeyInQuery,
  PartnerVerificationUnavailable,
  SignatureInvalid,
  SignatureReplayed,
} from './errors.js';
import type { PartnerKeyVerifier } from './key-verifier.js';
import {
  CLOCK_WINDOW_SECONDS,
  NONCE_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  sha256Hex,
  signatureHeadersOf,
  signatureMatches,
} from './signature.js';

export const PARTNER_AUTH_SCHEME = 'KavoshPartner ';
export const PARTNER_KEY_HEADER = 'x-kavosh-key';

/** Headers of a partner request that never reach a service (the key above all). */
export const PARTNER_REQUEST_HEADERS = [
  PARTNER_KEY_HEADER,
  TIMESTAMP_HEADER,
  NONCE_HEADER,
  SIGNATURE_HEADER,
] as const;

// A key (or what a client thinks is one) anywhere in the query string, raw or %-encoded.
const KEY_IN_QUERY = /kvp_|kvp%5f|(?:^|&)(?:api[_-]?key|apikey|x-kavosh-key|partner[_-]?key)=/i;

/** Distinct key prefixes labelled in metrics; keys beyond share the label `other`. */
const MAX_LABELLED_KEYS = 1_000;

const grants = new WeakMap<FastifyRequest, PartnerKeyVerification>();
const signed = new WeakSet<FastifyRequest>();
const refusalReasons = new WeakMap<FastifyRequest, string>();

/** The verified grant of a partner request (tier, prefix), or undefined. */
export const partnerGrantOf = (request: FastifyRequest): PartnerKeyVerification | undefined =>
  grants.get(request);

/** Called by the policy check when the route's scope is one that must be signed. */
export const requireSignature = (request: FastifyRequest): void => {
  signed.add(request);
};

type KeyOrProblem = { key: string } | { problem: Error } | undefined;

function presentedKey(request: FastifyRequest): KeyOrProblem {
  const url = request.url;
  const queryAt = url.indexOf('?');
  if (queryAt !== -1 && KEY_IN_QUERY.test(url.slice(queryAt + 1))) {
    return { problem: new PartnerKeyInQuery() };
  }
  const authorization = request.headers.authorization;
  const header = request.headers[PARTNER_KEY_HEADER];
  const fromAuthorization = authorization?.startsWith(PARTNER_AUTH_SCHEME)
    ? authorization.slice(PARTNER_AUTH_SCHEME.length)
    : undefined;
  if (header === undefined && fromAuthorization === undefined) return undefined;
  // Two keys, or a key beside a bearer token: one caller per request.
  if (header !== undefined && authorization !== undefined) {
    return { problem: new CredentialsAmbiguous() };
  }
  const key = fromAuthorization ?? header;
  return typeof key === 'string' ? { key } : { problem: new PartnerKeyInvalid() };
}

async function readBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Partner keys at the edge (docs/partners.md):
 * - onRequest (after authentication, before the rate limit and the policy check): a key in the
 *   query string is refused; a key in `X-Kavosh-Key` or `Authorization: KavoshPartner` is verified
 *   (key-verifier.ts) and sets `request.partner`;
 * - preHandler (the body has arrived as a stream): a request whose route scope must be signed is
 *   checked: clock window, HMAC over the canonical form (signature.ts) with the body's digest, then
 *   its nonce is stored in Redis for the window (SET NX): a second use is a replay. The body read
 *   for the digest is what is forwarded.
 */
export function installPartnerKeys(
  app: FastifyInstance,
  opts: { verifier: PartnerKeyVerifier; redis: Redis; noncePrefix: string; now?: () => number },
): void {
  const now = opts.now ?? Date.now;
  const requests = new Counter({
    name: 'gateway_partner_requests_total',
    help: 'Requests made with a verified partner key, by key prefix',
    labelNames: ['key'],
    registers: [app.metrics],
  });
  const refusals = new Counter({
    name: 'gateway_partner_refusals_total',
    help: 'Partner requests refused at the edge, by key prefix (unknown for unverified keys) and reason',
    labelNames: ['key', 'reason'],
    registers: [app.metrics],
  });
  const labelled = new Set<string>();
  const labelOf = (prefix: string): string => {
    if (labelled.has(prefix)) return prefix;
    if (labelled.size >= MAX_LABELLED_KEYS) return 'other';
    labelled.add(prefix);
    return prefix;
  };

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const presented = presentedKey(request);
    if (presented === undefined) return;
    if ('problem' in presented) {
      refusals.labels('unknown', 'malformed').inc();
      throw presented.problem;
    }
    let grant: PartnerKeyVerification | null;
    try {
      grant = await opts.verifier.verify(presented.key);
    } catch (err) {
      throw new PartnerVerificationUnavailable(err);
    }
    if (grant === null) {
      refusals.labels('unknown', 'invalid_key').inc();
      throw new PartnerKeyInvalid();
    }
    grants.set(request, grant);
    request.partner = { keyId: grant.keyId, partner: grant.partner, scopes: grant.scopes };
  });

  app.addHook('preHandler', async (request) => {
    if (!signed.has(request)) return;
    const grant = grants.get(request);
    const key = request.headers.authorization?.startsWith(PARTNER_AUTH_SCHEME)
      ? request.headers.authorization.slice(PARTNER_AUTH_SCHEME.length)
      : request.headers[PARTNER_KEY_HEADER];
    const parts = signatureHeadersOf(
      {
        timestamp: request.headers[TIMESTAMP_HEADER],
        nonce: request.headers[NONCE_HEADER],
        signature: request.headers[SIGNATURE_HEADER],
      },
      Math.floor(now() / 1000),
    );
    if (grant === undefined || typeof key !== 'string' || parts === undefined) {
      refusalReasons.set(request, 'signature');
      throw new SignatureInvalid();
    }
    const body = await readBody(request.body);
    const matches = signatureMatches(
      key,
      {
        method: request.method,
        target: request.url,
        bodySha256: sha256Hex(body),
        timestamp: parts.timestamp,
        nonce: parts.nonce,
      },
      parts.signature,
    );
    if (!matches) {
      refusalReasons.set(request, 'signature');
      throw new SignatureInvalid();
    }
    let stored: string | null;
    try {
      // Nonces are per key; kept for both sides of the window, the longest a timestamp is valid.
      stored = await opts.redis.set(
        `${opts.noncePrefix}${grant.prefix}:${parts.nonce}`,
        '1',
        'EX',
        2 * CLOCK_WINDOW_SECONDS,
        'NX',
      );
    } catch (err) {
      throw new NonceStoreUnavailable(err);
    }
    if (stored === null) {
      refusalReasons.set(request, 'replay');
      throw new SignatureReplayed();
    }
    // The proxy streams bodies: the bytes read for the digest go on as a stream of their own.
    if (request.body !== undefined && request.body !== null) request.body = Readable.from(body);
  });

  app.addHook('onResponse', async (request, reply) => {
    const grant = grants.get(request);
    if (grant === undefined) return;
    const label = labelOf(grant.prefix);
    requests.labels(label).inc();
    const status = reply.statusCode;
    const reason =
      refusalReasons.get(request) ??
      (status === 403 ? 'scope' : status === 429 ? 'rate_limited' : undefined);
    if (reason !== undefined) refusals.labels(label, reason).inc();
  });
}
