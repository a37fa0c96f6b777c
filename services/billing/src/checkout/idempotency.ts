import { createHash } from 'node:crypto';
import { AppError } from '@kavosh/service-kit';
import type { Logger } from 'pino';
import { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../db.js';
import { IdempotencyKeyInFlight, IdempotencyKeyReused } from './errors.js';

// Stripe's Idempotency-Key rules for POST /checkout: the first request with a key runs and its
// answer is stored; the same key with the same body replays that answer; with another body it is
// 422; while the first still runs it is 409; keys are forgotten after the TTL (24 h). Answers of
// 5xx and unexpected errors are not stored (the key is released), so a retry runs again.

/** A request that never finished (its process died) stops blocking its key after this long. */
const ABANDONED_AFTER_MS = 120_000;

export interface StoredAnswer<T> {
  body: T;
  replayed: boolean;
}

interface StoredProblem {
  problem: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    extra?: Record<string, unknown>;
  };
}

/** A stable fingerprint of what a request asks (key order does not matter). */
export function fingerprintOf(route: string, body: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify([route, canonical(body)]))
    .digest('hex');
}

const isDuplicate = (err: unknown) =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

export function createIdempotency(deps: { db: Database; ttlSeconds: number; now: () => Date }) {
  const { db } = deps;
  const where = (userId: string, key: string) => ({ userId_key: { userId, key } });

  /** Claims the key; returns a stored answer to replay instead when there is one. */
  async function claim(
    userId: string,
    key: string,
    fingerprint: string,
  ): Promise<StoredAnswer<unknown> | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = deps.now();
      try {
        await db.idempotencyKey.create({
          data: {
            userId,
            key,
            fingerprint,
            state: 'in_flight',
            createdAt: now,
            expiresAt: new Date(now.getTime() + deps.ttlSeconds * 1000),
          },
        });
        return null;
      } catch (err) {
        if (!isDuplicate(err)) throw err;
      }
      const row = await db.idempotencyKey.findUnique({ where: where(userId, key) });
      if (!row) continue;
      if (row.expiresAt <= now) {
        await db.idempotencyKey.deleteMany({ where: { userId, key, expiresAt: row.expiresAt } });
        continue;
      }
      if (row.fingerprint !== fingerprint) throw new IdempotencyKeyReused();
      if (row.state === 'done') {
        const stored = JSON.parse(row.responseBody ?? 'null') as unknown;
        if (stored !== null && typeof stored === 'object' && 'problem' in stored) {
          throw new AppError((stored as StoredProblem).problem as StoredProblem['problem']);
        }
        return { body: stored, replayed: true };
      }
      if (now.getTime() - row.createdAt.getTime() < ABANDONED_AFTER_MS)
        throw new IdempotencyKeyInFlight();
      const taken = await db.idempotencyKey.updateMany({
        where: { userId, key, state: 'in_flight', createdAt: row.createdAt },
        data: { createdAt: now },
      });
      if (taken.count === 1) return null;
      throw new IdempotencyKeyInFlight();
    }
    throw new IdempotencyKeyInFlight();
  }

  const store = (userId: string, key: string, status: number, body: unknown) =>
    db.idempotencyKey.update({
      where: where(userId, key),
      data: { state: 'done', responseStatus: status, responseBody: JSON.stringify(body) },
    });

  return {
    /** Runs `work` once per (user, key, body) within the TTL, answering the stored result after. */
    async run<T>(
      userId: string,
      key: string,
      fingerprint: string,
      work: () => Promise<{ status: number; body: T }>,
    ): Promise<StoredAnswer<T>> {
      const replay = await claim(userId, key, fingerprint);
      // What was stored is what `work` answered for this very key and body.
      if (replay) return replay as StoredAnswer<T>;
      let answer: { status: number; body: T };
      try {
        answer = await work();
      } catch (err) {
        if (err instanceof AppError && err.status < 500) {
          const { status, code, title, detail, extra } = err;
          const problem: StoredProblem = {
            problem: {
              status,
              code,
              title,
              ...(detail ? { detail } : {}),
              ...(extra ? { extra } : {}),
            },
          };
          await store(userId, key, status, problem);
        } else {
          await db.idempotencyKey.deleteMany({ where: { userId, key } });
        }
        throw err;
      }
      await store(userId, key, answer.status, answer.body);
      return { body: answer.body, replayed: false };
    },

    /** Forgets expired keys; returns how many. */
    async prune(): Promise<number> {
      const { count } = await db.idempotencyKey.deleteMany({
        where: { expiresAt: { lte: deps.now() } },
      });
      return count;
    },
  };
}
export type Idempotency = ReturnType<typeof createIdempotency>;

/** Prunes expired keys every `intervalMs` (each replica; a delete of expired rows is harmless twice). */
export function scheduleIdempotencyPruning(
  idempotency: Idempotency,
  opts: { intervalMs: number; logger: Logger },
): { stop(): void } {
  const log = opts.logger.child({ component: 'idempotency-pruning' });
  const timer = setInterval(() => {
    idempotency.prune().then(
      (pruned) => {
        if (pruned > 0) log.info({ pruned }, 'expired idempotency keys pruned');
      },
      (err: unknown) => log.warn({ err }, 'expired idempotency keys not pruned'),
    );
  }, opts.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
