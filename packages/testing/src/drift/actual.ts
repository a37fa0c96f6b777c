import type { Connection } from 'mariadb';
import { normalizeType } from './shape.js';
import type { IndexKind, SchemaShape, TableShape } from './shape.js';

interface ColumnRow {
  table_name: string;
  column_name: string;
  column_type: string;
  is_nullable: string;
  column_default: string | null;
  extra: string;
}
interface IndexRow {
  table_name: string;
  index_name: string;
  non_unique: number | bigint | string;
  column_name: string;
  index_type: string;
}
interface ForeignKeyRow {
  table_name: string;
  constraint_name: string;
  column_name: string;
  referenced_table_name: string;
  referenced_column_name: string;
  update_rule: string;
  delete_rule: string;
}

/** What the database schema looks like, from information_schema (works on MariaDB and MySQL). */
export async function actualShape(conn: Connection, schema: string): Promise<SchemaShape> {
  const shape: SchemaShape = new Map();
  const tables: { table_name: string }[] = await conn.query(
    "SELECT table_name AS table_name FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE'",
    [schema],
  );
  const tableOf = (name: string): TableShape => {
    let table = shape.get(name);
    if (table === undefined) {
      table = {
        name,
        columns: new Map(),
        primaryKey: [],
        indexes: new Map(),
        foreignKeys: new Map(),
      };
      shape.set(name, table);
    }
    return table;
  };
  for (const t of tables) tableOf(t.table_name);
  const [version]: { v: string }[] = await conn.query('SELECT VERSION() AS v');
  const isMariaDb = /mariadb/i.test(version?.v ?? '');

  const columns: ColumnRow[] = await conn.query(
    `SELECT table_name AS table_name, column_name AS column_name, column_type AS column_type, is_nullable AS is_nullable,
            column_default AS column_default, extra AS extra
       FROM information_schema.columns WHERE table_schema = ? ORDER BY table_name, ordinal_position`,
    [schema],
  );
  for (const c of columns) {
    if (!shape.has(c.table_name)) continue; // a view
    let type = normalizeType(c.column_type);
    // MariaDB stores JSON as LONGTEXT with a json_valid() CHECK.
    if (
      isMariaDb &&
      type === 'longtext' &&
      (await isMariaDbJson(conn, schema, c.table_name, c.column_name))
    )
      type = 'json';
    tableOf(c.table_name).columns.set(c.column_name, {
      name: c.column_name,
      type,
      nullable: c.is_nullable === 'YES',
      autoIncrement: /auto_increment/i.test(c.extra),
      // MariaDB reports a nullable column without a default as the text 'NULL'.
      hasDefault: c.column_default !== null && c.column_default.toUpperCase() !== 'NULL',
    });
  }

  const indexRows: IndexRow[] = await conn.query(
    `SELECT table_name AS table_name, index_name AS index_name, non_unique AS non_unique, column_name AS column_name,
            index_type AS index_type
       FROM information_schema.statistics WHERE table_schema = ? ORDER BY table_name, index_name, seq_in_index`,
    [schema],
  );
  for (const r of indexRows) {
    const table = tableOf(r.table_name);
    if (r.index_name === 'PRIMARY') {
      table.primaryKey.push(r.column_name);
      continue;
    }
    const kind: IndexKind =
      r.index_type === 'FULLTEXT' ? 'fulltext' : Number(r.non_unique) === 0 ? 'unique' : 'normal';
    const index = table.indexes.get(r.index_name) ?? { name: r.index_name, columns: [], kind };
    index.columns.push(r.column_name);
    table.indexes.set(r.index_name, index);
  }

  const fkRows: ForeignKeyRow[] = await conn.query(
    `SELECT k.table_name AS table_name, k.constraint_name AS constraint_name, k.column_name AS column_name,
            k.referenced_table_name AS referenced_table_name, k.referenced_column_name AS referenced_column_name,
            r.update_rule AS update_rule, r.delete_rule AS delete_rule
       FROM information_schema.key_column_usage k
       JOIN information_schema.referential_constraints r
         ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name AND r.table_name = k.table_name
      WHERE k.table_schema = ? AND k.referenced_table_name IS NOT NULL
      ORDER BY k.table_name, k.constraint_name, k.ordinal_position`,
    [schema],
  );
  for (const r of fkRows) {
    const table = tableOf(r.table_name);
    const fk = table.foreignKeys.get(r.constraint_name) ?? {
      name: r.constraint_name,
      columns: [],
      referencedTable: r.referenced_table_name,
      referencedColumns: [],
      onDelete: r.delete_rule,
      onUpdate: r.update_rule,
    };
    fk.columns.push(r.column_name);
    fk.referencedColumns.push(r.referenced_column_name);
    table.foreignKeys.set(r.constraint_name, fk);
  }
  return shape;
}

async function isMariaDbJson(
  conn: Connection,
  schema: string,
  table: string,
  column: string,
): Promise<boolean> {
  const rows: unknown[] = await conn.query(
    `SELECT 1 FROM information_schema.check_constraints
      WHERE constraint_schema = ? AND table_name = ? AND check_clause LIKE CONCAT('%json_valid(\`', ?, '\`)%')`,
    [schema, table, column],
  );
  return rows.length > 0;
}
