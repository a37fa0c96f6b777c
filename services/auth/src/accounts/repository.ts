import { ROLES, type Role } from '@kavosh/auth-client';
import type { Database } from '../db.js';
import { Prisma } from '../generated/prisma/client.js';
import { EmailTaken } from './errors.js';

type Tx = Prisma.TransactionClient;
type Sql = Database | Tx;

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}

const toRole = (value: string): Role => {
  const role = ROLES.find((candidate) => candidate === value);
  if (!role) throw new Error(`users.role holds an unknown role "${value}"`);
  return role;
};

const toUserRow = (row: Omit<UserRow, 'role'> & { role: string }): UserRow => ({
  ...row,
  role: toRole(row.role),
});

export const accountsRepository = {
  async insert(
    tx: Tx,
    user: {
      id: string;
      email: string;
      displayName: string;
      role: Role;
      passwordHash: string;
      at: Date;
    },
  ): Promise<UserRow> {
    try {
      const row = await tx.user.create({
        data: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          role: user.role,
          passwordHash: user.passwordHash,
          createdAt: user.at,
          updatedAt: user.at,
        },
      });
      return toUserRow(row);
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        throw new EmailTaken();
      }
      throw err;
    }
  },

  /**
   * Raw SQL: every login reads the account by email, and a model call costs ≈ 2.5 × the CPU of
   * the same query through $queryRaw (docs/auth.md, "Performance"). Tested against the model call.
   */
  async findByEmail(db: Sql, email: string): Promise<UserRow | undefined> {
    const rows = await db.$queryRaw<(Omit<UserRow, 'role'> & { role: string })[]>`
      SELECT id, email, display_name AS displayName, role, password_hash AS passwordHash,
             created_at AS createdAt, updated_at AS updatedAt
      FROM users WHERE email = ${email}`;
    return rows[0] ? toUserRow(rows[0]) : undefined;
  },

  /** findByEmail as a model call: the reference the raw query is tested against. */
  async findByEmailViaModel(db: Sql, email: string): Promise<UserRow | undefined> {
    const row = await db.user.findUnique({ where: { email } });
    return row ? toUserRow(row) : undefined;
  },

  async findById(db: Sql, id: string): Promise<UserRow | undefined> {
    const row = await db.user.findUnique({ where: { id } });
    return row ? toUserRow(row) : undefined;
  },

  /** The row, locked for the rest of the transaction. */
  async lockById(tx: Tx, id: string): Promise<UserRow | undefined> {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM users WHERE id = ${id} FOR UPDATE`;
    return rows[0] ? accountsRepository.findById(tx, id) : undefined;
  },

  /** Ids of every admin, locked: demotions and deletions of admins serialise on them. */
  async lockAdmins(tx: Tx): Promise<string[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM users WHERE role = 'admin' FOR UPDATE`;
    return rows.map((row) => row.id);
  },

  async update(
    tx: Tx,
    id: string,
    data: { displayName?: string; role?: Role; passwordHash?: string; at: Date },
  ): Promise<UserRow> {
    const row = await tx.user.update({
      where: { id },
      data: {
        displayName: data.displayName,
        role: data.role,
        passwordHash: data.passwordHash,
        updatedAt: data.at,
      },
    });
    return toUserRow(row);
  },

  async setPasswordHash(db: Sql, id: string, passwordHash: string): Promise<void> {
    await db.user.update({ where: { id }, data: { passwordHash } });
  },

  /** Deletes the user; their refresh tokens go with them (foreign key, ON DELETE CASCADE). */
  async delete(tx: Tx, id: string): Promise<void> {
    await tx.user.delete({ where: { id } });
  },

  async list(
    db: Sql,
    opts: { afterId?: string; emailPrefix?: string; limit: number },
  ): Promise<UserRow[]> {
    const rows = await db.user.findMany({
      where: {
        ...(opts.afterId === undefined ? {} : { id: { gt: opts.afterId } }),
        ...(opts.emailPrefix === undefined ? {} : { email: { startsWith: opts.emailPrefix } }),
      },
      orderBy: { id: 'asc' },
      take: opts.limit,
    });
    return rows.map(toUserRow);
  },

  async countAdmins(db: Sql): Promise<number> {
    return db.user.count({ where: { role: 'admin' } });
  },
};
