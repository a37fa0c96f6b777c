import { accountsRepository } from '../accounts/repository.js';
import type { User } from '../accounts/schemas.js';
import { normaliseEmail, toUser, type AccountsService } from '../accounts/service.js';
import { UserNotFound } from '../accounts/errors.js';
import type { Database } from '../db.js';

/** Admin views over accounts; changes go through the accounts service (events, last-admin rule). */
export function createUsersService(deps: { db: Database; accounts: AccountsService }) {
  return {
    async list(query: { cursor?: string; limit: number; email?: string }): Promise<{
      items: User[];
      nextCursor: string | null;
    }> {
      const rows = await accountsRepository.list(deps.db, {
        afterId: query.cursor,
        emailPrefix: query.email === undefined ? undefined : normaliseEmail(query.email),
        limit: query.limit + 1,
      });
      const items = rows.slice(0, query.limit).map(toUser);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > query.limit && last ? last.id : null };
    },

    async get(id: string): Promise<User> {
      const row = await accountsRepository.findById(deps.db, id);
      if (!row) throw new UserNotFound();
      return toUser(row);
    },

    changeRole: deps.accounts.changeRole,
    delete: deps.accounts.deleteAccount,
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
