import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, type KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { startAuth } from '../../test/helper.js';
import { login, PASSWORD, registerAndLogin } from '../../test/fixtures.js';
import { REUSE_GRACE_MS } from './service.js';

describe('refresh tokens', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;
  // The clock the service reads: tests move it forward instead of sleeping.
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const logLines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        logLines.push(JSON.parse(line));
      done();
    },
  });

  beforeAll(async () => {
    svc = await startAuth({
      deps: { now, logger: createLogger({ level: 'warn', destination }) },
      env: { REFRESH_TOKEN_TTL_SECONDS: '3600', REFRESH_TOKEN_MAX_AGE_SECONDS: '7200' },
    });
    app = svc.app;
  });
  afterAll(() => svc.close());

  const refresh = (refreshToken: string) =>
    app.inject({ method: 'POST', url: '/refresh', payload: { refreshToken } });

  it('rotates: each use returns a new pair and spends the old token', async () => {
    const session = await registerAndLogin(app);
    const first = await refresh(session.refreshToken);
    expect(first.statusCode).toBe(200);
    const next = first.json();
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.accessToken).not.toBe(session.accessToken);
    const me = await app.inject({
      url: '/me',
      headers: { authorization: `Bearer ${next.accessToken}` },
    });
    expect(me.json().id).toBe(session.userId);
    expect((await refresh(next.refreshToken)).statusCode).toBe(200);
  });

  it('kills the family when a stolen token is replayed after the owner refreshed; both must log in again', async () => {
    const session = await registerAndLogin(app);
    const stolen = session.refreshToken;
    const owner = (await refresh(stolen)).json();
    offsetMs += REUSE_GRACE_MS + 1_000;
    const replay = await refresh(stolen);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('REFRESH_TOKEN_REUSED');
    expect(logLines).toContainEqual(
      expect.objectContaining({ security: 'refresh_token_reuse', userId: session.userId }),
    );
    expect(JSON.stringify(logLines)).not.toContain(stolen);
    const ownerNext = await refresh(owner.refreshToken);
    expect(ownerNext.statusCode).toBe(401);
    expect(ownerNext.json().code).toBe('TOKEN_INVALID');
    // Other logins of the same user are not touched.
    const other = await login(app, session.email);
    expect((await refresh(other.refreshToken)).statusCode).toBe(200);
  });

  it('lets exactly one of two concurrent refreshes of one token win, without killing the family', async () => {
    const session = await registerAndLogin(app);
    const results = await Promise.all([
      refresh(session.refreshToken),
      refresh(session.refreshToken),
    ]);
    const codes = results.map((res) => res.statusCode).sort();
    expect(codes).toEqual([200, 401]);
    const winner = results.find((res) => res.statusCode === 200);
    const loser = results.find((res) => res.statusCode === 401);
    expect(loser?.json().code).toBe('TOKEN_INVALID');
    expect((await refresh(winner?.json().refreshToken)).statusCode).toBe(200);
  });

  it('expires a token unused for the sliding TTL, and every token at the absolute maximum', async () => {
    const idle = await registerAndLogin(app);
    offsetMs += 3_601_000;
    expect((await refresh(idle.refreshToken)).statusCode).toBe(401);

    const busy = await registerAndLogin(app);
    let token = busy.refreshToken;
    for (let step = 0; step < 3; step += 1) {
      offsetMs += 3_000_000; // 50 min, inside the sliding hour every time
      const res = await refresh(token);
      if (step < 2) {
        expect(res.statusCode).toBe(200);
        token = res.json().refreshToken;
        // The sliding expiry never passes the family's absolute end.
        expect(Date.parse(res.json().refreshTokenExpiresAt)).toBeLessThanOrEqual(
          now().getTime() + 7_200_000,
        );
      } else {
        expect(res.statusCode).toBe(401); // 150 min > 2 h absolute
      }
    }
  });

  it('answers 401 TOKEN_INVALID for an unknown token and 400 for a malformed body', async () => {
    const unknown = await refresh('A'.repeat(43));
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().code).toBe('TOKEN_INVALID');
    const bad = await app.inject({ method: 'POST', url: '/refresh', payload: { refreshToken: 7 } });
    expect(bad.statusCode).toBe(400);
    const extra = await app.inject({
      method: 'POST',
      url: '/refresh',
      payload: { refreshToken: 'x', userId: 'someone' },
    });
    expect(extra.statusCode).toBe(400);
  });

  it('POST /logout revokes the family and is idempotent', async () => {
    const session = await registerAndLogin(app);
    const next = (await refresh(session.refreshToken)).json();
    const out = await app.inject({
      method: 'POST',
      url: '/logout',
      payload: { refreshToken: session.refreshToken },
    });
    expect(out.statusCode).toBe(204);
    expect((await refresh(next.refreshToken)).statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/logout',
      payload: { refreshToken: session.refreshToken },
    });
    expect(again.statusCode).toBe(204);
  });

  it('POST /me/password needs the current password and ends every other session', async () => {
    const here = await registerAndLogin(app);
    const elsewhere = await login(app, here.email);
    const wrong = await app.inject({
      method: 'POST',
      url: '/me/password',
      headers: here.auth,
      payload: { currentPassword: 'wrong password', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.statusCode).toBe(403);
    const weak = await app.inject({
      method: 'POST',
      url: '/me/password',
      headers: here.auth,
      payload: { currentPassword: PASSWORD, newPassword: 'password' },
    });
    expect(weak.json().code).toBe('WEAK_PASSWORD');
    const res = await app.inject({
      method: 'POST',
      url: '/me/password',
      headers: here.auth,
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(res.statusCode).toBe(204);
    expect((await refresh(elsewhere.refreshToken)).statusCode).toBe(401);
    expect((await refresh(here.refreshToken)).statusCode).toBe(200);
    await expect(login(app, here.email)).rejects.toThrow(/401/);
    await login(app, here.email, 'a brand new passphrase');
  });
});
