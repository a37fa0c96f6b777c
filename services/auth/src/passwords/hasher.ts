import { availableParallelism } from 'node:os';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import { PasswordHashingBusy } from './errors.js';
import { createSemaphore } from './semaphore.js';

export interface Argon2Params {
  /** KiB */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP's argon2id recommendation (Password Storage Cheat Sheet): m=19 MiB, t=2, p=1. */
export const OWASP_ARGON2ID: Argon2Params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * Hashes in flight by default: one per core (argon2 is CPU-bound, more only timeslices), but fewer
 * than libuv's thread pool, which argon2 runs on: the rest of the pool stays free for the work the
 * event loop hands it (crypto, fs, dns), so a login burst never queues that behind a hash.
 */
export function defaultMaxInFlight(cores: number, threadPoolSize: number): number {
  return Math.max(1, Math.min(cores, threadPoolSize - 1));
}
// A waiting hash costs a request held open; at ~40 ms a verify, 32 waiting is ~0.3 s of work.
export const DEFAULT_MAX_WAITING = 32;
const ARGON2ID = 2;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
  /** True when the stored hash was made with other parameters than the current ones. */
  needsRehash(hashed: string): boolean;
  /** Costs what verifying a real hash costs; answers false. For unknown accounts. */
  verifyDummy(password: string): Promise<false>;
  readonly params: Argon2Params;
}

/**
 * argon2id with a bound on hashes in flight and on hashes waiting, so a burst of logins can
 * neither starve the process nor pile up without limit: beyond maxWaiting, hash and verify throw
 * PasswordHashingBusy (503 with Retry-After).
 */
export function createPasswordHasher(
  opts: { params?: Argon2Params; maxInFlight?: number; maxWaiting?: number } = {},
): PasswordHasher {
  const params = opts.params ?? OWASP_ARGON2ID;
  const gate = createSemaphore(opts.maxInFlight ?? defaultMaxInFlight(availableParallelism(), 4), {
    maxWaiting: opts.maxWaiting ?? DEFAULT_MAX_WAITING,
    onFull: () => new PasswordHashingBusy(),
  });
  // Made in the background: the start does not wait for a hash only unknown emails need.
  const dummyHash = hash('kavosh-dummy-password', params);
  dummyHash.catch(() => undefined); // an error surfaces where it is awaited, in verifyDummy
  const check = (hashed: string, password: string) => gate.run(() => verify(hashed, password));
  return {
    params,
    hash: (password) => gate.run(() => hash(password, params)),
    verify: check,
    async verifyDummy(password) {
      await check(await dummyHash, password);
      return false;
    },
    needsRehash(hashed) {
      const current = parseOptions(hashed);
      return (
        current.algorithm !== ARGON2ID ||
        current.memoryCost !== params.memoryCost ||
        current.timeCost !== params.timeCost ||
        current.parallelism !== params.parallelism
      );
    },
  };
}
