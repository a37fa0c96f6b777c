import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxClock } from '../clock.js';
import { StripeError } from './stripe-error.js';

interface StoredResponse {
  fingerprint: string;
  createdAt: number;
  /** Undefined while the first request with the key is still being handled. */
  response?: { statusCode: number; payload: string; contentType: string };
}

const KEEP_SECONDS = 24 * 60 * 60;
const MAX_KEY_LENGTH = 255;
const MAX_KEYS = 50_000;

/** Objects compare by content, whatever order their keys came in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: string;
  }
}

/**
 * Stripe's idempotent requests on POST: the first answer to a key is stored for 24 hours (of the
 * sandbox clock) and replayed for the same method, path and parameters, with
 * `Idempotent-Replayed: true`; other parameters under the same key are refused, as is a second
 * request while the first is still running. Answers to requests that failed validation or the
 * server are not stored, as at Stripe, so a corrected retry can reuse the key.
 */
export function registerIdempotency(app: FastifyInstance, clock: SandboxClock): void {
  const stored = new Map<string, StoredResponse>();

  const sweep = (now: number) => {
    for (const [key, entry] of stored) {
      if (entry.createdAt + KEEP_SECONDS > now && stored.size <= MAX_KEYS) break;
      if (entry.response !== undefined) stored.delete(key);
    }
  };

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' || !request.url.startsWith('/v1/')) return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > MAX_KEY_LENGTH) {
      throw new StripeError(
        400,
        'invalid_request_error',
        `Idempotency keys must be 1 to ${MAX_KEY_LENGTH} characters long.`,
        'idempotency_key_invalid',
      );
    }
    const now = clock.now();
    sweep(now);
    const fingerprint = JSON.stringify([
      request.method,
      request.url,
      canonical(request.body ?? {}),
    ]);
    const existing = stored.get(key);
    if (existing && existing.createdAt + KEEP_SECONDS > now) {
      if (existing.fingerprint !== fingerprint) {
        throw new StripeError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        );
      }
      if (existing.response === undefined) {
        throw new StripeError(
          409,
          'idempotency_error',
          'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.',
        );
      }
      return reply
        .code(existing.response.statusCode)
        .header('content-type', existing.response.contentType)
        .header('idempotent-replayed', 'true')
        .send(existing.response.payload);
    }
    stored.set(key, { fingerprint, createdAt: now });
    request.idempotencyKey = key;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const key = request.idempotencyKey;
    if (key === undefined) return payload;
    const entry = stored.get(key);
    if (!entry || entry.response !== undefined) return payload;
    const text =
      typeof payload === 'string'
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString('utf8')
          : undefined;
    const validationFailure =
      reply.statusCode === 400 && text !== undefined && text.includes('"invalid_request_error"');
    if (reply.statusCode >= 500 || validationFailure || text === undefined) {
      stored.delete(key);
      return payload;
    }
    entry.response = {
      statusCode: reply.statusCode,
      payload: text,
      contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
    };
    return payload;
  });
}
