import { describe, expect, it } from 'vitest';
import { parseOptions } from '@node-rs/argon2';
import { createPasswordHasher, defaultMaxInFlight, OWASP_ARGON2ID } from './hasher.js';
import { assertAcceptablePassword } from './policy.js';
import { createSemaphore } from './semaphore.js';

describe('createPasswordHasher', () => {
  it("uses argon2id at OWASP's parameters (m=19456, t=2, p=1) by default", async () => {
    expect(OWASP_ARGON2ID).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const hasher = createPasswordHasher();
    const hashed = await hasher.hash('a long enough password');
    expect(hashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hashed, 'a long enough password')).toBe(true);
    expect(await hasher.verify(hashed, 'another password')).toBe(false);
    expect(hasher.needsRehash(hashed)).toBe(false);
  });

  it('flags hashes made with other parameters for an upgrade', async () => {
    const cheap = createPasswordHasher({
      params: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    });
    const hashed = await cheap.hash('a long enough password');
    expect(parseOptions(hashed).memoryCost).toBe(1024);
    expect(createPasswordHasher().needsRehash(hashed)).toBe(true);
  });
});

describe('createSemaphore', () => {
  it('never runs more tasks than its limit at once', async () => {
    const gate = createSemaphore(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 10 }, () => gate.run(task)));
    expect(peak).toBe(2);
    expect(gate.inFlight).toBe(0);
  });

  it('refuses a task at once when maxWaiting tasks already wait, and takes them again later', async () => {
    const gate = createSemaphore(1, { maxWaiting: 2, onFull: () => new Error('full') });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const running = gate.run(() => held);
    const queued = [gate.run(async () => 1), gate.run(async () => 2)];
    await expect(gate.run(async () => 3)).rejects.toThrow('full');
    expect(gate.waiting).toBe(2);
    release();
    await running;
    expect(await Promise.all(queued)).toEqual([1, 2]);
    expect(await gate.run(async () => 4)).toBe(4);
  });
});

describe('assertAcceptablePassword', () => {
  it('accepts 8..128 characters that are not common, counting code points', () => {
    expect(() => assertAcceptablePassword('tr0ub4dor&3-horse')).not.toThrow();
    expect(() => assertAcceptablePassword('😀'.repeat(8))).not.toThrow();
    expect(() => assertAcceptablePassword('😀'.repeat(129))).toThrow(/128/);
  });

  it('refuses the shipped common passwords in any case, and the email itself', () => {
    expect(() => assertAcceptablePassword('PASSWORD')).toThrow(/common/);
    expect(() => assertAcceptablePassword('iloveyou')).toThrow(/common/);
    expect(() => assertAcceptablePassword('me@example.com', { email: 'me@example.com' })).toThrow(
      /email/,
    );
  });
});

describe('defaultMaxInFlight', () => {
  it('runs one hash per core, but always leaves libuv a thread for other work', () => {
    expect(defaultMaxInFlight(2, 4)).toBe(2);
    expect(defaultMaxInFlight(8, 4)).toBe(3);
    expect(defaultMaxInFlight(8, 16)).toBe(8);
    expect(defaultMaxInFlight(1, 4)).toBe(1);
    expect(defaultMaxInFlight(4, 1)).toBe(1);
  });
});
