import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KavoshApp } from '@kavosh/service-kit';
import type { TestService } from '@kavosh/testing';
import { startAuth } from '../../test/helper.js';
import { PASSWORD, registerAndLogin } from '../../test/fixtures.js';

const ORIGIN = 'http://localhost:8080';

/** name → { value, attributes } of each Set-Cookie header. */
function cookiesOf(
  header: string | string[] | undefined,
): Map<string, { value: string; attrs: string }> {
  const list = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return new Map(
    list.map((line) => {
      const [pair = '', ...attrs] = line.split('; ');
      const [name = '', value = ''] = pair.split('=');
      return [name, { value: decodeURIComponent(value), attrs: attrs.join('; ') }];
    }),
  );
}

describe('refresh token in a cookie (browsers)', () => {
  let svc: TestService<KavoshApp>;
  let app: KavoshApp;

  beforeAll(async () => {
    svc = await startAuth();
    app = svc.app;
  });
  afterAll(() => svc.close());

  async function cookieLogin() {
    const { email } = await registerAndLogin(app);
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      payload: { email, password: PASSWORD, refreshTokenCookie: true },
    });
    expect(res.statusCode).toBe(200);
    const cookies = cookiesOf(res.headers['set-cookie']);
    return { body: res.json(), cookies };
  }

  const cookieHeader = (refresh: string, csrf: string) =>
    `kavosh_refresh=${encodeURIComponent(refresh)}; kavosh_csrf=${encodeURIComponent(csrf)}`;

  it('sets an HttpOnly, Secure, SameSite=Strict cookie scoped to auth, and keeps the token out of the body', async () => {
    const { body, cookies } = await cookieLogin();
    expect(body.refreshToken).toBeUndefined();
    expect(body.csrfToken).toEqual(expect.any(String));
    const refresh = cookies.get('kavosh_refresh');
    expect(refresh?.attrs).toMatch(/HttpOnly/);
    expect(refresh?.attrs).toMatch(/Secure/);
    expect(refresh?.attrs).toMatch(/SameSite=Strict/);
    expect(refresh?.attrs).toMatch(/Path=\/api\/auth/);
    expect(cookies.get('kavosh_csrf')?.value).toBe(body.csrfToken);
  });

  it('refreshes from the cookie with an allowed Origin and the double-submit token', async () => {
    const { body, cookies } = await cookieLogin();
    const res = await app.inject({
      method: 'POST',
      url: '/refresh',
      payload: {},
      headers: {
        origin: ORIGIN,
        'x-csrf-token': body.csrfToken,
        cookie: cookieHeader(cookies.get('kavosh_refresh')?.value ?? '', body.csrfToken),
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().accessToken).toEqual(expect.any(String));
    expect(cookiesOf(res.headers['set-cookie']).get('kavosh_refresh')?.value).not.toBe(
      cookies.get('kavosh_refresh')?.value,
    );
  });

  it('refuses with 403 CSRF_REJECTED: a foreign Origin, no Origin, a missing or wrong CSRF header', async () => {
    const { body, cookies } = await cookieLogin();
    const cookie = cookieHeader(cookies.get('kavosh_refresh')?.value ?? '', body.csrfToken);
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example', 'x-csrf-token': body.csrfToken, cookie },
      { 'x-csrf-token': body.csrfToken, cookie },
      { origin: ORIGIN, cookie },
      { origin: ORIGIN, 'x-csrf-token': 'guessed', cookie },
    ];
    for (const headers of attempts) {
      const res = await app.inject({ method: 'POST', url: '/refresh', headers, payload: {} });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('CSRF_REJECTED');
    }
  });

  it('logs out from the cookie and clears it', async () => {
    const { body, cookies } = await cookieLogin();
    const refresh = cookies.get('kavosh_refresh')?.value ?? '';
    const headers = {
      origin: ORIGIN,
      'x-csrf-token': body.csrfToken,
      cookie: cookieHeader(refresh, body.csrfToken),
    };
    const out = await app.inject({ method: 'POST', url: '/logout', headers, payload: {} });
    expect(out.statusCode).toBe(204);
    expect(cookiesOf(out.headers['set-cookie']).get('kavosh_refresh')?.attrs).toMatch(/Max-Age=0/);
    const again = await app.inject({
      method: 'POST',
      url: '/refresh',
      payload: { refreshToken: refresh },
    });
    expect(again.statusCode).toBe(401);
  });

  it('ignores a malformed refresh cookie: 401 TOKEN_INVALID on refresh, 204 on logout', async () => {
    for (const value of ['%', '%zz', '%E0%A4%A', 'abc%']) {
      const headers = { origin: ORIGIN, 'x-csrf-token': 'x', cookie: `kavosh_refresh=${value}` };
      const refresh = await app.inject({ method: 'POST', url: '/refresh', headers, payload: {} });
      expect([value, refresh.statusCode]).toEqual([value, 401]);
      expect(refresh.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refresh.json().code).toBe('TOKEN_INVALID');
      const logout = await app.inject({ method: 'POST', url: '/logout', headers, payload: {} });
      expect([value, logout.statusCode]).toEqual([value, 204]);
    }
  });

  it('refreshes from the cookie when other cookies are malformed', async () => {
    const { body, cookies } = await cookieLogin();
    const res = await app.inject({
      method: 'POST',
      url: '/refresh',
      payload: {},
      headers: {
        origin: ORIGIN,
        'x-csrf-token': body.csrfToken,
        cookie: `theme=%zz; ${cookieHeader(cookies.get('kavosh_refresh')?.value ?? '', body.csrfToken)}; tracker=%E0%A4%A; broken=%`,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().accessToken).toEqual(expect.any(String));
  });

  it('answers 401 for a refresh with neither body token nor cookie', async () => {
    const res = await app.inject({ method: 'POST', url: '/refresh', payload: {} });
    expect(res.statusCode).toBe(401);
  });
});
