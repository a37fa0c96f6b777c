import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocial } from '../../test/helper.js';
import {
  closedWith,
  createUser,
  eventPublisher,
  listen,
  openSocket,
  send,
  type EventPublisher,
  type S3User,
} from '../../test/s3-fixtures.js';
import { createDatabase, type Database } from '../db.js';
import { CHAT_QUEUES } from './index.js';

type Social = Awaited<ReturnType<typeof startSocial>>;

// Two social replicas on one database and one Redis, like two pods behind the gateway.
let first: Social;
let second: Social;
let firstHost: string;
let secondHost: string;
let db: Database;
let events: EventPublisher;

beforeAll(async () => {
  first = await startSocial();
  second = await startSocial({ rewriteDatabaseUrl: () => first.databaseUrl });
  [firstHost, secondHost] = await Promise.all([listen(first.app), listen(second.app)]);
  db = createDatabase(first.databaseUrl);
  events = await eventPublisher(first);
}, 120_000);
afterAll(async () => {
  await events?.close();
  await db?.$disconnect();
  await Promise.all([first?.close(), second?.close()]);
});

interface ConversationView {
  id: string;
  otherUser: { id: string; displayName: string | null; initials: string | null } | null;
  lastMessage: { id: string; body: string } | null;
  unreadCount: number;
  lastReadMessageId: string;
}
interface MessageView {
  id: string;
  conversationId: string;
  senderId: string;
  body: string;
  createdAt: string;
}

const open = (by: S3User, userId: string) =>
  first.app.inject({
    method: 'POST',
    url: '/conversations',
    headers: by.auth,
    payload: { userId },
  });
const post = (by: S3User, conversationId: string, body: Record<string, unknown>, app = first.app) =>
  app.inject({
    method: 'POST',
    url: `/conversations/${conversationId}/messages`,
    headers: by.auth,
    payload: body,
  });
const history = (by: S3User, conversationId: string, query = '') =>
  first.app.inject({
    method: 'GET',
    url: `/conversations/${conversationId}/messages${query}`,
    headers: by.auth,
  });
const markRead = (by: S3User, conversationId: string, upTo: string) =>
  first.app.inject({
    method: 'POST',
    url: `/conversations/${conversationId}/read`,
    headers: by.auth,
    payload: { upTo },
  });
