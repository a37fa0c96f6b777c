import type { FastifyRequest } from 'fastify';
import { Forbidden, identityOf, type Access } from '@kavosh/auth-client';
import { Type } from 'typebox';

/** Who manages plans and may read any user's billing. */
export const ADMINS = { roles: ['admin'] } satisfies Access;

/** `?userId=` on the user routes: an admin's lookup of another user; anyone else gets 403. */
export const UserIdQueryField = Type.Optional(
  Type.String({
    format: 'uuid',
    maxLength: 36,
    description: 'Admins only: whose billing to read (default: your own)',
  }),
);

/**
 * Whose data the request reads: the caller's own, or with `?userId=` (admins only) that user's.
 * Throws Forbidden when a non-admin names anyone, themselves included: one clear rule.
 */
export function ownerOf(request: FastifyRequest, requestedUserId: string | undefined): string {
  const identity = identityOf(request);
  if (requestedUserId === undefined) return identity.userId;
  if (!identity.roles.includes('admin')) throw new Forbidden();
  return requestedUserId;
}

/** The caller and whether they are an admin (who may read anyone's records by id). */
export function viewerOf(request: FastifyRequest): { userId: string; admin: boolean } {
  const identity = identityOf(request);
  return { userId: identity.userId, admin: identity.roles.includes('admin') };
}
