import { randomUUID } from 'node:crypto';
import type { Role } from '@kavosh/auth-client';
import { testTokens } from '@kavosh/auth-client/testing';

export interface Caller {
  userId: string;
  headers: Record<string, string>;
}

/** A caller with `roles` (a fresh user unless `userId` is given) and their bearer header. */
export async function callerWith(roles: Role[], userId: string = randomUUID()): Promise<Caller> {
  const token = await (await testTokens()).tokenFor({ userId, roles });
  return { userId, headers: { authorization: `Bearer ${token}` } };
}
