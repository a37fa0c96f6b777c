import { createConnection, type Connection } from 'mariadb';

/** MariaDB's "Too many connections": the test server is shared by every test running at once. */
const TOO_MANY_CONNECTIONS = 1040;

async function connect(url: string): Promise<Connection> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await createConnection(url.replace(/^mysql:/, 'mariadb:'));
    } catch (err) {
      const errno = (err as { errno?: number }).errno;
      if (errno !== TOO_MANY_CONNECTIONS || Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Runs `fn` on a connection to one service's test schema (its `system.databases` URL). */
export async function withSchema<T>(url: string, fn: (conn: Connection) => Promise<T>): Promise<T> {
  const conn = await connect(url);
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

export const countRows = async (
  conn: Connection,
  sql: string,
  params: unknown[] = [],
): Promise<number> => {
  const rows: { n: bigint | number }[] = await conn.query(sql, params);
  return Number(rows[0]?.n ?? 0);
};

/** The messaging transport tables (packages/messaging): event logs, not the service's data. */
export const TRANSPORT_TABLES = ['outbox', 'outbox_lease', 'inbox', '_prisma_migrations'];

export interface Occurrence {
  table: string;
  column: string;
  needle: string;
  rows: number;
}

/**
 * Every table and text column of the schema (besides the transport tables) where one of the
 * needles occurs as a substring: where a deleted user's email, name, words or id still live.
 */
export async function findInSchema(conn: Connection, needles: string[]): Promise<Occurrence[]> {
  const columns: { table: string; column: string }[] = await conn.query(
    `SELECT table_name AS \`table\`, column_name AS \`column\`
       FROM information_schema.columns
      WHERE table_schema = DATABASE()
        AND data_type IN ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'json')
      ORDER BY table_name, ordinal_position`,
  );
  const found: Occurrence[] = [];
  for (const { table, column } of columns) {
    if (TRANSPORT_TABLES.includes(table)) continue;
    for (const needle of needles) {
      const rows = await countRows(
        conn,
        `SELECT COUNT(*) AS n FROM \`${table}\` WHERE INSTR(\`${column}\`, ?) > 0`,
        [needle],
      );
      if (rows > 0) found.push({ table, column, needle, rows });
    }
  }
  return found;
}