const conversations = async (by: S3User, query = '') => {
  const res = await first.app.inject({
    method: 'GET',
    url: `/conversations${query}`,
    headers: by.auth,
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: ConversationView[]; nextCursor: string | null }>();
};
const block = (by: S3User, id: string, method: 'POST' | 'DELETE' = 'POST') =>
  first.app.inject({ method, url: `/users/${id}/block`, headers: by.auth });

async function pair(): Promise<{ ana: S3User; ben: S3User; conversationId: string }> {
  const ana = await createUser(db, 'Ana Lima');
  const ben = await createUser(db, 'Ben Okafor');
  const res = await open(ana, ben.id);
  expect(res.statusCode).toBe(201);
  return { ana, ben, conversationId: res.json<ConversationView>().id };
}

async function say(by: S3User, conversationId: string, body: string): Promise<MessageView> {
  const res = await post(by, conversationId, { body });
  expect(res.statusCode).toBe(201);
  return res.json<MessageView>();
}

describe('conversations', () => {
  it('when either user opens it, then it is one conversation: 201 the first time, 200 after', async () => {
    const { ana, ben, conversationId } = await pair();
    const again = await open(ana, ben.id);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: conversationId });
    const fromBen = await open(ben, ana.id);
    expect(fromBen.statusCode).toBe(200);
    expect(fromBen.json()).toMatchObject({
      id: conversationId,
      otherUser: { id: ana.id, displayName: 'Ana Lima', initials: 'SM' },
      lastMessage: null,
      unreadCount: 0,
    });
  });

  it('when both open it at once, then there is still one conversation', async () => {
    const ana = await createUser(db);
    const ben = await createUser(db);
    const results = await Promise.all([open(ana, ben.id), open(ben, ana.id), open(ana, ben.id)]);
    const ids = new Set(results.map((res) => res.json<ConversationView>().id));
    expect(ids.size).toBe(1);
    expect(results.filter((res) => res.statusCode === 201)).toHaveLength(1);
  });

  it('when the target is yourself, unknown, or not a uuid, then 400/404', async () => {
    const ana = await createUser(db);
    const self = await open(ana, ana.id);
    expect(self.statusCode).toBe(400);
    expect(self.json()).toMatchObject({ code: 'CANNOT_CHAT_WITH_SELF' });
    const unknown = await open(ana, randomUUID());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'USER_NOT_FOUND' });
    expect((await open(ana, 'nope')).statusCode).toBe(400);
    const extra = await first.app.inject({
      method: 'POST',
      url: '/conversations',
      headers: ana.auth,
      payload: { userId: randomUUID(), note: 'hi' },
    });
    expect(extra.statusCode).toBe(400);
    const anonymous = await first.app.inject({
      method: 'POST',
      url: '/conversations',
      payload: { userId: ana.id },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('when either user blocked the other, then opening and sending are refused 403', async () => {
    const { ana, ben, conversationId } = await pair();
    expect((await block(ben, ana.id)).statusCode).toBe(204);
    for (const [by, other] of [
      [ana, ben],
      [ben, ana],
    ] as const) {
      const refused = await open(by, other.id);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'CHAT_BLOCKED' });
      const sent = await post(by, conversationId, { body: 'hello?' });
      expect(sent.statusCode).toBe(403);
      expect(sent.json()).toMatchObject({ code: 'CHAT_BLOCKED' });
    }
    expect((await history(ana, conversationId)).json()).toEqual({ items: [], nextCursor: null });
    expect((await block(ben, ana.id, 'DELETE')).statusCode).toBe(204);
    expect((await post(ana, conversationId, { body: 'hello again' })).statusCode).toBe(201);
  });

  it('lists your conversations by last activity, with the last message and unread count, by cursor', async () => {
    const ana = await createUser(db);
    const others = [await createUser(db), await createUser(db), await createUser(db)];
    const ids: string[] = [];
    for (const other of others) {
      const id = (await open(ana, other.id)).json<ConversationView>().id;
      ids.push(id);
      await say(other, id, `hi from ${other.id}`);
      await say(other, id, 'are you there?');
    }
    // The first conversation becomes the most recent; replying reads what came before.
    const mine = await say(ana, ids[0] ?? '', 'yes');
    const firstPage = await conversations(ana, '?limit=2');
    expect(firstPage.items.map((c) => c.id)).toEqual([ids[0], ids[2]]);
    expect(firstPage.items[0]).toMatchObject({
      lastMessage: { id: mine.id, body: 'yes' },
      unreadCount: 0,
    });
    expect(firstPage.items[1]).toMatchObject({
      lastMessage: { body: 'are you there?' },
      unreadCount: 2,
      lastReadMessageId: '0',
    });
    const secondPage = await conversations(ana, `?limit=2&cursor=${firstPage.nextCursor}`);
    expect(secondPage.items.map((c) => c.id)).toEqual([ids[1]]);
    expect(secondPage.nextCursor).toBeNull();
    // The others see their own view: no unread (their own messages) until Ana's reply.
    const other0 = await conversations(others[0] as S3User);
    expect(other0.items).toEqual([
      expect.objectContaining({
        id: ids[0],
        unreadCount: 1,
        otherUser: expect.objectContaining({ id: ana.id }),
      }),
    ]);
    expect(
      (await first.app.inject({ method: 'GET', url: '/conversations?cursor=x', headers: ana.auth }))
        .statusCode,
    ).toBe(400);
  });
});

