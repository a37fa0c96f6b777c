import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Role } from '@kavosh/auth-client';
import type { Database } from '../db.js';
import type { AccessTokenSigner } from './access-tokens.js';
import { RefreshTokenInvalid, RefreshTokenReused } from './errors.js';
import { hashRefreshToken, newRefreshToken } from './refresh-token.js';
import { sessionsRepository as repo, type Tx } from './repository.js';

/**
 * Two refreshes of one token from the same client (two tabs, a retry after a timeout) race; the
 * loser arriving this soon after the winner gets 401 but does not revoke the family. A replay
 * later than this is treated as theft. The trade-off is written down in docs/auth.md.
 */
export const REUSE_GRACE_MS = 5_000;

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface SessionsConfig {
  refreshTtlSeconds: number;
  refreshMaxAgeSeconds: number;
}

type RotateOutcome =
  { kind: 'rotated'; pair: TokenPair } | { kind: 'reused'; userId: string; familyId: string };

export function createSessionsService(deps: {
  db: Database;
  signer: AccessTokenSigner;
  config: SessionsConfig;
  logger: Logger;
  now: () => Date;
}) {
  const { db, signer, config } = deps;

  async function issue(
    sql: Database | Tx,
    user: { userId: string; role: Role },
    family: { familyId: string; familyExpiresAt: Date },
  ): Promise<TokenPair> {
    const now = deps.now();
    const refreshToken = newRefreshToken();
    const sliding = now.getTime() + config.refreshTtlSeconds * 1000;
    const expiresAt = new Date(Math.min(sliding, family.familyExpiresAt.getTime()));
    await repo.insert(sql, {
      id: randomUUID(),
      tokenHash: hashRefreshToken(refreshToken),
      familyId: family.familyId,
      userId: user.userId,
      createdAt: now,
      expiresAt,
      familyExpiresAt: family.familyExpiresAt,
    });
    const access = await signer.sign({
      userId: user.userId,
      roles: [user.role],
      sessionId: family.familyId,
    });
    return {
      accessToken: access.token,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshToken,
      refreshTokenExpiresAt: expiresAt.toISOString(),
    };
  }

  /** Spends the token in one transaction; concurrent spenders queue on its row lock. */
  function rotate(refreshToken: string): Promise<RotateOutcome> {
    return db.$transaction(
      async (tx): Promise<RotateOutcome> => {
        const now = deps.now();
        const row = await repo.lockByHash(tx, hashRefreshToken(refreshToken));
        if (!row || row.revokedAt) throw new RefreshTokenInvalid();
        if (row.usedAt) {
          if (now.getTime() - row.usedAt.getTime() <= REUSE_GRACE_MS)
            throw new RefreshTokenInvalid();
          await repo.revokeFamily(tx, row.familyId, now);
          return { kind: 'reused', userId: row.userId, familyId: row.familyId };
        }
        if (row.expiresAt <= now || row.familyExpiresAt <= now) throw new RefreshTokenInvalid();
        const role = await repo.roleOf(tx, row.userId);
        if (!role) throw new RefreshTokenInvalid();
        await repo.markUsed(tx, row.id, now);
        const pair = await issue(tx, { userId: row.userId, role }, row);
        return { kind: 'rotated', pair };
      },
      // The loser of a concurrent refresh waits on the row lock; under load that can take a while.
      { maxWait: 5_000, timeout: 15_000 },
    );
  }

  return {
    /** A new login: a new refresh family and its first token pair. */
    async start(user: { userId: string; role: Role }): Promise<TokenPair> {
      const familyExpiresAt = new Date(deps.now().getTime() + config.refreshMaxAgeSeconds * 1000);
      return issue(db, user, { familyId: randomUUID(), familyExpiresAt });
    },

    /**
     * Spends the refresh token and returns the next pair, with the user's current role. A spent
     * token presented again after the grace window revokes its family (REFRESH_TOKEN_REUSED).
     */
    async refresh(refreshToken: string): Promise<TokenPair> {
      const outcome = await retryOnConflict(() => rotate(refreshToken));
      if (outcome.kind === 'reused') {
        // A security event: someone holds a copy of a token the owner already used.
        deps.logger.warn(
          { security: 'refresh_token_reuse', userId: outcome.userId, familyId: outcome.familyId },
          'refresh token reused: family revoked',
        );
        throw new RefreshTokenReused();
      }
      return outcome.pair;
    },

    /** Ends the login the refresh token belongs to; unknown tokens are ignored (idempotent). */
    async logout(refreshToken: string): Promise<void> {
      const row = await repo.findByHash(db, hashRefreshToken(refreshToken));
      if (row) await repo.revokeFamily(db, row.familyId, deps.now());
    },

    /** Ends every login of the user except `keepSessionId` (in the caller's transaction). */
    async revokeOthers(tx: Tx, userId: string, keepSessionId?: string): Promise<void> {
      await repo.revokeUserFamilies(tx, userId, deps.now(), keepSessionId);
    },
  };
}
export type SessionsService = ReturnType<typeof createSessionsService>;

// InnoDB may pick one of two transactions that touch the same family as a deadlock victim (Prisma
// P2034); it rolled back entirely, so running it again is safe and lets the loser see the spent row.
async function retryOnConflict<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !isWriteConflict(err)) throw err;
    }
  }
}

function isWriteConflict(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = 'code' in err ? err.code : undefined;
  return code === 'P2034' || /deadlock|lock wait timeout|write conflict/i.test(err.message);
}
