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

// Each hash in flight holds ~20 MiB and a libuv thread; more than this only queues in libuv.
export const DEFAULT_MAX_IN_FLIGHT = 4;
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
export async function createPasswordHasher(
  opts: { params?: Argon2Params; maxInFlight?: number; maxWaiting?: number } = {},
): Promise<PasswordHasher> {
  const params = opts.params ?? OWASP_ARGON2ID;
  const gate = createSemaphore(opts.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT, {
    maxWaiting: opts.maxWaiting ?? DEFAULT_MAX_WAITING,
    onFull: () => new PasswordHashingBusy(),
  });
  const dummyHash = await hash('kavosh-dummy-password', params);
  const check = (hashed: string, password: string) => gate.run(() => verify(hashed, password));
  return {
    params,
    hash: (password) => gate.run(() => hash(password, params)),
    verify: check,
    async verifyDummy(password) {
      await check(dummyHash, password);
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
