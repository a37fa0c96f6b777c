import { randomUUID } from 'node:crypto';
import type { KavoshApp } from '@kavosh/service-kit';

export const PASSWORD = 'correct horse battery staple';

export interface Session {
  userId: string;
  email: string;
  accessToken: string;
  refreshToken: string;
  auth: { authorization: string };
}

export const uniqueEmail = (label = 'user'): string =>
  `${label}-${randomUUID().slice(0, 8)}@example.com`;

/** Registers a new account and logs it in. */
export async function registerAndLogin(
  app: KavoshApp,
  opts: { email?: string; password?: string; displayName?: string } = {},
): Promise<Session> {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? PASSWORD;
  const reg = await app.inject({
    method: 'POST',
    url: '/register',
    payload: { email, password, displayName: opts.displayName ?? 'Test User' },
  });
  if (reg.statusCode !== 201) throw new Error(`register: ${reg.statusCode} ${reg.body}`);
  return login(app, email, password);
}

export async function login(app: KavoshApp, email: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login: ${res.statusCode} ${res.body}`);
  const body: { user: { id: string }; accessToken: string; refreshToken: string } = res.json();
  return {
    userId: body.user.id,
    email,
    accessToken: body.accessToken,
    refreshToken: body.refreshToken,
    auth: { authorization: `Bearer ${body.accessToken}` },
  };
}
