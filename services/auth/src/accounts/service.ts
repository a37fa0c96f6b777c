import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Identity, Role } from '@kavosh/auth-client';
import { publishInTx, type Messaging } from '@kavosh/messaging';
import type { Database } from '../db.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { PasswordHasher } from '../passwords/hasher.js';
import { assertAcceptablePassword } from '../passwords/policy.js';
import type { SessionsService, TokenPair } from '../sessions/service.js';
import {
  BootstrapAdminRefused,
  EmailTaken,
  InvalidCredentials,
  LastAdmin,
  UserNotFound,
  WrongPassword,
} from './errors.js';
import { userEvents } from './events.js';
import { accountsRepository as repo, type UserRow } from './repository.js';
import type { User } from './schemas.js';
import type { LoginThrottle } from './throttle.js';

type Tx = Prisma.TransactionClient;

/** Emails compare trimmed and in lower case (the domain is case-insensitive; we treat all of it so). */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export const toUser = (row: UserRow): User => ({
  id: row.id,
  email: row.email,
  displayName: row.displayName,
  role: row.role,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export function createAccountsService(deps: {
  db: Database;
  messaging: Messaging<Tx>;
  hasher: PasswordHasher;
  sessions: SessionsService;
  throttle: LoginThrottle;
  logger: Logger;
  now: () => Date;
}) {
  const { db, messaging, hasher, sessions, throttle } = deps;

  async function create(
    input: {
      email: string;
      password: string;
      displayName: string;
      role: Role;
    },
    traceparent?: string,
  ): Promise<UserRow> {
    const email = normaliseEmail(input.email);
    assertAcceptablePassword(input.password, { email });
    const passwordHash = await hasher.hash(input.password);
    return messaging.transaction(async (tx) => {
      const user = await repo.insert(tx, {
        id: randomUUID(),
        email,
        displayName: input.displayName.trim(),
        role: input.role,
        passwordHash,
        at: deps.now(),
      });
      await publishInTx(tx, userEvents.registered(user, traceparent));
      return user;
    });
  }

  /**
   * Runs one password check under the throttle: the attempt is counted before the check, so it
   * stays counted when the password is wrong; a right password forgets the account's failures,
   * and a check that never answered (hasher busy, database down) is taken back.
   */
  async function throttled<T>(
    email: string,
    ip: string,
    check: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    await throttle.acquire(email, ip);
    let result: T | undefined;
    try {
      result = await check();
    } catch (err) {
      await throttle.notChecked(email, ip).catch((refundErr: unknown) => {
        // The check's own error is the answer; a refund that fails leaves one attempt counted.
        deps.logger.warn({ err: refundErr }, 'login attempt not taken back');
      });
      throw err;
    }
    if (result !== undefined) await throttle.succeeded(email, ip);
    return result;
  }

  /** Checks the password of a signed-in user, throttled like logins; throws WrongPassword. */
  async function confirmPassword(user: UserRow, password: string, ip: string): Promise<void> {
    const right = await throttled(user.email, ip, async () =>
      (await hasher.verify(user.passwordHash, password)) ? true : undefined,
    );
    if (!right) throw new WrongPassword();
  }

  async function existing(userId: string): Promise<UserRow> {
    const user = await repo.findById(db, userId);
    if (!user) throw new UserNotFound();
    return user;
  }

  const service = {
    /** A new account with the role `user`; publishes auth.user.registered.v1 in the same transaction. */
    async register(
      input: { email: string; password: string; displayName: string },
      traceparent?: string,
    ): Promise<User> {
      return toUser(await create({ ...input, role: 'user' }, traceparent));
    },

    /**
     * Checks the credentials and starts a session. An unknown email costs one argon2 verify like a
     * wrong password and answers the same INVALID_CREDENTIALS.
     */
    async login(
      input: { email: string; password: string },
      ip: string,
    ): Promise<{ user: User; tokens: TokenPair }> {
      const email = normaliseEmail(input.email);
      const user = await throttled(email, ip, async () => {
        const found = await repo.findByEmail(db, email);
        const ok = found
          ? await hasher.verify(found.passwordHash, input.password)
          : await hasher.verifyDummy(input.password);
        return ok ? found : undefined;
      });
      if (!user) throw new InvalidCredentials();
      if (hasher.needsRehash(user.passwordHash)) {
        // Parameters changed since this hash was made: upgrade it while we know the password.
        await repo.setPasswordHash(db, user.id, await hasher.hash(input.password));
      }
      const tokens = await sessions.start({ userId: user.id, role: user.role });
      return { user: toUser(user), tokens };
    },

    async me(userId: string): Promise<User> {
      return toUser(await existing(userId));
    },

    /** Changes the display name; publishes auth.user.updated.v1. */
    async updateDisplayName(
      userId: string,
      displayName: string,
      traceparent?: string,
    ): Promise<User> {
      return messaging.transaction(async (tx) => {
        if (!(await repo.lockById(tx, userId))) throw new UserNotFound();
        const user = await repo.update(tx, userId, {
          displayName: displayName.trim(),
          at: deps.now(),
        });
        await publishInTx(tx, userEvents.updated(user, traceparent));
        return toUser(user);
      });
    },

    /** Needs the current password; ends every other session of the user. */
    async changePassword(
      identity: Identity,
      input: { currentPassword: string; newPassword: string },
      ip: string,
    ): Promise<void> {
      const user = await existing(identity.userId);
      await confirmPassword(user, input.currentPassword, ip);
      assertAcceptablePassword(input.newPassword, { email: user.email });
      const passwordHash = await hasher.hash(input.newPassword);
      await db.$transaction(async (tx) => {
        await repo.update(tx, user.id, { passwordHash, at: deps.now() });
        await sessions.revokeOthers(tx, user.id, identity.sessionId);
      });
    },

    /** Needs the password; deletes the account (auth.user.deleted.v1). */
    async deleteSelf(
      userId: string,
      password: string,
      ip: string,
      traceparent?: string,
    ): Promise<void> {
      const user = await existing(userId);
      await confirmPassword(user, password, ip);
      await service.deleteAccount(userId, traceparent);
    },

    /** Deletes any account but the last admin; publishes auth.user.deleted.v1. */
    async deleteAccount(userId: string, traceparent?: string): Promise<void> {
      await messaging.transaction(async (tx) => {
        const admins = await repo.lockAdmins(tx);
        const user = await repo.lockById(tx, userId);
        if (!user) throw new UserNotFound();
        if (user.role === 'admin' && admins.length <= 1) throw new LastAdmin();
        await repo.delete(tx, userId);
        await publishInTx(tx, userEvents.deleted(userId, deps.now(), traceparent));
      });
    },

    /** Sets the role; the last admin keeps theirs. Publishes auth.user.updated.v1. */
    async changeRole(userId: string, role: Role, traceparent?: string): Promise<User> {
      return messaging.transaction(async (tx) => {
        const admins = await repo.lockAdmins(tx);
        const user = await repo.lockById(tx, userId);
        if (!user) throw new UserNotFound();
        if (user.role === role) return toUser(user);
        if (user.role === 'admin' && admins.length <= 1) throw new LastAdmin();
        const updated = await repo.update(tx, userId, { role, at: deps.now() });
        await publishInTx(tx, userEvents.updated(updated, traceparent));
        return toUser(updated);
      });
    },

    /**
     * When no admin exists yet, creates the bootstrap admin, or promotes the account that already
     * has its email, but only when that account's password is the bootstrap password: registration
     * is public, so anyone could have taken the email first. Throws BootstrapAdminRefused then.
     */
    async ensureBootstrapAdmin(email: string, password: string): Promise<void> {
      if ((await repo.countAdmins(db)) > 0) return;
      let existingUser = await repo.findByEmail(db, normaliseEmail(email));
      if (!existingUser) {
        try {
          await create({ email, password, displayName: 'Admin', role: 'admin' });
          deps.logger.info('bootstrap admin created');
          return;
        } catch (err) {
          // Another replica starting at the same moment created it first (checked below).
          if (!(err instanceof EmailTaken)) throw err;
        }
        existingUser = await repo.findByEmail(db, normaliseEmail(email));
      }
      if (!existingUser || existingUser.role === 'admin') return;
      if (!(await hasher.verify(existingUser.passwordHash, password))) {
        throw new BootstrapAdminRefused();
      }
      await service.changeRole(existingUser.id, 'admin');
      deps.logger.info({ userId: existingUser.id }, 'bootstrap admin promoted');
    },
  };
  return service;
}
export type AccountsService = ReturnType<typeof createAccountsService>;