describe('messages', () => {
  it('when a body is empty, blank, over 2,000 characters or has extra fields, then 400; 2,000 is fine', async () => {
    const { ana, conversationId } = await pair();
    for (const body of [
      { body: '' },
      { body: '   \n ' },
      { body: 'x'.repeat(2_001) },
      {},
      { body: 'hi', to: 'x' },
    ]) {
      const res = await post(ana, conversationId, body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const longest = await post(ana, conversationId, { body: 'é'.repeat(2_000) });
    expect(longest.statusCode).toBe(201);
    expect(longest.json<MessageView>().body).toBe('é'.repeat(2_000));
  });

  it('stores bodies as written and pages history newest first', async () => {
    const { ana, ben, conversationId } = await pair();
    const sent: MessageView[] = [];
    for (const body of ['<b>one</b>', 'two', 'three', 'four', 'five']) {
      sent.push(await say(body === 'two' ? ben : ana, conversationId, body));
    }
    const page1 = (await history(ben, conversationId, '?limit=2')).json<{
      items: MessageView[];
      nextCursor: string | null;
    }>();
    expect(page1.items.map((m) => m.body)).toEqual(['five', 'four']);
    const page2 = (await history(ben, conversationId, `?limit=2&cursor=${page1.nextCursor}`)).json<{
      items: MessageView[];
      nextCursor: string | null;
    }>();
    expect(page2.items.map((m) => m.body)).toEqual(['three', 'two']);
    const page3 = (await history(ben, conversationId, `?limit=2&cursor=${page2.nextCursor}`)).json<{
      items: MessageView[];
      nextCursor: string | null;
    }>();
    expect(page3).toEqual({ items: [sent[0]], nextCursor: null });
    expect(sent[1]).toMatchObject({ senderId: ben.id, conversationId });
    expect((await history(ben, conversationId, '?limit=500')).statusCode).toBe(400);
  });

  it('when someone outside the conversation reads, writes or marks it, then 404 as if it did not exist (IDOR)', async () => {
    const { ana, conversationId } = await pair();
    const message = await say(ana, conversationId, 'private');
    const eve = await createUser(db, 'Eve');
    for (const res of [
      await history(eve, conversationId),
      await post(eve, conversationId, { body: 'let me in' }),
      await markRead(eve, conversationId, message.id),
      await history(eve, randomUUID()),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'CONVERSATION_NOT_FOUND' });
    }
    expect(
      (await history(ana, conversationId)).json<{ items: MessageView[] }>().items,
    ).toHaveLength(1);
  });

  it('moves the read marker forward only, never past the last message', async () => {
    const { ana, ben, conversationId } = await pair();
    const m1 = await say(ana, conversationId, 'one');
    const m2 = await say(ana, conversationId, 'two');
    expect((await conversations(ben)).items[0]).toMatchObject({ unreadCount: 2 });
    const read = await markRead(ben, conversationId, m1.id);
    expect(read.json()).toEqual({ conversationId, lastReadMessageId: m1.id });
    expect((await conversations(ben)).items[0]).toMatchObject({ unreadCount: 1 });
    expect((await markRead(ben, conversationId, '0')).json()).toMatchObject({
      lastReadMessageId: m1.id,
    });
    const past = await markRead(ben, conversationId, '999999999999');
    expect(past.json()).toMatchObject({ lastReadMessageId: m2.id });
    expect((await conversations(ben)).items[0]).toMatchObject({ unreadCount: 0 });
    expect((await markRead(ben, conversationId, '-1')).statusCode).toBe(400);
  });
});

describe('live chat over WebSocket, across replicas', () => {
  it('when a message is sent on one replica, then both users get it on the other; read markers too', async () => {
    const { ana, ben, conversationId } = await pair();
    const anaSocket = await openSocket(second.app, secondHost, ana);
    const benSocket = await openSocket(first.app, firstHost, ben);
    const message = await say(ana, conversationId, 'over the wire');
    expect(await benSocket.next()).toEqual({ v: 1, type: 'chat.message', message });
    expect(await anaSocket.next()).toEqual({ v: 1, type: 'chat.message', message });
    // Sent through the second replica: the first one's socket still gets it.
    const reply = (
      await post(ben, conversationId, { body: 'got it' }, second.app)
    ).json<MessageView>();
    expect(await anaSocket.next()).toEqual({ v: 1, type: 'chat.message', message: reply });
    expect(await benSocket.next()).toEqual({ v: 1, type: 'chat.message', message: reply });
    await markRead(ana, conversationId, reply.id);
    const read = { v: 1, type: 'chat.read', conversationId, userId: ana.id, upTo: reply.id };
    expect(await benSocket.next()).toEqual(read);
    expect(await anaSocket.next()).toEqual(read);
    anaSocket.close();
    benSocket.close();
  });

  it('relays typing to the other participant only, rate-limited per connection, never stored', async () => {
    const { ana, ben, conversationId } = await pair();
    const anaSocket = await openSocket(first.app, firstHost, ana);
    const benSocket = await openSocket(second.app, secondHost, ben);
    for (let i = 0; i < 3; i++) send(anaSocket, { type: 'chat.typing', conversationId });
    // Frames are handled in order: once the pong is back, the typing frames were handled.
    send(anaSocket, { type: 'ping' });
    expect(await anaSocket.next()).toEqual({ v: 1, type: 'pong' });
    const message = await say(ana, conversationId, 'done typing');
    expect(await benSocket.next()).toEqual({
      v: 1,
      type: 'chat.typing',
      conversationId,
      userId: ana.id,
    });
    // One typing frame, not three: the next frame is the message.
    expect(await benSocket.next()).toEqual({ v: 1, type: 'chat.message', message });
    expect(await anaSocket.next()).toEqual({ v: 1, type: 'chat.message', message });
    expect(await db.chatMessage.count({ where: { conversationId } })).toBe(1);
    anaSocket.close();
    benSocket.close();
  });

  it('when a client types in a conversation it is not in, or with a blocked user, then an error frame', async () => {
    const { ana, ben, conversationId } = await pair();
    const eve = await createUser(db, 'Eve');
    const eveSocket = await openSocket(first.app, firstHost, eve);
    send(eveSocket, { type: 'chat.typing', conversationId });
    expect(await eveSocket.next()).toMatchObject({
      v: 1,
      type: 'error',
      code: 'CONVERSATION_NOT_FOUND',
    });
    await block(ana, ben.id);
    const benSocket = await openSocket(first.app, firstHost, ben);
    send(benSocket, { type: 'chat.typing', conversationId });
    expect(await benSocket.next()).toMatchObject({ type: 'error', code: 'CONVERSATION_NOT_FOUND' });
    const typingFrame = await closedOrStillOpen(eveSocket);
    expect(typingFrame).toBe('open');
    eveSocket.close();
    benSocket.close();
  });

  it('when a client reconnects with resume, then it gets the messages it missed, then resumed, then live', async () => {
    const { ana, ben, conversationId } = await pair();
    let benSocket = await openSocket(first.app, firstHost, ben);
    const seen = await say(ana, conversationId, 'before the tunnel');
    expect(await benSocket.next()).toMatchObject({
      type: 'chat.message',
      message: { id: seen.id },
    });
    const gone = closedWith(benSocket);
    benSocket.close();
    await gone;
    const missed = [
      await say(ana, conversationId, 'in the tunnel 1'),
      await say(ana, conversationId, 'in the tunnel 2'),
    ];
    // Another conversation of Ben's is replayed too; a stranger's is not.
    const cleo = await createUser(db, 'Cleo');
    const other = (await open(cleo, ben.id)).json<ConversationView>().id;
    missed.push(await say(cleo, other, 'hi Ben'));
    const stranger = await pair();
    await say(stranger.ana, stranger.conversationId, 'not for Ben');

    benSocket = await openSocket(second.app, secondHost, ben);
    send(benSocket, { type: 'resume', chatAfter: seen.id });
    for (const message of missed) {
      expect(await benSocket.next()).toEqual({ v: 1, type: 'chat.message', message });
    }
    expect(await benSocket.next()).toEqual({
      v: 1,
      type: 'resumed',
      notifications: 0,
      chatMessages: 3,
      complete: true,
    });
    const live = await say(ana, conversationId, 'out of the tunnel');
    expect(await benSocket.next()).toEqual({ v: 1, type: 'chat.message', message: live });
    send(benSocket, { type: 'resume', chatAfter: '0' });
    expect(await benSocket.next()).toMatchObject({ type: 'error', code: 'ALREADY_RESUMED' });
    benSocket.close();
  });

  it('when more was missed than one resume replays, then it says it is incomplete', async () => {
    const limited = await startSocial({
      rewriteDatabaseUrl: () => first.databaseUrl,
      env: { WS_RESUME_LIMIT: '2' },
    });
    try {
      const host = await listen(limited.app);
      const { ana, ben, conversationId } = await pair();
      const sent = [];
      for (const body of ['a', 'b', 'c']) sent.push(await say(ana, conversationId, body));
      const ws = await openSocket(limited.app, host, ben);
      send(ws, { type: 'resume', chatAfter: '0' });
      expect(await ws.next()).toMatchObject({ message: { id: sent[0]?.id } });
      expect(await ws.next()).toMatchObject({ message: { id: sent[1]?.id } });
      expect(await ws.next()).toEqual({
        v: 1,
        type: 'resumed',
        notifications: 0,
        chatMessages: 2,
        complete: false,
      });
      ws.close();
    } finally {
      await limited.close();
    }
  });
});

describe('account deletion (auth.user.deleted.v1)', () => {
  it("erases the user's messages, blocks and participation once; the other side sees a deleted user", async () => {
    const { ana, ben, conversationId } = await pair();
    await say(ana, conversationId, 'from Ana');
    const fromBen = await say(ben, conversationId, 'from Ben');
    await say(ana, conversationId, 'Ana again');
    const cleo = await createUser(db);
    await block(ana, cleo.id);
    await block(cleo, ana.id);
    const kept = await pair();
    await say(kept.ana, kept.conversationId, 'untouched');

    const event = events.event('auth.user.deleted.v1', ana.id, {
      userId: ana.id,
      deletedAt: new Date().toISOString(),
    });
    await events.publish(event);
    await events.publish(event);
    await events.handled(db, CHAT_QUEUES.erasure, event.id);

    expect(await db.chatMessage.count({ where: { senderId: ana.id } })).toBe(0);
    expect(
      await db.block.count({ where: { OR: [{ blockerId: ana.id }, { blockedId: ana.id }] } }),
    ).toBe(0);
    expect(await db.conversationParticipant.count({ where: { userId: ana.id } })).toBe(0);
    expect(await db.conversation.count({ where: { pairKey: { contains: ana.id } } })).toBe(0);
    const [view] = (await conversations(ben)).items;
    expect(view).toMatchObject({
      id: conversationId,
      otherUser: null,
      lastMessage: fromBen,
      unreadCount: 0,
    });
    expect((await history(ben, conversationId)).json()).toEqual({
      items: [fromBen],
      nextCursor: null,
    });
    const closed = await post(ben, conversationId, { body: 'hello?' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ code: 'CONVERSATION_CLOSED' });
    expect(await db.chatMessage.count({ where: { conversationId: kept.conversationId } })).toBe(1);
  });
});

/** Whether the server closed the socket: a ping answered means it is still open. */
async function closedOrStillOpen(
  ws: Awaited<ReturnType<typeof openSocket>>,
): Promise<'open' | 'closed'> {
  if (ws.readyState !== ws.OPEN) return 'closed';
  send(ws, { type: 'ping' });
  return (await ws.next()).type === 'pong' ? 'open' : 'closed';
}
