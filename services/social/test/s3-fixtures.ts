import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { testTokens } from '@kavosh/auth-client/testing';
import { connectWebSocket, type TestWebSocket } from '@kavosh/testing';
import type { SocialApp } from '../src/app.js';
import type { Database } from '../src/db.js';

// Fixtures of S3's tests (blocks, chat, live delivery): users with profiles, sockets opened with
// a real ticket, and events published through the real broker as their producers would.

export interface S3User {
  id: string;
  auth: { authorization: string };
}

/** A user social knows (a profile row, as the profiles projection writes it) and a token. */
export async function createUser(db: Database, displayName = 'Sam Member'): Promise<S3User> {
  const id = randomUUID();
  await db.profile.create({
    data: { userId: id, displayName, initials: 'SM', roles: 'user', updatedAt: new Date() },
  });
  const token = await (await testTokens()).tokenFor({ userId: id });
  return { id, auth: { authorization: `Bearer ${token}` } };
}

/** Listens on a free loopback port; answers `host:port`. */
export async function listen(app: SocialApp): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** A socket of `user` on `host` that said `ready` (subscribed: a push sent now reaches it). */
export async function openSocket(
  app: SocialApp,
  host: string,
  user: S3User,
): Promise<TestWebSocket> {
  const res = await app.inject({ method: 'POST', url: '/ws-ticket', headers: user.auth });
  const { ticket } = res.json<{ ticket: string }>();
  const ws = await connectWebSocket(`ws://${host}/ws?ticket=${ticket}`);
  const ready = await ws.next();
  if (ready.type !== 'ready') throw new Error(`expected ready, got ${JSON.stringify(ready)}`);
  return ws;
}

export const send = (ws: TestWebSocket, frame: Record<string, unknown>) =>
  ws.send(JSON.stringify({ v: 1, ...frame }));

export const closedWith = (ws: TestWebSocket): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) =>
    ws.once('close', (code: number, reason: Buffer) =>
      resolve({ code, reason: reason.toString('utf8') }),
    ),
  );

export { eventPublisher, type EventPublisher } from './s1-fixtures.js';
