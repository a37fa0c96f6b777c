import type { Role } from '@kavosh/auth-client';
import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';

export type Tx = Prisma.TransactionClient;
type Sql = Database | Tx;

export interface RefreshTokenRow {
  id: string;
  familyId: string;
  userId: string;
  expiresAt: Date;
  familyExpiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export const sessionsRepository = {
  async insert(
    db: Sql,
    row: {
      id: string;
      tokenHash: string;
      familyId: string;
      userId: string;
      createdAt: Date;
      expiresAt: Date;
      familyExpiresAt: Date;
    },
  ): Promise<void> {
    await db.$executeRaw`INSERT INTO refresh_tokens
      (id, token_hash, family_id, user_id, created_at, expires_at, family_expires_at)
      VALUES (${row.id}, ${row.tokenHash}, ${row.familyId}, ${row.userId}, ${row.createdAt},
              ${row.expiresAt}, ${row.familyExpiresAt})`;
  },

  /** The presented token's row, locked until the transaction ends (one winner per token). */
  async lockByHash(tx: Tx, tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const rows = await tx.$queryRaw<RefreshTokenRow[]>`
      SELECT id, family_id AS familyId, user_id AS userId, expires_at AS expiresAt,
             family_expires_at AS familyExpiresAt, used_at AS usedAt, revoked_at AS revokedAt
      FROM refresh_tokens WHERE token_hash = ${tokenHash} FOR UPDATE`;
    return rows[0];
  },

  async findByHash(db: Sql, tokenHash: string): Promise<RefreshTokenRow | undefined> {
    const rows = await db.$queryRaw<RefreshTokenRow[]>`
      SELECT id, family_id AS familyId, user_id AS userId, expires_at AS expiresAt,
             family_expires_at AS familyExpiresAt, used_at AS usedAt, revoked_at AS revokedAt
      FROM refresh_tokens WHERE token_hash = ${tokenHash}`;
    return rows[0];
  },

  async markUsed(tx: Tx, id: string, at: Date): Promise<void> {
    await tx.$executeRaw`UPDATE refresh_tokens SET used_at = ${at} WHERE id = ${id}`;
  },

  async revokeFamily(db: Sql, familyId: string, at: Date): Promise<void> {
    await db.$executeRaw`UPDATE refresh_tokens SET revoked_at = ${at}
      WHERE family_id = ${familyId} AND revoked_at IS NULL`;
  },

  /** Revokes every family of the user but `keepFamilyId` (none kept when undefined). */
  async revokeUserFamilies(
    db: Sql,
    userId: string,
    at: Date,
    keepFamilyId?: string,
  ): Promise<void> {
    await db.$executeRaw`UPDATE refresh_tokens SET revoked_at = ${at}
      WHERE user_id = ${userId} AND revoked_at IS NULL AND family_id <> ${keepFamilyId ?? ''}`;
  },

  async roleOf(tx: Tx, userId: string): Promise<Role | undefined> {
    const rows = await tx.$queryRaw<{ role: Role }[]>`SELECT role FROM users WHERE id = ${userId}`;
    return rows[0]?.role;
  },
};
