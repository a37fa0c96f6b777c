import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { OWASP_ARGON2ID } from '../src/passwords/hasher.js';
import { PASSWORD, uniqueEmail } from './fixtures.js';
import { startAuth } from './helper.js';

describe('the argon2 queue bound', () => {
  let svc: TestService<KavoshApp>;

  beforeAll(async () => {
    svc = await startAuth({
      env: { ARGON2_MAX_IN_FLIGHT: '1', ARGON2_MAX_WAITING: '2' },
      // Full-cost hashes, so a burst really waits for the one slot.
      deps: { argon2ForTestsOnly: OWASP_ARGON2ID },
    });
  });
  afterAll(() => svc.close());

  it('answers 503 PASSWORD_HASHING_BUSY with Retry-After beyond the configured waiting hashes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () =>
        svc.app.inject({
          method: 'POST',
          url: '/register',
          payload: { email: uniqueEmail('burst'), password: PASSWORD, displayName: 'Burst' },
        }),
      ),
    );
    const created = answers.filter((res) => res.statusCode === 201);
    const busy = answers.filter((res) => res.statusCode === 503);
    expect(created.length + busy.length).toBe(answers.length);
    // One running and two waiting get through; the others are refused at once.
    expect(created.length).toBeGreaterThanOrEqual(3);
    expect(busy.length).toBeGreaterThan(0);
    for (const res of busy) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toMatchObject({ code: 'PASSWORD_HASHING_BUSY', retryAfterSeconds: 1 });
    }
  });

  it('gives the login attempt refused for a busy hasher back to the throttle', async () => {
    const email = uniqueEmail('queued');
    const login = () =>
      svc.app.inject({
        method: 'POST',
        url: '/login',
        payload: { email, password: 'wrong password' },
        remoteAddress: '10.8.0.1',
      });
    // The first 5 attempts pass the throttle (5 free failures), the rest get 429; of those 5, the
    // hasher (1 running, 2 waiting) refuses some with 503.
    const answers = await Promise.all(Array.from({ length: 12 }, login));
    const codes = answers.map((res) => res.statusCode);
    expect(codes).toContain(503);
    for (const res of answers.filter((answer) => answer.statusCode === 503)) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toMatchObject({ status: 503, code: 'PASSWORD_HASHING_BUSY' });
    }
    expect(codes.filter((code) => code === 401).length).toBeLessThan(5);
    // Those were never checked, so they are not failures: the account is not locked.
    expect((await login()).statusCode).toBe(401);
  });
});
