import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  PARTNER_KEYS_CHANNEL,
  PARTNER_KEY_PATTERN,
  PartnerKeyInvalid,
  type PartnerKeyVerification,
  type PartnerScope,
  type PartnerTier,
} from '@kavosh/auth-client';
import type { Database } from '../db.js';
import type { PartnerKey as PartnerKeyRow } from '../generated/prisma/client.js';
import {
  PartnerKeyExpiryInvalid,
  PartnerKeyInactive,
  PartnerKeyNotFound,
  PartnerKeysDisabled,
} from './errors.js';
import { partnerKeysRepository as repo } from './repository.js';
import { MAX_KEY_LIFETIME_DAYS, type PartnerKey } from './schemas.js';
import { hashSecret, newKey, newSecret, sameHash } from './secrets.js';

const DAY_MS = 86_400_000;
const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function toPartnerKey(row: PartnerKeyRow, now: Date): PartnerKey {
  const status = row.revokedAt !== null ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active';
  const overlap = row.previousValidUntil;
  return {
    id: row.id,
    prefix: row.prefix,
    partner: row.partner,
    scopes: row.scopes.split(',') as PartnerScope[],
    tier: row.tier as PartnerTier,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    rotatedAt: iso(row.rotatedAt),
    previousSecretValidUntil: overlap !== null && overlap > now ? overlap.toISOString() : null,
    revokedAt: iso(row.revokedAt),
    status,
  };
}

/**
 * Partner keys: issued, rotated and revoked by admins (each change audited), verified for the
 * gateway. Rotations and revocations are announced on PARTNER_KEYS_CHANNEL after they commit, so
 * every gateway replica forgets the key at once; a lost announcement is bounded by the gateway's
 * cache lifetime.
 */
