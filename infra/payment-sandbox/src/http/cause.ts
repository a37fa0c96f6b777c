import type { FastifyRequest } from 'fastify';
import type { EventCause } from '../sandbox.js';

/** The `request` of events a call causes: its id and idempotency key, as Stripe records them. */
export function causeOf(request: FastifyRequest): EventCause {
  const key = request.headers['idempotency-key'];
  return {
    id: `req_${request.id}`,
    idempotency_key: typeof key === 'string' && key !== '' ? key : null,
  };
}