export function createPartnerKeysService(deps: {
  db: Database;
  redis: Redis;
  /** undefined: partner keys are disabled (no pepper in production). */
  pepper: string | undefined;
  now: () => Date;
  logger: Logger;
}) {
  const { db, now } = deps;
  const pepper = (): string => {
    if (deps.pepper === undefined) throw new PartnerKeysDisabled();
    return deps.pepper;
  };
  const announce = async (prefix: string) => {
    try {
      await deps.redis.publish(PARTNER_KEYS_CHANNEL, prefix);
    } catch (err) {
      deps.logger.warn(
        { err, prefix },
        'partner key change not announced; gateways see it when their cache expires',
      );
    }
  };
  const activeRow = async (id: string) => {
    const row = await repo.findById(db, id);
    if (!row) throw new PartnerKeyNotFound();
    return row;
  };

  return {
    async create(
      input: { partner: string; scopes: PartnerScope[]; tier: PartnerTier; expiresAt: string },
      actorId: string,
    ) {
      const at = now();
      const expiresAt = new Date(input.expiresAt);
      if (
        Number.isNaN(expiresAt.getTime()) ||
        expiresAt <= at ||
        expiresAt.getTime() - at.getTime() > MAX_KEY_LIFETIME_DAYS * DAY_MS
      ) {
        throw new PartnerKeyExpiryInvalid(MAX_KEY_LIFETIME_DAYS);
      }
      const { prefix, secret, key } = newKey();
      const id = randomUUID();
      const row = await db.$transaction(async (tx) => {
        const created = await repo.insert(tx, {
          id,
          prefix,
          partner: input.partner,
          scopes: input.scopes.join(','),
          tier: input.tier,
          secretHash: hashSecret(pepper(), secret),
          expiresAt,
          createdAt: at,
          createdBy: actorId,
        });
        await repo.audit(tx, {
          keyId: id,
          action: 'created',
          actorId,
          at,
          detail: `partner=${input.partner} scopes=${input.scopes.join(',')} tier=${input.tier}`,
        });
        return created;
      });
      return { key: toPartnerKey(row, at), secret: key };
    },

    async list(query: { partner?: string; cursor?: string; limit: number }) {
      const rows = await repo.list(db, {
        partner: query.partner,
        afterId: query.cursor,
        limit: query.limit + 1,
      });
      const at = now();
      const items = rows.slice(0, query.limit).map((row) => toPartnerKey(row, at));
      const last = items.at(-1);
      return { items, nextCursor: rows.length > query.limit && last ? last.id : null };
    },

    async get(id: string) {
      return toPartnerKey(await activeRow(id), now());
    },

    /** A new secret; the current one keeps working for `overlapSeconds` (never past expiry). */
    async rotate(id: string, overlapSeconds: number, actorId: string) {
      const at = now();
      const secret = newSecret();
      const row = await db.$transaction(async (tx) => {
        if (!(await repo.lockById(tx, id))) throw new PartnerKeyNotFound();
        const current = await repo.findById(tx, id);
        if (!current || current.revokedAt !== null || current.expiresAt <= at) {
          throw new PartnerKeyInactive();
        }
        const overlapEnd = new Date(at.getTime() + overlapSeconds * 1000);
        const rotated = await repo.update(tx, id, {
          secretHash: hashSecret(pepper(), secret),
          previousSecretHash: overlapSeconds > 0 ? current.secretHash : null,
          previousValidUntil:
            overlapSeconds > 0
              ? overlapEnd < current.expiresAt
                ? overlapEnd
                : current.expiresAt
              : null,
          rotatedAt: at,
        });
        await repo.audit(tx, {
          keyId: id,
          action: 'rotated',
          actorId,
          at,
          detail: `overlap=${overlapSeconds}s`,
        });
        return rotated;
      });
      await announce(row.prefix);
      return { key: toPartnerKey(row, at), secret: `kvp_${row.prefix}_${secret}` };
    },

    /** Ends the key (both secrets) at once. Revoking a revoked key changes nothing. */
    async revoke(id: string, actorId: string) {
      const at = now();
      const row = await db.$transaction(async (tx) => {
        if (!(await repo.lockById(tx, id))) throw new PartnerKeyNotFound();
        const current = await repo.findById(tx, id);
        if (!current || current.revokedAt !== null) return current;
        const revoked = await repo.update(tx, id, {
          revokedAt: at,
          previousSecretHash: null,
          previousValidUntil: null,
        });
        await repo.audit(tx, { keyId: id, action: 'revoked', actorId, at });
        return revoked;
      });
      if (!row) throw new PartnerKeyNotFound();
      await announce(row.prefix);
      return toPartnerKey(row, at);
    },

    /** The key's grant, or PartnerKeyInvalid: one answer for malformed, unknown, wrong, revoked, expired. */
    async verify(key: string): Promise<PartnerKeyVerification> {
      const match = PARTNER_KEY_PATTERN.exec(key);
      if (!match) throw new PartnerKeyInvalid();
      const [, prefix = '', secret = ''] = match;
      const hash = hashSecret(pepper(), secret);
      const row = await repo.findByPrefix(db, prefix);
      const at = now();
      if (!row || row.revokedAt !== null || row.expiresAt <= at) throw new PartnerKeyInvalid();
      let validUntil = row.expiresAt;
      if (!sameHash(hash, row.secretHash)) {
        const overlap = row.previousValidUntil;
        if (row.previousSecretHash === null || overlap === null || overlap <= at) {
          throw new PartnerKeyInvalid();
        }
        if (!sameHash(hash, row.previousSecretHash)) throw new PartnerKeyInvalid();
        validUntil = overlap;
      }
      return {
        keyId: row.id,
        prefix: row.prefix,
        partner: row.partner,
        scopes: row.scopes.split(',') as PartnerScope[],
        tier: row.tier as PartnerTier,
        validUntil: validUntil.toISOString(),
      };
    },

    auditOf: (id: string) => repo.auditOf(db, id),
  };
}
export type PartnerKeysService = ReturnType<typeof createPartnerKeysService>;
